// PostgreSQL's prepared statements share two pipelined connections (lib/db/prepared): many calls'
// statements on one socket at once. What a user of the database would notice: every call gets its
// own rows, one failing statement fails alone, the server's connections stay two however many
// calls wait, a connection the server ends is replaced without ending the process, and an idle
// runner does not keep a process (the CLI) alive.
import fs from "node:fs";
import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptOnce } from "@/lib/callbacks/replay-guard";
import { recordCall } from "@/lib/calls/record";
import { createDb } from "@/lib/db/client";
import { preparedRows } from "@/lib/db/prepared";
import { isDatabaseUnavailable } from "@/lib/errors";
import { Prisma } from "@/lib/generated/sqlite/client";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

const postgres = (await providersUnderTest()).find((p) => p.name === "postgresql")!;
const adminUrl = () => process.env.PG_TEST_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(postgres.skip)("the PostgreSQL runner's pipelined connections", () => {
  let t: TestDatabase;
  let admin: pg.Client;
  let name: string;
  beforeAll(async () => {
    t = await createDatabase("postgresql");
    name = decodeURIComponent(new URL(t.url).pathname.slice(1));
    admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await t?.drop();
  });

  /** The server's connections to the test database that have run `probe`. */
  const backends = async (probe: string) =>
    (
      await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND query LIKE $2 AND pid <> pg_backend_pid()",
        [name, `%${probe}%`],
      )
    ).rows.map((r) => r.pid);

  // The probe is part of the statement's text, which pg_stat_activity shows.
  const echo = (n: number, probe = "pipelined-echo") =>
    preparedRows<{ n: number }>(t.db, Prisma.sql`SELECT ${n}::int AS "n" /* ${Prisma.raw(probe)} */`);

  it("answers 300 statements asked at once, each with its own rows, on two connections", async () => {
    const numbers = Array.from({ length: 300 }, (_, i) => i * 7 + 1);
    const answers = await Promise.all(numbers.map((n) => echo(n)));
    expect(answers.map(([row]) => row.n)).toEqual(numbers);
    const used = await backends("pipelined-echo");
    expect(used.length).toBeGreaterThan(0);
    expect(used.length).toBeLessThanOrEqual(2);
  });

  it("sends the statements asked in one turn of the event loop in one write per connection", async () => {
    // Each write to a socket is a system call; Linux counts this process's in /proc/self/io.
    const writes = () => Number(/syscw: (\d+)/.exec(fs.readFileSync("/proc/self/io", "utf8"))![1]);
    await Promise.all([echo(1), echo(2)]); // both connections open
    const before = writes();
    const numbers = Array.from({ length: 60 }, (_, i) => i + 1);
    const answers = await Promise.all(numbers.map((n) => echo(n)));
    const used = writes() - before;
    expect(answers.map(([row]) => row.n)).toEqual(numbers);
    // One per statement (60) before they were held to the turn's end.
    expect(used).toBeLessThan(12);
  });

  it("fails only the statement that fails, among others sent with it", async () => {
    const asked = Array.from({ length: 40 }, (_, i) =>
      i === 17 ? preparedRows(t.db, Prisma.sql`SELECT 1 / ${i - 17}::int AS "n"`) : echo(i).then(([row]) => row.n),
    );
    const settled = await Promise.allSettled(asked);
    const failed = settled.flatMap((s, i) => (s.status === "rejected" ? [i] : []));
    expect(failed).toEqual([17]);
    expect((settled[17] as PromiseRejectedResult).reason.message).toMatch(/division by zero/);
    expect(settled.filter((s) => s.status === "fulfilled").map((s) => s.value)).toEqual(
      Array.from({ length: 40 }, (_, i) => i).filter((i) => i !== 17),
    );
  });

  it("keeps acceptances and logged calls apart when many calls write at once", async () => {
    const integration = await t.db.integration.create({
      data: { vendor: "udesk", name: "pipelined", slug: `pipelined-${process.pid}` },
    });
    const signs = Array.from({ length: 60 }, (_, i) => `sign-${i % 30}`);
    const acceptances = await Promise.all(
      signs.map((sign) => acceptOnce(t.db, integration.id, { sign, timestamp: "1767225600" })),
    );
    // Each of the 30 signs is accepted exactly once; its copy is a duplicate.
    expect(acceptances.filter((a) => "ref" in a)).toHaveLength(30);
    const ids = await Promise.all(
      signs.map((sign) =>
        recordCall(t.db, {
          vendor: "udesk",
          kind: "knowledge",
          integrationId: integration.id,
          method: "POST",
          path: `/api/callbacks/udesk/knowledge/${sign}`,
          headers: {},
          body: Buffer.from(sign),
          outcome: "ok",
          detail: sign,
          status: 200,
          durationMs: 3,
        }),
      ),
    );
    expect(new Set(ids).size).toBe(60);
    const logged = await t.db.call.findMany({ where: { id: { in: ids } }, select: { id: true, detail: true } });
    const detailOf = new Map(logged.map((c) => [c.id, c.detail]));
    expect(ids.map((id) => detailOf.get(id))).toEqual(signs);
  });

  it("replaces a connection the server ended, idle or busy, and the process goes on", async () => {
    expect((await echo(1, "pipelined-restart"))[0].n).toBe(1);
    const ended = await backends("pipelined-restart");
    expect(ended.length).toBeGreaterThan(0);
    // Ended while idle: the next statements open new connections.
    await admin.query("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [ended]);
    await sleep(200);
    const again = await Promise.all([echo(2, "pipelined-restart"), echo(3, "pipelined-restart")]);
    expect(again.map(([row]) => row.n)).toEqual([2, 3]);
    // Ended while a statement waits on it: that statement fails as the database being unavailable.
    const busy = preparedRows(t.db, Prisma.sql`SELECT pg_sleep(5) /* pipelined-busy */`).then(
      () => null,
      (e: unknown) => e,
    );
    let pids: number[] = [];
    for (const deadline = Date.now() + 3000; pids.length === 0 && Date.now() < deadline; await sleep(20))
      pids = await backends("pipelined-busy");
    await admin.query("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [pids]);
    expect(isDatabaseUnavailable(await busy)).toBe(true);
    const after = await Promise.all([1, 2, 3, 4].map((n) => echo(n, "pipelined-after")));
    expect(after.map(([row]) => row.n)).toEqual([1, 2, 3, 4]);
  });

  it("does not keep the process alive while idle", async () => {
    const sockets = () => process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap").length;
    await Promise.all([echo(1), echo(2), echo(3)]);
    const idle = sockets();
    // A statement in flight holds the process open; once answered, the connections no longer do.
    const inFlight = preparedRows(t.db, Prisma.sql`SELECT pg_sleep(0.3)`);
    await sleep(100);
    expect(sockets()).toBeGreaterThan(idle);
    await inFlight;
    expect(sockets()).toBe(idle);
  });
});

describe.skipIf(postgres.skip)("disconnecting with statements in flight on postgresql", () => {
  it("answers the statements already asked, then closes", async () => {
    const d = await createDatabase("postgresql");
    try {
      const asked = Array.from({ length: 20 }, (_, i) =>
        preparedRows<{ n: number }>(d.db, Prisma.sql`SELECT ${i}::int AS "n", pg_sleep(0.05)`),
      );
      await sleep(10);
      await d.db.$disconnect();
      const answers = await Promise.all(asked);
      expect(answers.map(([row]) => row.n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    } finally {
      await d.drop();
    }
  });
});

describe("a PostgreSQL server that accepts connections and never answers (a partition)", () => {
  it("fails a statement as the database being unavailable within the connection timeout", async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    const db = await createDb(`postgres://deskbridge@127.0.0.1:${port}/deskbridge`);
    const started = Date.now();
    try {
      const error = await preparedRows(db, Prisma.sql`SELECT 1 AS "n"`).then(
        () => null,
        (e: unknown) => e,
      );
      // Answered 503 with Retry-After (not an internal error), and quickly enough for the vendor.
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      await db.$disconnect();
      silent.close();
    }
  });
});
