#!/usr/bin/env node
// Prisma tasks that work offline, for both providers.
//
//   node scripts/prisma.mjs generate          generate the SQLite and PostgreSQL clients
//   node scripts/prisma.mjs migration NAME    write prisma/migrations/{sqlite,postgresql}/NNNN_NAME
//   node scripts/prisma.mjs check             fail if schema.prisma has changes without a migration
//
// prisma/schema.prisma (SQLite) is the source of truth; the PostgreSQL schema differs only in its
// provider and output folder. Migrations are plain SQL applied by lib/db/migrate.ts, because the
// Prisma CLI's own migrate commands need an engine binary or fail on PostgreSQL here.
//
// DESKBRIDGE_SCHEMA and DESKBRIDGE_MIGRATIONS_DIR point it at another schema and migrations folder
// (the migration runner honours the same DESKBRIDGE_MIGRATIONS_DIR), e.g. to try a change on a copy.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const schemaPath = path.resolve(process.env.DESKBRIDGE_SCHEMA ?? path.join(root, "prisma", "schema.prisma"));
const migrationsDir = path.resolve(process.env.DESKBRIDGE_MIGRATIONS_DIR ?? path.join(root, "prisma", "migrations"));
const snapshotPath = path.join(migrationsDir, "schema.snapshot.prisma");
const derivedDir = path.join(root, "node_modules", ".deskbridge-prisma");
const providers = ["sqlite", "postgresql"];

function derive(schema, provider) {
  if (provider === "sqlite") return schema;
  return schema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"[^"]*"/, `output = "${path.join(root, "lib", "generated", "postgresql")}"`)
    .replace(/url\s*=\s*"file:[^"]*"/, 'url = "postgresql://localhost/deskbridge"');
}

function writeDerived(schema, provider, name) {
  fs.mkdirSync(derivedDir, { recursive: true });
  const file = path.join(derivedDir, `${name}.${provider}.prisma`);
  // Keep the generator's output pointing at the repo when the schema is read from elsewhere.
  const text = derive(schema, provider).replace(
    /output\s*=\s*"\.\.\/lib\/generated\/sqlite"/,
    `output = "${path.join(root, "lib", "generated", "sqlite")}"`,
  );
  if (provider === "postgresql" && !text.includes('provider = "postgresql"')) {
    throw new Error("could not derive the PostgreSQL schema: the datasource block changed shape");
  }
  fs.writeFileSync(file, text);
  return file;
}

function prisma(args) {
  // Any existing file keeps the CLI from downloading a schema-engine binary; engine "js" is used.
  const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: schemaPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
  return execFileSync(process.execPath, [path.join(root, "node_modules", "prisma", "build", "index.js"), ...args], {
    cwd: root,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function generate() {
  const schema = fs.readFileSync(schemaPath, "utf8");
  prisma(["generate", "--schema", schemaPath]);
  prisma(["generate", "--schema", writeDerived(schema, "postgresql", "current")]);
  console.log("prisma: generated the sqlite and postgresql clients");
}

function diffScript(provider, fromSchema, toSchema) {
  const to = writeDerived(toSchema, provider, "to");
  const args = ["migrate", "diff", "--to-schema-datamodel", to, "--script"];
  if (fromSchema === null) args.push("--from-empty");
  else args.push("--from-schema-datamodel", writeDerived(fromSchema, provider, "from"));
  return prisma(args);
}

function pendingChanges() {
  const current = fs.readFileSync(schemaPath, "utf8");
  const previous = fs.existsSync(snapshotPath) ? fs.readFileSync(snapshotPath, "utf8") : null;
  return { current, previous, sql: Object.fromEntries(providers.map((p) => [p, diffScript(p, previous, current)])) };
}

const isEmptyDiff = (sql) => !sql.split("\n").some((line) => line.trim() && !line.trim().startsWith("--"));

function migration(name) {
  if (!/^[a-z0-9_]+$/.test(name ?? "")) throw new Error("migration NAME: lower-case letters, digits and _ only");
  const { current, sql } = pendingChanges();
  if (providers.every((p) => isEmptyDiff(sql[p]))) {
    console.log("prisma: schema.prisma has no changes since the last migration");
    return;
  }
  for (const provider of providers) {
    const dir = path.join(migrationsDir, provider);
    fs.mkdirSync(dir, { recursive: true });
    const next = fs.readdirSync(dir).filter((d) => /^\d{4}_/.test(d)).length + 1;
    const target = path.join(dir, `${String(next).padStart(4, "0")}_${name}`);
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, "migration.sql"), sql[provider]);
    console.log(`prisma: wrote ${path.relative(root, target)}/migration.sql`);
  }
  fs.writeFileSync(snapshotPath, current);
}

function check() {
  const { sql } = pendingChanges();
  const dirty = providers.filter((p) => !isEmptyDiff(sql[p]));
  if (dirty.length) {
    console.error(
      `prisma: schema.prisma changed without a migration (${dirty.join(", ")}); run: npm run db:migration -- NAME`,
    );
    process.exit(1);
  }
  console.log("prisma: migrations match schema.prisma");
}

const [command, arg] = process.argv.slice(2);
try {
  if (command === "generate") generate();
  else if (command === "migration") migration(arg);
  else if (command === "check") check();
  else {
    console.error("usage: node scripts/prisma.mjs generate | migration NAME | check");
    process.exit(2);
  }
} catch (error) {
  console.error(`prisma: ${error.stderr || error.message}`);
  process.exit(1);
}
