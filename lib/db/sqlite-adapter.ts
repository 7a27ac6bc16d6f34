// Prisma's better-sqlite3 adapter, made safe for a file that other processes also write (the CLI,
// a backup, another instance) and for a disk that fills up:
//
// - better-sqlite3 is synchronous, so SQLite's busy timeout waits for a lock *inside* the event
//   loop: with 5 s, every request (even /icon.svg) stalled behind another process's write lock.
//   The connection gets a 2 ms busy timeout instead, and a statement refused with SQLITE_BUSY is
//   tried again after an asynchronous pause, until the lock wait (DESKBRIDGE_DB_TIMEOUT_MS for the
//   app) runs out; then the caller gets the busy error (the callback pipeline answers 503).
// - Transactions begin with BEGIN IMMEDIATE, taking the write lock up front (and waiting for it the
//   same way). A deferred BEGIN that reads first and writes later fails at once with
//   SQLITE_BUSY_SNAPSHOT when another process wrote in between; no wait can help it then.
// - The stock adapter releases its transaction mutex only when COMMIT or ROLLBACK succeeds. After
//   a full disk (SQLITE_FULL) SQLite has already rolled back, ROLLBACK fails, the mutex is never
//   released, and every later transaction waited forever, even once space was freed. Here the
//   mutex is released whatever COMMIT or ROLLBACK did.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Query = { sql: string; args: unknown[]; argTypes: unknown[] };
type Queryable = {
  readonly provider: "sqlite";
  readonly adapterName: string;
  queryRaw(query: Query): Promise<unknown>;
  executeRaw(query: Query): Promise<number>;
};
type Adapter = Queryable & {
  executeScript(script: string): Promise<void>;
  startTransaction(isolationLevel?: string): Promise<unknown>;
  getConnectionInfo?(): unknown;
  dispose(): Promise<void>;
  /** The better-sqlite3 connection (a public field of the stock adapter). */
  client?: { inTransaction: boolean };
};

/** SQLite's own wait for a lock, which blocks the event loop: kept to a couple of milliseconds. */
export const BUSY_TIMEOUT_MS = 2;
/**
 * After a transaction that held the write lock this long (an import chunk), the next one of this
 * connection waits a moment first, so that other processes polling for the lock get a turn
 * instead of waiting for the whole import.
 */
const LONG_HOLD_MS = 100;
const TURN_MS = 60;

export function isBusy(error: unknown): boolean {
  const cause = (error as { cause?: { originalCode?: unknown } })?.cause;
  const code = String(cause?.originalCode ?? (error as { code?: unknown })?.code ?? "");
  return code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it is not refused for a lock, pausing without blocking the event loop. */
export async function retryWhileBusy<T>(lockWaitMs: number, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + lockWaitMs;
  for (let pause = 2; ; pause = Math.min(pause * 2, 25)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() + pause > deadline) throw error;
    }
    // A little jitter, so that two waiting processes do not retry in lockstep.
    await sleep(pause + Math.random() * pause);
  }
}

/** One waiter at a time: the connection holds one transaction. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

const statement = (sql: string): Query => ({ sql, args: [], argTypes: [] });

class LockAwareAdapter {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: Adapter;
  readonly #lockWaitMs: number;
  readonly #mutex = new Mutex();
  /** When the last transaction ended, and how long it held the write lock. */
  #lastEnd = 0;
  #lastHeld = 0;

  constructor(inner: Adapter, lockWaitMs: number) {
    this.#inner = inner;
    this.adapterName = inner.adapterName;
    this.#lockWaitMs = lockWaitMs;
    if (inner.getConnectionInfo) this.getConnectionInfo = () => inner.getConnectionInfo!();
  }

  getConnectionInfo?: () => unknown;

  queryRaw(query: Query) {
    return retryWhileBusy(this.#lockWaitMs, () => this.#inner.queryRaw(query));
  }

  executeRaw(query: Query) {
    return retryWhileBusy(this.#lockWaitMs, () => this.#inner.executeRaw(query));
  }

  executeScript(script: string) {
    return retryWhileBusy(this.#lockWaitMs, () => this.#inner.executeScript(script));
  }

  dispose() {
    return this.#inner.dispose();
  }

  async startTransaction(isolationLevel?: string) {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") return this.#inner.startTransaction(isolationLevel);
    const release = await this.#mutex.acquire();
    const turn = this.#lastHeld > LONG_HOLD_MS ? this.#lastEnd + TURN_MS - Date.now() : 0;
    if (turn > 0) await sleep(turn);
    try {
      await retryWhileBusy(this.#lockWaitMs, () => this.#inner.executeRaw(statement("BEGIN IMMEDIATE")));
    } catch (error) {
      release();
      throw error;
    }
    return this.#transaction(release);
  }

  #transaction(release: () => void) {
    const inner = this.#inner;
    const began = Date.now();
    let open = true;
    const finish = () => {
      if (open) {
        open = false;
        this.#lastEnd = Date.now();
        this.#lastHeld = this.#lastEnd - began;
        release();
      }
    };
    /** COMMIT or ROLLBACK: whatever happens, the connection leaves the transaction. */
    const end = async (query: Query) => {
      const verb = query.sql.trim().toUpperCase();
      try {
        return await inner.executeRaw(query);
      } catch (error) {
        // SQLite may have rolled back by itself (a full disk): nothing is left to roll back.
        if (inner.client?.inTransaction) await inner.executeRaw(statement("ROLLBACK")).catch(() => undefined);
        if (verb === "ROLLBACK") return 0;
        finish(); // a failed COMMIT: Prisma will not call commit() or rollback() after it
        throw error;
      }
    };
    return {
      provider: "sqlite" as const,
      adapterName: this.adapterName,
      options: { usePhantomQuery: false },
      queryRaw: (query: Query) => inner.queryRaw(query),
      executeRaw: (query: Query) =>
        /^\s*(COMMIT|ROLLBACK)\s*$/i.test(query.sql) ? end(query) : inner.executeRaw(query),
      commit: async () => finish(),
      rollback: async () => finish(),
    };
  }
}

/** A driver-adapter factory for Prisma: the stock better-sqlite3 one, lock- and full-disk-aware. */
export function lockAwareSqliteAdapter(file: string, lockWaitMs: number) {
  const stock = new PrismaBetterSQLite3({ url: file, timeout: BUSY_TIMEOUT_MS });
  return {
    provider: "sqlite" as const,
    adapterName: stock.adapterName,
    connect: async () => new LockAwareAdapter((await stock.connect()) as unknown as Adapter, lockWaitMs),
    connectToShadowDb: async () =>
      new LockAwareAdapter((await stock.connectToShadowDb()) as unknown as Adapter, lockWaitMs),
  } as unknown as PrismaBetterSQLite3;
}
