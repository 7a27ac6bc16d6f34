// The call journal: call-log entries that could not be written to the database (an outage, a full
// disk, a read-only file, a lock held too long) are appended to a file under the data directory
// *before* the vendor gets its 503, and written to the database, with their arrival time, as soon
// as it takes writes again: at start, and every 2 s while entries wait. A restart loses nothing.
//
//   <data>/journal/calls-<time>-<pid>-<random>.jsonl   one per process, locked while it runs
//   <data>/journal/set-aside.jsonl                     entries the database refused for another reason
//   <data>/journal/reserve                             4 MiB kept free for the journal itself
//
// Each line is a status byte and the entry as JSON: P (pending), D (written), S (set aside). A line
// is marked by overwriting its status byte in place, which needs no new disk space. Several
// instances may share the data directory: each appends to its own file, and the file of a process
// that died (its lock went stale) is claimed by one of the others and replayed.
//
// On a full disk the reserve file is deleted to make room for the journal, and recreated once the
// database takes writes again. The journal holds at most 10,000 entries or 256 MiB per process;
// past that an entry is not kept, and the server log says so, with the call's method, path, status
// and time. An entry the database refuses for another reason (after a try without its links to
// other rows) is set aside with the reason and never blocks the entries after it.
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";
import { readConfig } from "@/lib/config";
import { recordCall, type CallEntry } from "@/lib/calls/record";
import { appendLine, type Segment, lockFile, mark, pendingLines, serialise, serially } from "@/lib/calls/journal-file";
import { describeCondition, noteWriteFailure, noteWriteSuccess, writeCondition } from "@/lib/db/conditions";

export const JOURNAL_LIMITS = { entries: 10_000, bytes: 256 * 1024 * 1024, reserveBytes: 4 * 1024 * 1024 };
const RETRY_MS = 2000;
const ORPHAN_SCAN_MS = 5000;

type Waiting = { entry: CallEntry; bytes: number; segment: Segment | null; pos: number };

type State = {
  dir: string;
  own: Segment | null;
  claimed: Segment[];
  queue: Waiting[];
  bytes: number;
  setAside: number;
  notKept: number;
  writing: number;
  flushing: boolean;
  lastScan: number;
  timer?: NodeJS.Timeout;
  connect?: () => Promise<Db>;
  opening?: Promise<void>;
};

const holder = globalThis as unknown as { __deskbridgeJournal?: State };

function state(dir: string): State {
  const current = holder.__deskbridgeJournal;
  if (current && current.dir === dir) return current;
  holder.__deskbridgeJournal = {
    dir,
    own: null,
    claimed: [],
    queue: [],
    bytes: 0,
    setAside: current?.dir === dir ? current.setAside : 0,
    notKept: 0,
    writing: 0,
    flushing: false,
    lastScan: 0,
  };
  return holder.__deskbridgeJournal;
}

export const log = (line: string) => console.error(`deskbridge: ${line}`);
const callName = (e: CallEntry) =>
  `${e.method} ${e.path} → ${e.status} ${e.outcome} at ${(e.createdAt ?? new Date()).toISOString()}`;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n").slice(-1)[0];

// ---- opening, claiming, the reserve

async function keepReserve(s: State) {
  const file = path.join(s.dir, "reserve");
  if (fs.existsSync(file)) return;
  // Written, not truncated: a sparse file would reserve nothing.
  await fsp.writeFile(file, Buffer.alloc(JOURNAL_LIMITS.reserveBytes)).catch(() => fsp.rm(file, { force: true }));
}

async function open(s: State): Promise<void> {
  if (s.own) return;
  s.opening ??= (async () => {
    await fsp.mkdir(s.dir, { recursive: true });
    const file = path.join(
      s.dir,
      `calls-${new Date().toISOString().replace(/[:.]/g, "-")}-${process.pid}-` +
        `${crypto.randomBytes(3).toString("hex")}.jsonl`,
    );
    const handle = await fsp.open(file, "w+");
    const unlock = await lockFile(file);
    s.own = { file, handle, size: 0, own: true, unlock, chain: Promise.resolve() };
    await keepReserve(s).catch(() => undefined);
    // Entries set aside before (by any process) stay listed in health until the file is removed.
    const asideFile = path.join(s.dir, "set-aside.jsonl");
    if (fs.existsSync(asideFile))
      s.setAside = (await fsp.readFile(asideFile, "utf8")).split("\n").filter(Boolean).length;
  })().finally(() => {
    s.opening = undefined;
  });
  return s.opening;
}

