// Statements on every vendor call's path, prepared once and held for the life of the process.
//
// Prisma's raw queries cost several times their SQL on this path (its query interpreter, its
// client and the better-sqlite3 adapter, which prepares every statement anew). The few statements
// each callback runs (the integration's stamp, the accepted sign, the customer, the call log) go
// through here instead, with Prisma everywhere else:
//
// - SQLite: a second better-sqlite3 connection to the same file, whose prepared statements are
//   kept by their SQL. Being its own connection, it never joins a transaction that Prisma's
//   connection holds open (an import chunk); like another process, it waits for the write lock
//   without blocking the event loop (lib/db/sqlite-adapter).
// - PostgreSQL: two pipelined pg connections shared by every call, and a small pool for
//   transactions; statements are named, so each connection parses and plans them once.
//
// The SQL is Prisma's own tagged template (Prisma.sql), so one text serves both databases and a
// client that has no runner here (a transaction, a test's client) runs the same query through
// Prisma with the same result.
import Database from "better-sqlite3";
import type { Db } from "@/lib/db/client";
import { type HeldLocks, LOCK_WAIT_MS, type Runner } from "@/lib/db/runner";
import { PostgresRunner } from "@/lib/db/runner-postgres";
import { BUSY_TIMEOUT_MS, isBusy, retryWhileBusy } from "@/lib/db/sqlite-adapter";
import type { Prisma } from "@/lib/generated/sqlite/client";

export { type HeldLocks, LOCK_WAIT_MS };

type Sql = Prisma.Sql;

/** SQLite's text for a date, as Prisma writes it (so that comparisons and order agree). */
const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");
const sqliteValue = (value: unknown) =>
  value instanceof Date ? sqliteDate(value) : typeof value === "boolean" ? (value ? 1 : 0) : value;

/** A transaction waiting for the runner's next group commit. */
type Pending = { first: Sql; rest: Sql[]; resolve: (rows: unknown[]) => void; reject: (error: unknown) => void };

class SqliteRunner implements Runner {
  #db: Database.Database | null = null;
  // temp_store: each write of a group commit has a savepoint, whose journal SQLite writes to a
  // temporary file past 64 KiB, a system call per page, and deletes when the group commits. In
  // memory it is the same pages without the writes.
  readonly #pragmas = ["foreign_keys = ON", "synchronous = NORMAL", "temp_store = MEMORY"];
  readonly #statements = new Map<string, Database.Statement>();
  constructor(
    readonly file: string,
    readonly lockWaitMs: number,
  ) {}

  #connection(): Database.Database {
    if (this.#db) return this.#db;
    const db = new Database(this.file, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    for (const setting of this.#pragmas) db.pragma(setting);
    this.#db = db;
    return db;
  }

  pragma(setting: string) {
    this.#pragmas.push(setting);
    this.#db?.pragma(setting);
  }

  #statement(query: Sql): Database.Statement {
    const text = query.sql;
    let statement = this.#statements.get(text);
    if (!statement) {
      statement = this.#connection().prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  #run<T>(query: Sql, statement = this.#statement(query)): T[] {
    const values = query.values.map(sqliteValue);
    if (statement.reader) return statement.all(...values) as T[];
    statement.run(...values);
    return [];
  }

  rows<T>(query: Sql): Promise<T[]> {
    return retryWhileBusy(this.lockWaitMs, async () => {
      const statement = this.#statement(query);
      // A statement that writes (a call's acceptance) joins the next group commit; a read runs now.
      // The group commit's own lock wait ends by this one's deadline, so a lock is not waited twice.
      return statement.readonly ? this.#run<T>(query, statement) : this.together<T>(query, []);
    });
  }

  /**
   * Group commit: the writes asked for while the event loop handles one round of I/O (the calls'
   * acceptances, the call-log entries of those answered) are written together, each in a savepoint of
   * one transaction, when that round ends. A commit writes every page it changed to the WAL, and
   * consecutive entries share the call log's index pages, so four entries in one commit cost
   * about half as much as four commits. Each caller still waits for the commit that holds its
   * rows, and one group's error (a constraint) fails that group alone.
   */
  together<T>(first: Sql, rest: Sql[]): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      this.#pending.push({ first, rest, resolve: resolve as (rows: unknown[]) => void, reject });
      if (this.#pending.length === 1) setImmediate(() => void this.#commitPending());
    });
  }

  readonly #pending: Pending[] = [];

  async #commitPending() {
    const batch = this.#pending.splice(0);
    let outcomes: ({ rows: unknown[] } | { error: unknown })[];
    try {
      outcomes = await retryWhileBusy(this.lockWaitMs, async () => {
        const db = this.#connection();
        const group = db.transaction((p: Pending) => {
          const rows = this.#run(p.first);
          for (const query of p.rest) this.#run(query);
          return rows;
        });
        // IMMEDIATE: the write lock up front, or SQLITE_BUSY at once (retried without blocking).
        const all = db.transaction(() =>
          batch.map((p) => {
            try {
              return { rows: group(p) };
            } catch (error) {
              // A lock, or an error after which SQLite rolled the whole transaction back (a full
              // disk): the batch fails (and is retried, or every caller journals its entry).
              if (isBusy(error) || !db.inTransaction) throw error;
              return { error };
            }
          }),
        );
        return all.immediate();
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const outcome = outcomes[i];
      if ("rows" in outcome) p.resolve(outcome.rows);
      else p.reject(outcome.error);
    });
  }

