#!/usr/bin/env node
// Every test tier, in order: format and lint, line and file lengths, unit, integration (SQLite and
// PostgreSQL), then a production build and the end-to-end tests in Chromium. Stops at the first
// failing tier, with what to run to fix it where there is such a command.
import { spawn, spawnSync } from "node:child_process";
import readline from "node:readline";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

const tiers = [
  ["chromium for the end-to-end tier", "bash", [path.join(root, "scripts", "ensure-chromium.sh")]],
  ["caddy for the reverse-proxy test", "bash", [path.join(root, "scripts", "ensure-caddy.sh")]],
  [
    "format and lint (Biome)",
    bin("biome"),
    // Biome colours its output even into a pipe or a log file, where the escapes make it unreadable.
    ["ci", "--error-on-warnings", ...(process.stdout.isTTY ? [] : ["--colors=off"]), "."],
    "`npm run format` fixes the layout; `npx biome check --write .` applies Biome's safe lint fixes.",
  ],
  [
    "line and file lengths",
    process.execPath,
    [path.join(root, "scripts", "check-habits.mjs")],
    "Break long lines by hand; split long files along their own seams.",
  ],
  ["migrations match the schema", process.execPath, [path.join(root, "scripts", "prisma.mjs"), "check"]],
  ["type check", bin("tsc"), ["--noEmit"]],
  ["unit tests", bin("vitest"), ["run", "--project", "unit"]],
  ["integration tests (SQLite, PostgreSQL)", bin("vitest"), ["run", "--project", "integration"]],
  ["production build (the app and the CLI)", "npm", ["run", "--silent", "build"]],
  ["end-to-end tests (Chromium, two shards side by side)", "shards", []],
];

/**
 * The end-to-end tests as two Playwright runs at once, each with its own server, database and
 * browser (E2E_PORT 3210 and 3240; e2e/env.mjs keeps their files apart). One run keeps a core
 * about two-thirds busy (most of a test is waiting for a page), so two take about half the time.
 * Each line is prefixed with its shard. The exit status is the worse of the two.
 */
function shards(env) {
  const runs = [
    ["1/2", "3210"],
    ["2/2", "3240"],
  ].map(
    ([shard, port]) =>
      new Promise((resolve) => {
        const child = spawn(bin("playwright"), ["test", `--shard=${shard}`], {
          cwd: root,
          env: { ...env, E2E_PORT: port },
          stdio: ["ignore", "pipe", "pipe"],
        });
        const prefix = `[shard ${shard}] `;
        for (const stream of [child.stdout, child.stderr])
          readline.createInterface({ input: stream }).on("line", (line) => console.log(prefix + line));
        child.on("close", (code) => resolve(code ?? 1));
      }),
  );
  return Promise.all(runs).then((codes) => codes.find((c) => c !== 0) ?? 0);
}

const results = [];
for (const [name, command, args, hint] of tiers) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const env = {
    ...process.env,
    FORCE_COLOR: process.env.FORCE_COLOR ?? "0",
    // The page import at 20,000 rows keeps the whole run near its time budget; the full 100,000
    // rows run with E2E_IMPORT_ROWS=100000 (or `npm run test:e2e` alone).
    E2E_IMPORT_ROWS: process.env.E2E_IMPORT_ROWS ?? "20000",
  };
  const status =
    command === "shards" ? await shards(env) : spawnSync(command, args, { cwd: root, stdio: "inherit", env }).status;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push(`${status === 0 ? "ok  " : "FAIL"} ${name} (${seconds} s)`);
  if (status !== 0) {
    console.log(`\n${results.join("\n")}\n\nFailed: ${name}${hint ? `\n${hint}` : ""}`);
    process.exit(status ?? 1);
  }
}
console.log(`\n${results.join("\n")}\n\nAll test tiers passed.`);
