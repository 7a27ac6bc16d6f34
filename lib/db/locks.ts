// Serialising work that must not interleave, such as two vendor pushes creating the same
// customer. Within a process, callers queue per key in memory (so waiting costs no database
// connection); across instances, PostgreSQL's transaction-scoped advisory locks hold the keys
// until the work commits. Keys are always taken in sorted order, so two callers can never each
// hold a key the other waits for. SQLite has one writer per file: the in-process queue is its lock.
import { type Db, providerOfDb, withProviderOf } from "@/lib/db/client";

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

/** Takes a PostgreSQL advisory lock for the rest of `tx`'s transaction (no-op on SQLite). */
export async function lockInTransaction(tx: Db, key: string): Promise<void> {
  if (providerOfDb(tx) !== "postgresql") return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

/**
 * Runs `fn` holding every key: in this process, and on PostgreSQL across processes too (then
 * `fn` runs in one transaction, which commits before the keys are released).
 */
export async function withLocks<T>(client: Db, keys: string[], fn: (client: Db) => Promise<T>): Promise<T> {
  const sorted = [...new Set(keys)].sort();
  const releases: (() => void)[] = [];
  try {
    for (const key of sorted) releases.push(await acquire(key));
    if (providerOfDb(client) !== "postgresql") return await fn(client);
    return await client.$transaction(
      async (tx) => {
        const locked = withProviderOf(tx as Db, client);
        for (const key of sorted) await lockInTransaction(locked, key);
        return fn(locked);
      },
      // Other instances may hold a key for a moment: wait for it rather than fail the push.
      { maxWait: 10_000, timeout: 30_000 },
    );
  } finally {
    for (const release of releases.reverse()) release();
  }
}
