// SQLite's WAL checkpoints, moved off the event loop.
//
// With synchronous = NORMAL a commit only appends to the WAL; the fsyncs come when the WAL is
// copied back into the database file (a checkpoint). SQLite runs one on whichever connection
// commits past 1000 pages, and better-sqlite3 is synchronous, so every few hundred vendor calls one
// of them held the event loop for the checkpoint's writes and fsyncs, and every request queued
// behind it: measured on the bench's database, about 40% of a call's write time.
//
// Here a worker thread with a connection of its own checkpoints the WAL a few times a second:
// PASSIVE, which copies what it can without waiting for or blocking anyone. Under steady writes
// that alone never lets the WAL start over (a writer restarts it only if every frame has been
// copied when it begins, and new frames keep coming), so it grew to whatever limit there was.
// Once the WAL holds RESTART_FRAMES, a RESTART copies the little PASSIVE left, holding writers
// back for that long (they wait for the lock without blocking the event loop), and the next
// writer starts the WAL from its beginning. The app's connections keep an automatic checkpoint
// only as a safety net at a far larger WAL, so that the file stays bounded should the worker stop.
// The worker is the app server's; the CLI and tests keep SQLite's default.
import { Worker } from "node:worker_threads";

/** How often the worker checkpoints the WAL. */
export const CHECKPOINT_INTERVAL_MS = 200;
/** The WAL's length (pages) past which the worker starts it over: SQLite's own checkpoint's. */
export const RESTART_FRAMES = 1000;
/** How long the worker's RESTART waits for a writer or a reader to finish. */
const RESTART_WAIT_MS = 2000;
/** The app's own connections checkpoint only past this many pages (64 MiB of 4 KiB pages). */
export const SAFETY_NET_PAGES = 16_384;

// An eval worker: no file of its own to find in a bundle or a release folder. better-sqlite3 is
// resolved from the working directory or the main script (bin/server.mjs, the CLI, the test runner).
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { createRequire } = require("node:module");
let Database;
for (const base of workerData.bases) {
  try { Database = createRequire(base)("better-sqlite3"); break; } catch {}
}
if (!Database) throw new Error("better-sqlite3 could not be loaded for WAL checkpoints");
const db = new Database(workerData.file, { fileMustExist: true, timeout: workerData.restartWaitMs });
const checkpoint = () => {
  try {
    const [{ log }] = db.pragma("wal_checkpoint(PASSIVE)");
    if (log >= workerData.restartFrames) db.pragma("wal_checkpoint(RESTART)");
  } catch {}
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.postMessage("ready");
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export type Checkpointer = { stop(): Promise<void> };

/**
 * Starts the worker that checkpoints `file`'s WAL. Resolves once it holds its connection, so the
 * caller can raise its own connections' automatic checkpoint; rejects if it could not start.
 */
export function startCheckpoints(file: string, intervalMs = CHECKPOINT_INTERVAL_MS): Promise<Checkpointer> {
  const bases = [`${process.cwd()}/`, process.argv[1]].filter(Boolean);
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { file, intervalMs, bases, restartFrames: RESTART_FRAMES, restartWaitMs: RESTART_WAIT_MS },
  });
  // A process with nothing else to do may exit; the worker does not hold it open.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const stop = async () => {
    worker.postMessage("stop");
    await exited;
  };
  return new Promise((resolve, reject) => {
    worker.once("message", () => resolve({ stop }));
    // Before "ready": it could not start. After: the connections' own checkpoint takes over.
    worker.on("error", reject);
    exited.then(() => reject(new Error("the WAL checkpoint worker exited before it started")));
  });
}
