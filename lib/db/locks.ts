// Serialising work that must not interleave, such as two vendor pushes creating the same
// customer. Within a process, callers queue per key in memory (so waiting costs no database
// connection); across instances, PostgreSQL's advisory locks hold the keys: session-level ones in
// a session of their own, one for all the keys the process holds (lib/db/runner-postgres), so the
// work itself runs on prepared statements, and are released when it is done or when that
// connection ends. Keys are taken in sorted order,
// and the work may take one more (the customer it found) after all of them, so two callers can
// never each hold a key the other waits for. SQLite has one writer per file: the in-process
// queue is its lock.
import { type Db, providerOfDb, withProviderOf } from "@/lib/db/client";
import { holdLocks } from "@/lib/db/prepared";

// On globalThis: each route bundle holds its own copy of this module, and a key must be one queue
// in the whole process, whichever copy takes it.
const holder = globalThis as unknown as { __deskbridgeLockTails?: Map<string, Promise<void>> };
holder.__deskbridgeLockTails ??= new Map<string, Promise<void>>();
const tails = holder.__deskbridgeLockTails;

async function acquire(key: string): Promise<() => void> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => mine);
  tails.set(key, tail);
  await previous;
  return () => {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  };
}

/** A client inside a transaction (no $transaction of its own). */
export const inTransaction = (client: Db) => typeof (client as { $transaction?: unknown }).$transaction !== "function";

/** Runs `fn` in a transaction, or inside the caller's when `client` already is one. */
export function transaction<T>(client: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return inTransaction(client) ? fn(client) : client.$transaction((tx) => fn(withProviderOf(tx as Db, client)));
}

/** Takes one more key for the rest of the work (after the sorted ones, and at most one). */
export type Lock = (key: string) => Promise<void>;

/**
 * Runs `fn` holding every key, in this process and, on PostgreSQL, across processes too. Should
 * the server end the locks' connection while `fn` runs (a restart), `fn` still completes, no
 * longer held off from other instances: a push's merge is idempotent and its writes are one
 * transaction, so the worst case is the interleaving these locks usually prevent.
 */
export async function withLocks<T>(client: Db, keys: string[], fn: (client: Db, lock: Lock) => Promise<T>): Promise<T> {
  const sorted = [...new Set(keys)].sort();
  const taken = new Set<string>();
  const releases: (() => void)[] = [];
  const local = async (key: string) => {
    if (taken.has(key)) return false;
    taken.add(key);
    releases.push(await acquire(key));
    return true;
  };
  try {
    for (const key of sorted) await local(key);
    if (providerOfDb(client) !== "postgresql") return await fn(client, async (key) => void (await local(key)));
    const pending = holdLocks(client, sorted);
    if (!pending) throw new Error("this PostgreSQL client has no connection for locks (make it with createDb)");
    const held = await pending;
    try {
      return await fn(client, async (key) => {
        if (await local(key)) await held.add(key);
      });
    } finally {
      await held.release();
    }
  } finally {
    for (const release of releases.reverse()) release();
  }
}