  atOnce<T>(first: Sql, rest: Sql[]): Promise<T[]> {
    return this.together<T>(first, rest);
  }

  async close() {
    // Writes still waiting for their group commit are written first: closing loses none.
    if (this.#pending.length) await this.#commitPending();
    this.#statements.clear();
    this.#db?.close();
    this.#db = null;
  }
}

// On globalThis: the route bundles each hold a copy of this module, and a client made by one
// (lib/db) is used by code in another.
const holder = globalThis as unknown as { __deskbridgePrepared?: WeakMap<object, Runner> };
holder.__deskbridgePrepared ??= new WeakMap<object, Runner>();
const runners = holder.__deskbridgePrepared;

/** Gives `client` its prepared-statement runner; `$disconnect` closes both. */
export function attachPrepared(
  client: Db,
  target:
    | { provider: "sqlite"; file: string; lockWaitMs: number }
    | { provider: "postgresql"; url: string; connectTimeoutMs: number },
): void {
  const runner =
    target.provider === "sqlite"
      ? new SqliteRunner(target.file, target.lockWaitMs)
      : new PostgresRunner(target.url, target.connectTimeoutMs);
  runners.set(client, runner);
  const disconnect = client.$disconnect.bind(client);
  client.$disconnect = async () => {
    await runner.close().catch(() => undefined);
    await disconnect();
  };
}

/** A per-connection SQLite setting for `client`'s runner, as for Prisma's own connection. */
export function setPreparedPragma(client: Db, setting: string): void {
  runners.get(client)?.pragma?.(setting);
}

/** A date column as read by either runner or by Prisma (SQLite keeps dates as text). */
export const dateOf = (value: unknown): Date => {
  if (value instanceof Date) return value;
  const text = String(value);
  // SQLite's CURRENT_TIMESTAMP writes UTC without a zone ("2026-12-01 04:28:52"): read as UTC, not local.
  return new Date(/^\d{4}-\d\d-\d\d[ T][\d:.]+$/.test(text) ? `${text.replace(" ", "T")}Z` : text);
};

/**
 * Session-level advisory locks for `client`'s database on a connection of their own, so the work
 * they guard can run on prepared statements; null where there is none (SQLite, a transaction).
 */
export function holdLocks(client: Db, keys: string[]): Promise<HeldLocks> | null {
  const runner = runners.get(client);
  return runner?.hold ? runner.hold(keys) : null;
}

/**
 * The generation of `client`'s configuration change notices (lib/db/change-notices): what was read
 * of the configuration under the same generation is still current. Null where there are none
 * (SQLite, a transaction, PostgreSQL while not listening): read it again.
 */
export function configurationGeneration(client: Db): string | null {
  return runners.get(client)?.configurationChanges?.() ?? null;
}

/** Values kept per key while the configuration they were read from stays unchanged. */
export type KeptConfiguration<T> = Map<string, { generation: string; value: T }>;

/**
 * What `read` gives for `key`, kept in `kept` while `client`'s configuration generation stays:
 * read again after any change, and on every call where there is no generation. The value is
 * shared by the calls that follow: they must not change it.
 */
export async function keptWhileUnchanged<T>(
  client: Db,
  kept: KeptConfiguration<T>,
  key: string,
  read: () => Promise<T>,
): Promise<T> {
  // Taken before reading: a notice that arrives during the read leaves the value unconfirmed.
  const generation = configurationGeneration(client);
  if (generation === null) return read();
  const known = kept.get(key);
  if (known?.generation === generation) return known.value;
  const value = await read();
  if (kept.size >= 1000) kept.clear();
  kept.set(key, { generation, value });
  return value;
}

/** The rows of a statement on a vendor call's path. */
export function preparedRows<T>(client: Db, query: Sql): Promise<T[]> {
  const runner = runners.get(client);
  return runner ? runner.rows<T>(query) : client.$queryRaw<T[]>(query);
}

/** Statements that belong together (a call and its hour's sums): all or none. The first one's rows. */
export async function preparedTogether<T>(client: Db, first: Sql, ...rest: Sql[]): Promise<T[]> {
  const runner = runners.get(client);
  if (runner) return runner.together<T>(first, rest);
  if (typeof (client as { $transaction?: unknown }).$transaction !== "function") {
    // Inside the caller's transaction (lib/db/locks).
    const rows = await client.$queryRaw<T[]>(first);
    for (const query of rest) await client.$executeRaw(query);
    return rows;
  }
  const [rows] = await client.$transaction([client.$queryRaw<T[]>(first), ...rest.map((q) => client.$executeRaw(q))]);
  return rows as T[];
}

/**
 * Statements that belong together and do not read each other's writes (a call and its hour's
 * sums): all or none, in one round trip on PostgreSQL. The first one's rows.
 */
export async function preparedAtOnce<T>(client: Db, first: Sql, ...rest: Sql[]): Promise<T[]> {
  const runner = runners.get(client);
  return runner ? runner.atOnce<T>(first, rest) : preparedTogether<T>(client, first, ...rest);
}
