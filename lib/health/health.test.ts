// The health check against stand-in databases: answering, missing migrations, failing, hanging.
import { describe, expect, it } from "vitest";
import { checkHealth } from "@/lib/health/health";

const EXPECTED = ["0001_init", "0002_more", "0003_last"];
const never = () => new Promise<never>(() => undefined);

/** A stand-in client: SELECT 1 and the migrations table answer as told. */
function fake(opts: { ping?: () => Promise<unknown>; applied?: () => Promise<{ name: string }[]> }) {
  return {
    $queryRawUnsafe: <T>(query: string): Promise<T> =>
      (query === "SELECT 1"
        ? (opts.ping ?? (async () => [{ "?column?": 1 }]))()
        : (opts.applied ?? (async () => EXPECTED.map((name) => ({ name }))))()) as Promise<T>,
  };
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
}

describe("checkHealth", () => {
  it("is ok when the database answers and holds every migration", async () => {
    expect(await checkHealth(async () => fake({}), EXPECTED)).toEqual({
      status: "ok",
      database: "ok",
      migrations: { applied: 3, expected: 3 },
    });
  });

  it("counts only the shipped migrations, ignoring unknown rows", async () => {
    const client = fake({
      applied: async () => [{ name: "0001_init" }, { name: "0002_more" }, { name: "9999_from_a_newer_build" }],
    });
    expect(await checkHealth(async () => client, EXPECTED)).toEqual({
      status: "unavailable",
      database: "ok",
      migrations: { applied: 2, expected: 3 },
    });
  });

  it("reports nothing applied when the bookkeeping table is missing", async () => {
    const client = fake({
      applied: async () => Promise.reject(new Error('relation "_deskbridge_migrations" does not exist')),
    });
    expect(await checkHealth(async () => client, EXPECTED)).toEqual({
      status: "unavailable",
      database: "ok",
      migrations: { applied: 0, expected: 3 },
    });
  });

  it("is unreachable when the client cannot be had, or the query fails, and says nothing more", async () => {
    const secretUrl = "postgres://user:hunter2@db.internal:5432/deskbridge";
    for (const getClient of [
      async () => Promise.reject(new Error(`connect ECONNREFUSED ${secretUrl}`)),
      () => {
        throw new Error(secretUrl);
      },
      async () => fake({ ping: async () => Promise.reject(new Error(`Connection terminated: ${secretUrl}`)) }),
    ]) {
      const health = await checkHealth(getClient, EXPECTED);
      expect(health).toEqual({
        status: "unavailable",
        database: "unreachable",
        migrations: { applied: null, expected: 3 },
      });
      expect(JSON.stringify(health)).not.toContain("hunter2");
    }
  });

  it("does not hang when the database does: a hanging client, ping or migrations query times out", async () => {
    const cases = [never, async () => fake({ ping: never }), async () => fake({ applied: never })];
    for (const getClient of cases) {
      const { value, ms } = await timed(() => checkHealth(getClient, EXPECTED, 150));
      expect(value).toMatchObject({ status: "unavailable", database: "unreachable" });
      expect(ms).toBeGreaterThanOrEqual(140);
      expect(ms).toBeLessThan(1_000);
    }
  });

  it("shares one deadline across its queries", async () => {
    const slow = (ms: number, value: unknown) => () => new Promise((resolve) => setTimeout(() => resolve(value), ms));
    const client = fake({
      ping: slow(100, [{}]) as () => Promise<unknown>,
      applied: slow(
        100,
        EXPECTED.map((name) => ({ name })),
      ) as () => Promise<{ name: string }[]>,
    });
    const { value, ms } = await timed(() => checkHealth(async () => client, EXPECTED, 150));
    expect(value).toMatchObject({ status: "unavailable", database: "unreachable" });
    expect(ms).toBeLessThan(400);
  });
});
