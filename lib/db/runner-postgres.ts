// The PostgreSQL runner of lib/db/prepared: pipelined connections for statements that stand alone,
// a pool for transactions, and one for advisory locks.
import type { Writable } from "node:stream";
import pg from "pg";
import { ChangeNotices } from "@/lib/db/change-notices";
import { isDatabaseUnavailable } from "@/lib/errors";
import { Prisma } from "@/lib/generated/sqlite/client";
import { type HeldLocks, LOCK_WAIT_MS, type Runner } from "@/lib/db/runner";

type Sql = Prisma.Sql;
const { sql, raw, join } = Prisma;

/** PostgreSQL's TIMESTAMP(3) (Prisma's DateTime) holds UTC wall time: read it as UTC. */
const TIMESTAMP_OID = 1114;
const utc = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID && format !== "binary"
      ? utc
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};
// A literal typed TIMESTAMP ignores a zone, so the UTC ISO form stores the same instant Prisma would.
const pgValue = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

/** pg's client with its socket's ref and unref (pg.Client has them, its types do not). */
type PipelinedClient = pg.Client & { ref(): void; unref(): void };
/** A pipelined connection, and how many statements wait on it. */
type Pipe = { client: PipelinedClient; busy: number; forget: () => void; corked: boolean };
/**
 * The statements asked of a pipe during one turn of the event loop leave in one write when the
 * turn ends, instead of one write each. pg sends each statement as it is asked for, and every
 * write to a socket is a system call in which the kernel also carries the bytes to the server; the
 * answers a socket read brings wake several calls at once, and each asks its next statement.
 */
function holdUntilTurnEnds(pipe: Pipe): void {
  if (pipe.corked) return;
  // pg's types leave out the client's connection, whose stream is the socket.
  const { stream } = (pipe.client as unknown as { connection: { stream: Writable } }).connection;
  pipe.corked = true;
  stream.cork();
  setImmediate(() => {
    pipe.corked = false;
    stream.uncork();
  });
}

/** Two: one backend per core of a small server, and a second when one is reconnecting. */
const PIPELINED_CONNECTIONS = 2;
/** The pipelined connection that carries the group commits. */
const WRITES = 0;
/** The pipelined connection that holds this process's advisory locks (not one of the statements'). */
const LOCKS = PIPELINED_CONNECTIONS;
const tryLock = (key: string) => sql`SELECT pg_try_advisory_lock(hashtextextended(${key}, 0)) AS "ok"`;
const unlock = (key: string) => sql`SELECT pg_advisory_unlock(hashtextextended(${key}, 0))`;
/** A statement that writes (it joins the group commit); any other runs at once. */
const WRITE = /^\s*(INSERT|UPDATE|DELETE)\b/i;
/** A write waiting for the runner's next group commit. */
type PendingWrite = { query: Sql; resolve: (rows: unknown[]) => void; reject: (error: unknown) => void };
const fulfilled = (r: PromiseSettledResult<unknown>) => r.status === "fulfilled";
/** The connection is gone (or going): its statements' outcome is not known. */
const connectionLost = (error: unknown) =>
  (error as { severity?: string }).severity === "FATAL" || isDatabaseUnavailable(error);

export class PostgresRunner implements Runner {
  #pool: pg.Pool | null = null;
  #lockPool: pg.Pool | null = null;
  readonly #names = new Map<string, string>();
  readonly #configurationNotices: ChangeNotices;
  constructor(
    readonly url: string,
    readonly connectTimeoutMs: number,
  ) {
    // The channel migration 0017's triggers notify on every change to an integration or its secrets.
    this.#configurationNotices = new ChangeNotices(url, "deskbridge_configuration", connectTimeoutMs);
  }

  configurationChanges(): string | null {
    return this.#configurationNotices.generation();
  }

