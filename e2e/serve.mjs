#!/usr/bin/env node
// Starts the production build for the end-to-end tests on a throwaway SQLite database under
// e2e/.tmp (removed first). Refuses any non-local database, so a test run can never touch
// real data.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { E2E_ENV, TMP_DIR } from "./env.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const url = E2E_ENV.DATABASE_URL;
if (!url.startsWith("file:") || !path.resolve(url.slice(5)).startsWith(TMP_DIR)) {
  console.error(`e2e: refusing to run against ${url}: only a database under ${TMP_DIR} is allowed`);
  process.exit(1);
}
fs.rmSync(TMP_DIR, { recursive: true, force: true });
fs.mkdirSync(TMP_DIR, { recursive: true });

const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")) || process.env.E2E_BUILD === "1") {
  const build = spawnSync(process.execPath, [next, "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// The production server as `npm start` runs it.
const server = spawn(
  process.execPath,
  [path.join(root, "bin", "server.mjs"), "-p", process.env.E2E_PORT ?? "3210", "-H", "127.0.0.1"],
  {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...E2E_ENV },
  },
);
// Keep the server's output for the secrets scan and for debugging failures.
const log = fs.createWriteStream(path.join(TMP_DIR, "server.log"));
server.stdout.on("data", (d) => {
  process.stdout.write(d);
  log.write(d);
});
server.stderr.on("data", (d) => {
  process.stderr.write(d);
  log.write(d);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
