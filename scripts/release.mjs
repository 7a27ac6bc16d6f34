#!/usr/bin/env node
// npm run release: builds Deskbridge (Next.js's standalone output) and assembles one folder that
// runs with Node.js alone, without the source tree or `npm install`:
//
//   release/deskbridge/
//     server.mjs             the production server (bin/server.mjs; workers.mjs for DESKBRIDGE_WORKERS)
//     cli.mjs, deskbridge    the command line, bundled (`node cli.mjs …` or `./deskbridge …`)
//     .next/                 the compiled app, with its static files
//     public/                files served as they are
//     prisma/migrations/     the SQL the server and the CLI apply
//     node_modules/          only the packages the server uses (traced by Next.js), including
//                            better-sqlite3's native module for this platform
//
//   node scripts/release.mjs [--skip-build] [--out DIR]
//     --skip-build  reuse the existing production build (.next) instead of running `next build`
//     --out DIR     write the folder somewhere else (default: release/deskbridge)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { cliOptions } from "./build-cli.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: { "skip-build": { type: "boolean" }, out: { type: "string" } },
});
const out = path.resolve(values.out ?? path.join(root, "release", "deskbridge"));
const standalone = path.join(root, ".next", "standalone");

if (!values["skip-build"]) {
  const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const result = spawnSync(process.execPath, [next, "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
if (!fs.existsSync(path.join(standalone, "server.js"))) {
  console.error(
    `release: ${standalone} is missing; run a production build (next.config.mjs sets output: "standalone")`,
  );
  process.exit(1);
}
const buildId = fs.readFileSync(path.join(root, ".next", "BUILD_ID"), "utf8").trim();
if (fs.readFileSync(path.join(standalone, ".next", "BUILD_ID"), "utf8").trim() !== buildId) {
  console.error("release: .next/standalone is from another build; run the build again");
  process.exit(1);
}

// Symlinks stay as they are (relative, inside the folder), so the folder can be moved.
const copy = (from, to) => fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.dirname(out), { recursive: true });
copy(standalone, out);
// Next.js's own entry point is replaced by Deskbridge's server (the source address, early refusals).
fs.rmSync(path.join(out, "server.js"));
copy(path.join(root, ".next", "static"), path.join(out, ".next", "static"));
if (fs.existsSync(path.join(root, "public"))) copy(path.join(root, "public"), path.join(out, "public"));
fs.rmSync(path.join(out, "prisma"), { recursive: true, force: true });
copy(path.join(root, "prisma", "migrations"), path.join(out, "prisma", "migrations"));
fs.copyFileSync(path.join(root, "bin", "server.mjs"), path.join(out, "server.mjs"));
fs.copyFileSync(path.join(root, "bin", "workers.mjs"), path.join(out, "workers.mjs"));
fs.mkdirSync(path.join(out, "lib"), { recursive: true });
for (const file of ["security-headers.mjs", "client-address.mjs"])
  fs.copyFileSync(path.join(root, "lib", file), path.join(out, "lib", file));

// The CLI, bundled into one file; packages with native or WebAssembly parts, and jsdom (which
// reads its own files at load), stay in node_modules, where the server's trace already put them.
await build({
  ...cliOptions,
  outfile: path.join(out, "cli.mjs"),
  external: [
    "better-sqlite3",
    "pg",
    "pg-native",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "re2-wasm",
    "jsdom",
  ],
  banner: {
    js: [
      "#!/usr/bin/env node",
      "import { createRequire as __deskbridgeRequire } from 'node:module';",
      "const require = __deskbridgeRequire(import.meta.url);",
      // The migrations beside this file, wherever it is run from.
      "process.env.DESKBRIDGE_MIGRATIONS_DIR ||=",
      "  decodeURIComponent(new URL('./prisma/migrations', import.meta.url).pathname);",
    ].join("\n"),
  },
});
fs.writeFileSync(
  path.join(out, "deskbridge"),
  '#!/bin/sh\n# The deskbridge command line of this release.\nexec node "$(dirname "$0")/cli.mjs" "$@"\n',
  { mode: 0o755 },
);

// The bundled CLI must load from the folder alone: a package it needs that the bundle cannot hold
// (one that reads its own files at load) fails here, not on the operator's first command.
const smoke = spawnSync(process.execPath, [path.join(out, "cli.mjs"), "--help"], { cwd: out, encoding: "utf8" });
if (smoke.status !== 0) {
  console.error(`release: the bundled CLI does not start:\n${smoke.stderr || smoke.stdout}`);
  process.exit(1);
}

/** Bytes under a folder (files and symlinks themselves, not what links point at). */
function size(dir) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? size(full) : fs.lstatSync(full).size;
  }
  return total;
}
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const modules = size(path.join(out, "node_modules"));
const shown = path.relative(process.cwd(), out) || ".";
console.log(`release: ${shown} is ${mib(size(out))} (node_modules ${mib(modules)}), build ${buildId}`);
console.log(`release: start it with \`node ${path.join(shown, "server.mjs")}\` (Node.js 20.19 or newer)`);