/** Takes over the journal files of processes that died (their lock went stale). */
async function claimOrphans(s: State): Promise<void> {
  s.lastScan = Date.now();
  const names = await fsp.readdir(s.dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!/^calls-.*\.jsonl$/.test(name)) continue;
    const file = path.join(s.dir, name);
    if (file === s.own?.file || s.claimed.some((c) => c.file === file)) continue;
    let unlock: () => Promise<void>;
    try {
      unlock = await lockFile(file);
    } catch {
      continue; // its process is alive: it replays its own entries
    }
    const handle = await fsp.open(file, "r+");
    const segment: Segment = {
      file,
      handle,
      size: (await handle.stat()).size,
      own: false,
      unlock,
      chain: Promise.resolve(),
    };
    const lines = await pendingLines(handle);
    for (const line of lines) {
      s.queue.push({ entry: line.entry, bytes: line.bytes, segment, pos: line.pos });
      s.bytes += line.bytes;
    }
    if (lines.length) log(`the call journal: ${lines.length} call(s) kept by a stopped process (${name}) to write`);
    s.claimed.push(segment);
  }
}

// ---- keeping an entry

function append(s: State, segment: Segment, line: Buffer): Promise<number> {
  s.writing++;
  return appendLine(segment, line).finally(() => {
    s.writing--;
  });
}

/** Read at call time: the data directory is configuration. */
const journalDir = () => path.join(readConfig().dataDir, "journal");

/**
 * Keeps a call-log entry that the database did not take, before the caller is answered. Never
 * throws: when even the journal cannot be written, the entry waits in memory and the log says so.
 */
export async function keepCall(entry: CallEntry, connect: () => Promise<Db>, dir = journalDir()): Promise<void> {
  const s = state(dir);
  s.connect = connect;
  const kept: CallEntry = { ...entry, createdAt: entry.createdAt ?? new Date() };
  const line = Buffer.from(`P${serialise(kept)}\n`, "utf8");
  if (s.queue.length >= JOURNAL_LIMITS.entries || s.bytes + line.length > JOURNAL_LIMITS.bytes) {
    s.notKept++;
    log(
      `the call journal is full (${s.queue.length} calls, ${Math.round(s.bytes / 1048576)} MiB ` +
        `waiting for the database); not kept: ${callName(kept)}`,
    );
    return;
  }
  let segment: Segment | null = null;
  let pos = -1;
  try {
    await open(s);
    segment = s.own!;
    pos = await append(s, segment, line);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOSPC" && segment) {
      // The disk is full: give the journal the space kept for it, and try once more.
      await fsp.rm(path.join(s.dir, "reserve"), { force: true });
      log("the disk is full: released the call journal's reserve to keep calls");
      pos = await append(s, segment, line).catch(() => -1);
    }
    if (pos < 0) {
      segment = null;
      log(
        `could not write the call journal (${errorText(error)}); ` +
          `keeping in memory until the database is back: ${callName(kept)}`,
      );
    }
  }
  s.queue.push({ entry: kept, bytes: line.length, segment, pos });
  s.bytes += line.length;
  schedule(s);
}

// ---- writing what waits

function schedule(s: State) {
  if (s.timer) return;
  s.timer = setTimeout(() => {
    s.timer = undefined;
    void flushJournal(undefined, s.dir).finally(() => {
      // Always again (the timer does not keep the process alive): besides what waits here, the
      // journal of another process that dies later must be found and taken over.
      if (holder.__deskbridgeJournal === s) schedule(s);
    });
  }, RETRY_MS);
  s.timer.unref?.();
}

async function setAside(s: State, waiting: Waiting, reason: string) {
  const entry = JSON.parse(serialise(waiting.entry));
  const line = `${JSON.stringify({ at: new Date().toISOString(), reason, entry })}\n`;
  await fsp.appendFile(path.join(s.dir, "set-aside.jsonl"), line).catch(() => undefined);
  s.setAside++;
  log(
    `the database refused a kept call (${reason}); ` +
      `set aside in ${path.join(s.dir, "set-aside.jsonl")}: ${callName(waiting.entry)}`,
  );
}

/** Writes one kept entry; false when the database is (still) not taking writes. */
async function writeOne(s: State, client: Db, waiting: Waiting): Promise<boolean> {
  try {
    await recordCall(client, waiting.entry);
    await mark(waiting.segment, waiting.pos, "D");
    return true;
  } catch (error) {
    if (noteWriteFailure(error)) return false;
    // Refused for another reason: a link to a row deleted since (customer, integration), or a
    // decoded payload the database will not store. Try without them, then set the entry aside.
    try {
      await recordCall(client, {
        ...waiting.entry,
        customerId: null,
        integrationId: null,
        replayOfId: null,
        decryptedRequest: null,
        decryptedResponse: null,
        detail:
          `${waiting.entry.detail.slice(0, 500)} ` +
          `(written late without its links and decoded payloads: ${errorText(error).slice(0, 300)})`,
      });
      await mark(waiting.segment, waiting.pos, "D");
      return true;
    } catch (again) {
      if (noteWriteFailure(again)) return false;
      await setAside(s, waiting, errorText(again).slice(0, 500));
      await mark(waiting.segment, waiting.pos, "S");
      return true;
    }
  }
}

