// Push locks across instances on PostgreSQL: another instance (here a connection of its own)
// holding a key keeps the work waiting; the keys are free again once the work is done, however it
// ends, and a lock connection the server dropped takes its keys with it.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withLocks } from "@/lib/db/locks";
import { LOCK_WAIT_MS } from "@/lib/db/prepared";
import { databaseCondition, isDatabaseUnavailable } from "@/lib/errors";
import { createDatabase, postgresUnavailable, type TestDatabase } from "@/lib/testing/databases";

const unavailable = await postgresUnavailable();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(unavailable)("push locks across instances on postgresql", () => {
  let t: TestDatabase;
  let other: pg.Client;
  beforeAll(async () => {
    t = await createDatabase("postgresql");
    other = new pg.Client({ connectionString: t.url });
    await other.connect();
  });
  afterAll(async () => {
    await other?.end();
    await t?.drop();
  });

  const lockOf = (key: string) => `hashtextextended('${key}', 0)`;
  /** Whether another instance could take `key` now (and lets it go again at once). */
  async function freeElsewhere(key: string): Promise<boolean> {
    const { rows } = await other.query(`SELECT pg_try_advisory_lock(${lockOf(key)}) AS ok`);
    if (rows[0].ok) await other.query(`SELECT pg_advisory_unlock(${lockOf(key)})`);
    return rows[0].ok;
  }
  const advisoryLocks = async () =>
    Number(
      (
        await other.query(
          `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        )
      ).rows[0].n,
    );

  it("waits for a key another instance holds, and runs once it lets go", async () => {
    await other.query(`SELECT pg_advisory_lock(${lockOf("customer-key:held")})`);
    const events: string[] = [];
    const work = withLocks(t.db, ["customer-key:held", "customer-key:free"], async () => {
      events.push("in");
    });
    await sleep(400);
    expect(events).toEqual([]);
    await other.query(`SELECT pg_advisory_unlock(${lockOf("customer-key:held")})`);
    await work;
    expect(events).toEqual(["in"]);
  });

  it("holds its keys, and the one more it takes, against other instances until the work is done", async () => {
    const seen = await withLocks(t.db, ["customer-key:a", "customer-key:b"], async (_client, lock) => {
      await lock("customer:1");
      return [
        await freeElsewhere("customer-key:a"),
        await freeElsewhere("customer-key:b"),
        await freeElsewhere("customer:1"),
      ];
    });
    expect(seen).toEqual([false, false, false]);
    expect(await freeElsewhere("customer-key:a")).toBe(true);
    expect(await freeElsewhere("customer:1")).toBe(true);
    expect(await advisoryLocks()).toBe(0);
  });

  it("holds the keys of concurrent work in one session, not a pooled connection each", async () => {
    const holders = async () =>
      (
        await other.query(
          `SELECT count(DISTINCT pid) AS backends, count(*) AS locks FROM pg_locks WHERE locktype = 'advisory'
             AND granted AND pid <> pg_backend_pid()
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        )
      ).rows[0];
    let arrived = 0;
    let all!: () => void;
    const together = new Promise<void>((resolve) => {
      all = resolve;
    });
    let seen: { backends: string; locks: string } | undefined;
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        withLocks(t.db, [`customer-key:many-${i}`], async (_client, lock) => {
          await lock(`customer:${100 + i}`);
          if (++arrived === 6) {
            seen = await holders();
            all();
          }
          await together;
        }),
      ),
    );
    // Before, each holder kept a pooled connection (of at most eight) for the whole of its work.
    expect(seen).toEqual({ backends: "1", locks: "12" });
    expect(await advisoryLocks()).toBe(0);
  });

  it("waits for the one more key where another instance holds it, holding its own meanwhile", async () => {
    await other.query(`SELECT pg_advisory_lock(${lockOf("customer:77")})`);
    const events: string[] = [];
    const work = withLocks(t.db, ["customer-key:first"], async (_client, lock) => {
      events.push("keys");
      await lock("customer:77");
      events.push("customer");
      return freeElsewhere("customer-key:first");
    });
    await sleep(400);
    expect(events).toEqual(["keys"]);
    expect(await freeElsewhere("customer-key:first")).toBe(false);
    await other.query(`SELECT pg_advisory_unlock(${lockOf("customer:77")})`);
    expect(await work).toBe(false);
    expect(events).toEqual(["keys", "customer"]);
    expect(await freeElsewhere("customer:77")).toBe(true);
    expect(await advisoryLocks()).toBe(0);
  });

  it("lets its keys go when the work fails", async () => {
    await expect(
      withLocks(t.db, ["customer-key:failing"], async () => {
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    expect(await freeElsewhere("customer-key:failing")).toBe(true);
    expect(await advisoryLocks()).toBe(0);
  });

  it("finishes the work when the server ends the lock connection, and takes keys on a new one next time", async () => {
    const done = await withLocks(t.db, ["customer-key:cut"], async () => {
      const { rows } = await other.query(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid()
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      expect(rows.map((r) => r.ok)).toEqual([true]);
      // The connection's end reaches the process while it waits on nothing: no query to fail.
      await sleep(300);
      return "done";
    });
    expect(done).toBe("done");
    expect(await freeElsewhere("customer-key:cut")).toBe(true);
    const again = await withLocks(t.db, ["customer-key:cut"], async () => freeElsewhere("customer-key:cut"));
    expect(again).toBe(false);
    expect(await advisoryLocks()).toBe(0);
  });

  // As SQLite's busy timeout is: the caller answers 503 with Retry-After (the vendor calls again)
  // and /api/health says the database is locked, instead of an internal error.
  it(
    "reports a key held elsewhere past the lock wait as a locked database, and holds nothing after",
    async () => {
      await other.query(`SELECT pg_advisory_lock(${lockOf("customer-key:stuck")})`);
      const ran: string[] = [];
      const failure = await withLocks(t.db, ["customer-key:stuck"], async () => {
        ran.push("in");
      }).catch((error: unknown) => error);
      await other.query(`SELECT pg_advisory_unlock(${lockOf("customer-key:stuck")})`);
      expect(ran).toEqual([]);
      expect(isDatabaseUnavailable(failure), String(failure)).toBe(true);
      expect(databaseCondition(failure)).toBe("locked");
      expect(await advisoryLocks()).toBe(0);
      expect(await withLocks(t.db, ["customer-key:stuck"], async () => "free again")).toBe("free again");
    },
    LOCK_WAIT_MS + 20_000,
  );
});
