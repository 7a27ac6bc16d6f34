// DESKBRIDGE_WORKERS=N|auto: N server processes sharing one port (node:cluster). The primary
// prepares the database once (migrations, the first admin, the session secret, demo data: the
// same work a single process does on its first request, through `deskbridge db prepare`), then
// starts the workers, restarts any that dies, and on SIGTERM/SIGINT lets every worker finish the
// requests it has in flight before leaving. Each worker is bin/server.mjs as without workers.
import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const MAX_WORKERS = 64;
const DRAIN_MS = 15_000;

/** The number of worker processes DESKBRIDGE_WORKERS asks for (1: no workers, a single process). */
export function workerCount(value) {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "") return 1;
  if (text === "auto") return Math.max(1, Math.min(MAX_WORKERS, os.availableParallelism()));
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS)
    throw new Error(`DESKBRIDGE_WORKERS must be a whole number from 1 to ${MAX_WORKERS}, or "auto"; got "${value}"`);
  return n;
}

/** Runs the database's first-start work once, before any worker exists. */
function prepareDatabase(root) {
  // The source tree's CLI, or a release folder's bundled one (npm run release).
  const bundled = path.join(root, "cli.mjs");
  const cli = fs.existsSync(bundled) ? bundled : path.join(root, "bin", "deskbridge.mjs");
  const r = spawnSync(process.execPath, [cli, "db", "prepare"], {
    cwd: root,
    env: process.env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  // Not fatal (PostgreSQL may still be starting): each worker also prepares on its first use.
  if (r.status !== 0) console.error("deskbridge: preparing the database failed; the workers will try again");
}

/** The primary process: never returns; exits when its workers are gone after a signal. */
export function runPrimary({ workers, root }) {
  prepareDatabase(root);
  console.log(`deskbridge: starting ${workers} worker processes (pid ${process.pid} supervises them)`);
  let stopping = false;
  const deaths = [];
  const fork = () => {
    const worker = cluster.fork();
    worker.startedAt = Date.now();
  };
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // A worker died on its own: start another, waiting longer while they keep dying at once.
    const now = Date.now();
    deaths.push(now);
    while (deaths.length && deaths[0] < now - 60_000) deaths.shift();
    const delay = now - worker.startedAt < 5_000 ? Math.min(30_000, 500 * 2 ** Math.min(deaths.length, 6)) : 0;
    console.error(
      `deskbridge: worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); ` +
        `starting another${delay ? ` in ${(delay / 1000).toFixed(1)} s` : ""}`,
    );
    setTimeout(() => !stopping && fork(), delay);
  });
  for (let i = 0; i < workers; i++) fork();

  for (const name of ["SIGINT", "SIGTERM"]) {
    process.on(name, () => {
      if (stopping) return;
      stopping = true;
      const alive = Object.values(cluster.workers ?? {});
      if (!alive.length) process.exit(0);
      // Each worker finishes its requests in flight, then exits (bin/server.mjs).
      for (const worker of alive) worker.process.kill("SIGTERM");
      setTimeout(() => {
        for (const worker of Object.values(cluster.workers ?? {})) worker.process.kill("SIGKILL");
        console.error("deskbridge: workers still busy after 15 s were stopped");
        process.exit(1);
      }, DRAIN_MS).unref();
    });
  }
  return new Promise(() => undefined);
}
