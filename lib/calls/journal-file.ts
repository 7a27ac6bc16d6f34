// The call journal's files (lib/calls/journal): one line per kept call, a status byte (P pending,
// D written, S set aside) and the entry as JSON, its body in base64. Lines are appended one at a
// time per file and synced before the caller is answered; a status is changed by overwriting its
// byte in place. Each file is locked (proper-lockfile) by the process that writes it.
import type fsp from "node:fs/promises";
import path from "node:path";
import lockfile from "proper-lockfile";
import type { CallEntry } from "@/lib/calls/record";

const STALE_MS = 10_000; // a lock not refreshed for this long belongs to a process that died

export type Segment = {
  file: string;
  handle: fsp.FileHandle;
  size: number;
  own: boolean;
  unlock: () => Promise<void>;
  /** Appends and truncation of one file, one at a time. */
  chain: Promise<unknown>;
};

export function serialise(entry: CallEntry): string {
  return JSON.stringify({
    ...entry,
    body: entry.body ? entry.body.toString("base64") : null,
    createdAt: (entry.createdAt ?? new Date()).toISOString(),
  });
}

export function deserialise(text: string): CallEntry {
  const raw = JSON.parse(text) as Omit<CallEntry, "body" | "createdAt"> & { body: string | null; createdAt: string };
  return {
    ...raw,
    body: raw.body === null ? null : Buffer.from(raw.body, "base64"),
    createdAt: new Date(raw.createdAt),
  };
}

/**
 * The pending lines of a journal file, with the byte where each starts. A write cut short (a crash,
 * a full disk) leaves a partial line or a run of NUL bytes: both end a record, and a record that
 * does not parse is skipped.
 */
export async function pendingLines(
  handle: fsp.FileHandle,
): Promise<{ entry: CallEntry; pos: number; bytes: number }[]> {
  const buf = await handle.readFile();
  const out: { entry: CallEntry; pos: number; bytes: number }[] = [];
  let start = 0;
  for (let i = 0; i <= buf.length; i++) {
    if (i < buf.length && buf[i] !== 0x0a && buf[i] !== 0x00) continue;
    if (i > start && buf[start] === 0x50 /* P */) {
      try {
        out.push({ entry: deserialise(buf.subarray(start + 1, i).toString("utf8")), pos: start, bytes: i - start + 1 });
      } catch {
        // cut short: nothing to replay
      }
    }
    start = i + 1;
  }
  return out;
}

export function serially<T>(segment: Segment, op: () => Promise<T>): Promise<T> {
  const next = segment.chain.then(op, op);
  segment.chain = next.catch(() => undefined);
  return next;
}

/** Appends a line at the end of the file, synced; returns where it starts. */
export function appendLine(segment: Segment, line: Buffer): Promise<number> {
  return serially(segment, async () => {
    const pos = segment.size;
    // The space is taken even when the write fails half-way: the next line starts after it.
    segment.size += line.length;
    const { bytesWritten } = await segment.handle.write(line, 0, line.length, pos);
    if (bytesWritten < line.length) throw Object.assign(new Error("No space left on device"), { code: "ENOSPC" });
    await segment.handle.datasync();
    return pos;
  });
}

export async function lockFile(file: string): Promise<() => Promise<void>> {
  return lockfile.lock(file, {
    stale: STALE_MS,
    realpath: false,
    retries: 0,
    onCompromised: (error) =>
      console.error(`deskbridge: the call journal's lock on ${path.basename(file)} was lost: ${error.message}`),
  });
}

export async function mark(segment: Segment | null, pos: number, status: "D" | "S") {
  if (!segment || pos < 0) return;
  await segment.handle.write(Buffer.from(status), 0, 1, pos).catch(() => undefined);
}
