// Call-log entries that could not be written because the database was unreachable. They wait
// here, in order, and are written as soon as it answers again, with the time they arrived. The
// spool is bounded: past its size, the oldest entries go to the server log instead.
import type { Db } from "@/lib/db/client";
import { recordCall, type CallEntry } from "@/lib/calls/record";

const MAX_ENTRIES = 10_000;
const RETRY_MS = 2000;

type Spool = { entries: CallEntry[]; timer?: NodeJS.Timeout; flushing: boolean; dropped: number };
const spoolHolder = globalThis as { __deskbridgeSpool?: Spool };
spoolHolder.__deskbridgeSpool ??= { entries: [], flushing: false, dropped: 0 };
const spool = spoolHolder.__deskbridgeSpool;

export function spooledCount(): number {
  return spool.entries.length;
}

/** Keeps an entry for later; `connect` is how the flush gets a working client. */
export function spoolCall(entry: CallEntry, connect: () => Promise<Db>): void {
  spool.entries.push({ ...entry, createdAt: entry.createdAt ?? new Date() });
  while (spool.entries.length > MAX_ENTRIES) {
    const lost = spool.entries.shift()!;
    spool.dropped++;
    console.error(
      `deskbridge: call-log spool full; not logged: ${lost.method} ${lost.path} → ${lost.status} ${lost.outcome} ` +
        `at ${lost.createdAt?.toISOString()}`,
    );
  }
  schedule(connect);
}

function schedule(connect: () => Promise<Db>) {
  if (spool.timer || spool.entries.length === 0) return;
  spool.timer = setTimeout(() => {
    spool.timer = undefined;
    void flushSpool(connect).finally(() => schedule(connect));
  }, RETRY_MS);
  spool.timer.unref?.();
}

/** Writes what waits, oldest first; stops at the first failure and tries again later. */
export async function flushSpool(connect: () => Promise<Db>): Promise<number> {
  if (spool.flushing || spool.entries.length === 0) return 0;
  spool.flushing = true;
  let written = 0;
  try {
    const client = await connect();
    while (spool.entries.length > 0) {
      await recordCall(client, spool.entries[0]);
      spool.entries.shift();
      written++;
    }
    if (written)
      console.error(
        `deskbridge: the database is back; wrote ${written} call-log entr${written === 1 ? "y" : "ies"} ` +
          "kept during the outage",
      );
  } catch {
    // Still unreachable: the timer tries again.
  } finally {
    spool.flushing = false;
  }
  return written;
}