  #newPool(config: pg.PoolConfig): pg.Pool {
    const pool = new pg.Pool({
      connectionString: this.url,
      connectionTimeoutMillis: this.connectTimeoutMs,
      idleTimeoutMillis: 30_000,
      query_timeout: 15_000,
      keepAlive: true,
      allowExitOnIdle: true,
      types: pgTypes,
      ...config,
    });
    // An idle connection closed by the server (a restart, a dropped database) is replaced on next use.
    pool.on("error", () => undefined);
    return pool;
  }

  #connection(): pg.Pool {
    this.#pool ??= this.#newPool({ max: 6 });
    return this.#pool;
  }

  /**
   * The locks' own pool: a holder keeps its connection for the whole of its work, which runs on
   * the other pool, so sharing one pool could leave every connection holding locks and none free
   * for the work. The server bounds the wait for a key (lock_timeout), so a connection is never
   * left waiting past its client's patience.
   */
  #locks(): pg.Pool {
    this.#lockPool ??= this.#newPool({
      max: 8,
      options: `-c lock_timeout=${LOCK_WAIT_MS}`,
      query_timeout: LOCK_WAIT_MS + 5_000,
    });
    return this.#lockPool;
  }

  /**
   * A push's advisory locks. Within a process a key has one holder at a time (lib/db/locks queues the
   * others in memory), so every key the process holds can sit in one session: a pipelined connection
   * of the locks' own, where taking a key and letting it go are statements sent with the others'
   * instead of round trips on a pooled connection kept for the whole of the work. Where another
   * instance holds one of the keys, those taken are let go and all are waited for in order on a
   * pooled connection (pg_advisory_lock blocks its session), as the one more key is. Should the
   * server end the locks' session, its keys go with it, as a pooled connection's would.
   */
  async hold(keys: string[]): Promise<HeldLocks> {
    const pipe = await this.#pipe(LOCKS);
    const take = (key: string) => this.#issue(pipe, this.#config(tryLock(key))).then(({ rows }) => rows[0].ok === true);
    const taken = await Promise.allSettled(keys.map(take));
    const mine = keys.filter((_, i) => taken[i].status === "fulfilled" && taken[i].value);
    const letGo = (list: string[]) =>
      Promise.all(list.map((key) => this.#issue(pipe, this.#config(unlock(key))).catch(() => undefined)));
    const failed = taken.find((r) => r.status === "rejected");
    if (failed) {
      // None is kept past a failure: the keys taken beside it are let go.
      await letGo(mine);
      throw failed.reason;
    }
    if (mine.length < keys.length) {
      await letGo(mine);
      return this.#holdPooled(keys);
    }
    let waited: HeldLocks | null = null;
    return {
      add: async (key) => {
        if (await take(key)) mine.push(key);
        else waited = await this.#holdPooled([key]);
      },
      release: async () => {
        await Promise.all([letGo(mine.splice(0)), (waited as HeldLocks | null)?.release()]);
      },
    };
  }

  /** Advisory locks on a pooled connection of their own, each waited for in turn. */
  async #holdPooled(keys: string[]): Promise<HeldLocks> {
    const connection = await this.#locks().connect();
    let open = true;
    // A connection that failed is closed, not pooled: its session's locks end with it.
    const drop = (error: unknown) => {
      if (!open) return;
      open = false;
      connection.off("error", drop);
      connection.release(error instanceof Error ? error : new Error(String(error)));
    };
    // The server may end the session while the work runs and no query is waiting on it (a
    // restart, a terminated backend): that must not be an unhandled error that ends the process.
    connection.on("error", drop);
    const add = async (key: string) => {
      if (!open) throw new Error("the advisory locks' connection has closed");
      try {
        await connection.query(this.#config(sql`SELECT pg_advisory_lock(hashtextextended(${key}, 0))`));
      } catch (error) {
        drop(error);
        throw error;
      }
    };
    for (const key of keys) await add(key);
    return {
      add,
      async release() {
        if (!open) return;
        try {
          await connection.query("SELECT pg_advisory_unlock_all()");
          open = false;
          connection.off("error", drop);
          connection.release();
        } catch (error) {
          drop(error);
        }
      },
    };
  }

  #config(query: Sql) {
    let name = this.#names.get(query.text);
    if (!name) {
      name = `deskbridge_${this.#names.size + 1}`;
      this.#names.set(query.text, name);
    }
    return { name, text: query.text, values: query.values.map(pgValue) };
  }

  /**
   * Statements that stand alone (every read, and writes through the group commit below) go on a
   * few pipelined connections that all calls share: pg writes each statement as soon as it is
   * asked for, without waiting for the answers to those before it, and the server answers them in
   * order. Calls that wait at the same time share a socket read and a backend instead of taking
   * turns for pooled connections, which cost each statement its own system calls and wake-ups.
   * Every statement has its own Sync, so one that fails fails alone. Transactions (`together`) and
   * advisory locks keep connections of their own: nothing else may run between their statements.
   */
  async rows<T>(query: Sql): Promise<T[]> {
    if (WRITE.test(query.sql)) return this.#write<T>(query);
    return (await this.#issue(await this.#pipe(), this.#config(query))).rows as T[];
  }

  /** Sends a statement on `pipe` at once (before any await), and answers its result. */
  async #issue(pipe: Pipe, config: pg.QueryConfig | string): Promise<pg.QueryResult> {
    holdUntilTurnEnds(pipe);
    pipe.busy++;
    if (pipe.busy === 1) pipe.client.ref();
    try {
      return await pipe.client.query(config);
    } catch (error) {
      // The server ends the session (a restart, a terminated backend) with a FATAL error before it
      // closes the socket: the statements asked next go to a new connection, not the dying one.
      if (connectionLost(error)) pipe.forget();
      throw error;
    } finally {
      pipe.busy--;
      // An idle connection does not keep a process (the CLI) alive, as the pool's do not.
      if (pipe.busy === 0) pipe.client.unref();
    }
  }

  readonly #pending: PendingWrite[] = [];

  /**
   * Group commit: the writes asked for while the event loop handles one round of I/O (the calls'
   * acceptances, the call-log entries of those answered) are sent at the end of that round as one
   * transaction, BEGIN, each write, COMMIT, written at once on one pipelined connection. Each
   * commit waits for PostgreSQL to flush its WAL to disk, which cost more than all of a call's
   * statements together; a group shares one flush. Each caller still waits for the commit. A write
   * the database refuses rolls the group back, and each of its writes runs again on its own, so
   * only that one fails; a lost connection fails the whole group.
   */
  #write<T>(query: Sql): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      this.#pending.push({ query, resolve: resolve as (rows: unknown[]) => void, reject });
      if (this.#pending.length === 1) setImmediate(() => void this.#commitPending());
    });
  }

  async #commitPending() {
    const batch = this.#pending.splice(0);
    if (batch.length === 0) return;
    let pipe: Pipe;
    try {
      // One connection for every group: two groups never wait for each other's rows.
      pipe = await this.#pipe(WRITES);
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    const alone = (p: PendingWrite) =>
      this.#issue(pipe, this.#config(p.query)).then(({ rows }) => p.resolve(rows), p.reject);
    if (batch.length === 1) return void (await alone(batch[0]));
    const sent = [
      this.#issue(pipe, this.#config(sql`BEGIN`)),
      ...batch.map((p) => this.#issue(pipe, this.#config(p.query))),
      this.#issue(pipe, this.#config(sql`COMMIT`)),
    ];
    const settled = await Promise.allSettled(sent);
    const commit = settled.at(-1)!;
    if (commit.status === "fulfilled" && commit.value.command === "COMMIT" && settled.every(fulfilled)) {
      for (const [i, p] of batch.entries())
        p.resolve((settled[i + 1] as PromiseFulfilledResult<pg.QueryResult>).value.rows);
      return;
    }
    const lost = settled.find((r) => r.status === "rejected" && connectionLost(r.reason));
    if (lost) {
      for (const p of batch) p.reject((lost as PromiseRejectedResult).reason);
      return;
    }
    // A write the database refused rolled the group back: each runs again alone, and only it fails.
    await Promise.all(batch.map(alone));
  }

  readonly #pipes: (Promise<Pipe> | null)[] = Array.from({ length: PIPELINED_CONNECTIONS + 1 }, () => null);
  #nextPipe = 0;

  #turn(): number {
    const slot = this.#nextPipe;
    this.#nextPipe = (slot + 1) % PIPELINED_CONNECTIONS;
    return slot;
  }

  #pipe(slot = this.#turn()): Promise<Pipe> {
    const open = this.#pipes[slot];
    if (open) return open;
    const client = new pg.Client({
      connectionString: this.url,
      connectionTimeoutMillis: this.connectTimeoutMs,
      query_timeout: 15_000,
      keepAlive: true,
      types: pgTypes,
      pipeline: true,
    } as pg.ClientConfig & { pipeline: boolean }) as PipelinedClient;
    // A connection that fails or ends (a restart, a terminated backend, a timed-out statement)
    // fails the statements it carried and is replaced on next use; it never ends the process.
    const forget = () => {
      if (this.#pipes[slot] !== opening) return;
      this.#pipes[slot] = null;
      client.end().catch(() => undefined);
    };
    const opening: Promise<Pipe> = client.connect().then(() => {
      client.unref();
      return { client, busy: 0, forget, corked: false };
    });
    client.on("error", forget);
    client.on("end", forget);
    opening.catch(forget);
    this.#pipes[slot] = opening;
    return opening;
  }

  async together<T>(first: Sql, rest: Sql[]): Promise<T[]> {
    const connection = await this.#connection().connect();
    // The server ending the session between two statements fails the next one, not the process.
    const lost = () => undefined;
    connection.on("error", lost);
    try {
      await connection.query("BEGIN");
      const { rows } = await connection.query(this.#config(first));
      for (const query of rest) await connection.query(this.#config(query));
      await connection.query("COMMIT");
      return rows as T[];
    } catch (error) {
      await connection.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      connection.off("error", lost);
      connection.release();
    }
  }

  /**
   * One statement instead of a transaction: the others ride along as data-modifying WITH clauses
   * of the first. A single statement is atomic, and it costs one round trip where BEGIN, each
   * statement and COMMIT cost one each. Every clause sees the same snapshot, so none may depend
   * on another's writes.
   */
  async atOnce<T>(first: Sql, rest: Sql[]): Promise<T[]> {
    if (rest.length === 0) return this.rows<T>(first);
    const clauses = rest.map((query, i) => sql`${raw(`"deskbridge_w${i}"`)} AS (${query})`);
    return this.#write<T>(sql`WITH ${join(clauses, ", ")} ${first}`);
  }

  async close() {
    // Writes still waiting for their group commit are written first: closing loses none.
    if (this.#pending.length) await this.#commitPending();
    const pools = [this.#pool, this.#lockPool];
    const pipes = this.#pipes.splice(0).filter((pipe) => pipe !== null);
    this.#pipes.push(...pipes.map(() => null));
    this.#pool = this.#lockPool = null;
    await Promise.all([
      this.#configurationNotices.close(),
      ...pools.map((pool) => pool?.end()),
      // pg's end() sends Terminate behind the statements already written: those are answered first.
      ...pipes.map((opening) => opening.then(({ client }) => client.end()).catch(() => undefined)),
    ]);
  }
}