/** A small real write, to learn whether a condition (full disk, read-only file, lock) has cleared. */
async function probe(client: Db): Promise<void> {
  try {
    const value = new Date().toISOString();
    await client.setting.upsert({
      where: { key: "health.probe" },
      create: { key: "health.probe", value },
      update: { value },
    });
    noteWriteSuccess();
  } catch (error) {
    noteWriteFailure(error);
  }
}

/** Empties the journal files whose entries are all written. */
async function tidy(s: State) {
  const open = new Set(s.queue.map((w) => w.segment));
  for (const segment of [...s.claimed]) {
    if (open.has(segment)) continue;
    await segment.handle.close().catch(() => undefined);
    await fsp.rm(segment.file, { force: true });
    await segment.unlock().catch(() => undefined);
    s.claimed.splice(s.claimed.indexOf(segment), 1);
  }
  const own = s.own;
  if (own && !open.has(own) && own.size > 0 && s.writing === 0) {
    await serially(own, async () => {
      // Checked again in turn: an entry may have been appended meanwhile.
      if (s.queue.some((w) => w.segment === own)) return;
      await own.handle.truncate(0);
      own.size = 0;
    }).catch(() => undefined);
  }
  await keepReserve(s).catch(() => undefined);
}

/**
 * Writes what waits, oldest first. Stops at the first entry the database does not take (it is
 * still unavailable) and tries again later; returns how many were written or set aside.
 */
export async function flushJournal(connect?: () => Promise<Db>, dir = journalDir()): Promise<number> {
  const s = state(dir);
  if (connect) s.connect = connect;
  if (s.flushing || !s.connect) return 0;
  s.flushing = true;
  let done = 0;
  try {
    await open(s).catch(() => undefined);
    if (Date.now() - s.lastScan >= ORPHAN_SCAN_MS) await claimOrphans(s);
    if (s.queue.length === 0 && !writeCondition().condition) return 0;
    let client: Db;
    try {
      client = await s.connect();
    } catch (error) {
      noteWriteFailure(error);
      return 0;
    }
    while (s.queue.length > 0) {
      const waiting = s.queue[0];
      if (!(await writeOne(s, client, waiting))) break;
      s.queue.shift();
      s.bytes -= waiting.bytes;
      done++;
    }
    if (s.queue.length === 0) {
      if (done > 0) noteWriteSuccess();
      else await probe(client);
      await tidy(s);
    }
    if (done > 0) {
      const left = s.queue.length;
      log(
        `the database takes writes again; wrote ${done} kept call(s)` +
          (left ? `, ${left} still waiting (${describeCondition(writeCondition().condition ?? "unreachable")})` : ""),
      );
    }
  } finally {
    s.flushing = false;
  }
  return done;
}

/** At start: open this process's journal, take over those of stopped processes, and write them. */
export async function startJournal(connect: () => Promise<Db>, dir = journalDir()): Promise<void> {
  const s = state(dir);
  s.connect = connect;
  try {
    await open(s);
  } catch (error) {
    log(
      `cannot open the call journal in ${dir} (${errorText(error)}); calls the database does not take wait in memory`,
    );
  }
  await claimOrphans(s).catch(() => undefined);
  await flushJournal(connect, dir);
  schedule(s);
}

/** A write just succeeded: if entries wait, write them now rather than at the next tick. */
export function databaseTookWrite(): void {
  noteWriteSuccess();
  const s = holder.__deskbridgeJournal;
  if (s && s.queue.length > 0 && !s.flushing) void flushJournal(undefined, s.dir);
}

/** For /api/health: what waits, what was set aside, and whether calls are being turned away. */
export function journalStatus(): { pending: number; setAside: number; notKept: number } {
  const s = holder.__deskbridgeJournal;
  return { pending: s?.queue.length ?? 0, setAside: s?.setAside ?? 0, notKept: s?.notKept ?? 0 };
}

/** Closes the journal (tests; a stopping process leaves its lock to go stale or releases it). */
export async function closeJournal(): Promise<void> {
  const s = holder.__deskbridgeJournal;
  if (!s) return;
  if (s.timer) clearTimeout(s.timer);
  for (const segment of [s.own, ...s.claimed]) {
    if (!segment) continue;
    await segment.handle.close().catch(() => undefined);
    await segment.unlock().catch(() => undefined);
  }
  holder.__deskbridgeJournal = undefined;
}
