// The hourly call sums behind the overview, on SQLite and PostgreSQL: every call recordCall writes
// is counted once in its own hour (also one the journal writes late, after an outage, and one it
// writes without its links), the migration fills the sums from the calls logged before it, and the
// overview reads volume, error rate, p95 and the last call from them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { recordCall, type CallEntry } from "@/lib/calls/record";
import { closeJournal, flushJournal, keepCall } from "@/lib/calls/journal";
import { hourOf } from "@/lib/calls/rollup";
import { readOverview } from "@/lib/calls/overview";
import { migrate } from "@/lib/db/migrate";
import { providerOfDb } from "@/lib/db/client";

const NOW = new Date("2026-11-30T21:30:00.000Z");
const ago = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

const entry = (over: Partial<CallEntry> = {}): CallEntry => ({
  vendor: "sobot-crm",
  kind: "crm",
  method: "POST",
  path: "/api/callbacks/sobot/crm/x",
  headers: {},
  body: Buffer.from("{}"),
  outcome: "ok",
  detail: "",
  status: 200,
  durationMs: 3,
  ...over,
});

async function integration(t: TestDatabase, name: string) {
  return t.db.integration.create({ data: { vendor: "sobot-crm", name, slug: `slug-${name}-${Date.now()}` } });
}

const rollup = (t: TestDatabase, integrationId: string) =>
  t.db.callRollup.findMany({ where: { integrationId }, orderBy: { hour: "asc" } });

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`call rollup on ${provider.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createDatabase(provider.name);
    });
    afterAll(async () => {
      await t?.drop();
    });

    it("counts each logged call in its hour, with its failure and latency bucket", async () => {
      const a = await integration(t, "a");
      await recordCall(t.db, entry({ integrationId: a.id, createdAt: ago(0.2), durationMs: 4 }));
      await recordCall(t.db, entry({ integrationId: a.id, createdAt: ago(0.3), durationMs: 120 }));
      await recordCall(t.db, entry({ integrationId: a.id, createdAt: ago(0.4), outcome: "not_found" }));
      await recordCall(
        t.db,
        entry({ integrationId: a.id, createdAt: ago(0.1), outcome: "bad_signature", status: 401 }),
      );
      await recordCall(
        t.db,
        entry({ integrationId: a.id, createdAt: ago(30), outcome: "internal_error", status: 500 }),
      );
      const rows = await rollup(t, a.id);
      expect(rows.map((r) => [r.hour, r.calls, r.failures])).toEqual([
        [hourOf(ago(30)), 1, 1],
        [hourOf(NOW), 4, 1],
      ]);
      // 3 ms, 3 ms and 4 ms are in the ≤ 5 ms bucket; 120 ms in the ≤ 150 ms one.
      expect(rows[1].lat0).toBe(3);
      expect(rows[1].lat6).toBe(1);

      const overview = await readOverview(t.db, NOW);
      const health = overview.integrations.find((i) => i.id === a.id)!;
      expect(health.day).toMatchObject({ calls: 4, failures: 1, errorRate: 0.25 });
      expect(health.week).toMatchObject({ calls: 5, failures: 2, errorRate: 0.4 });
      expect(health.day.p95).toEqual({ ms: 150, over: false });
      expect(health.lastCall?.outcome).toBe("bad_signature");
      expect(health.bars.reduce((n, b) => n + b.calls, 0)).toBe(5);
      expect(overview.hourly.at(-1)).toMatchObject({ calls: 4, failures: 1 });
    });

    it("lists failing integrations first", async () => {
      const calm = await integration(t, "0-calm");
      await recordCall(t.db, entry({ integrationId: calm.id, createdAt: ago(1) }));
      const overview = await readOverview(t.db, NOW);
      expect(overview.integrations.map((i) => i.name)).toEqual(["a", "0-calm"]);
    });

    it("counts a call the journal writes after an outage in the hour it arrived, once", async () => {
      const b = await integration(t, "b");
      const gone = await integration(t, "gone");
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-rollup-journal-"));
      try {
        await keepCall(
          entry({ integrationId: b.id, createdAt: ago(5), outcome: "ok", durationMs: 700 }),
          async () => t.db,
          dir,
        );
        await keepCall(entry({ integrationId: b.id, createdAt: ago(5), outcome: "malformed" }), async () => t.db, dir);
        // Its integration was deleted meanwhile: written without the link, counted as matching none.
        await keepCall(entry({ integrationId: gone.id, createdAt: ago(2) }), async () => t.db, dir);
        await t.db.integration.delete({ where: { id: gone.id } });
        const before = await t.db.callRollup.count({ where: { integrationId: "" } });
        expect(await flushJournal(async () => t.db, dir)).toBe(3);
        expect(await flushJournal(async () => t.db, dir)).toBe(0);
        const rows = await rollup(t, b.id);
        expect(rows.map((r) => [r.hour, r.calls, r.failures, r.lat10])).toEqual([[hourOf(ago(5)), 2, 1, 1]]);
        const unmatched = await rollup(t, "");
        expect(unmatched.find((r) => r.hour === hourOf(ago(2)))?.calls).toBe(1);
        expect(before).toBe(0);
        expect(await t.db.call.count({ where: { integrationId: b.id } })).toBe(2);
      } finally {
        await closeJournal();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it("is filled by its migration from the calls logged before it", async () => {
      const old = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-rollup-migrations-"));
      const fresh = await createDatabase(provider.name, false);
      try {
        // The migrations as they were before the rollup.
        for (const p of ["sqlite", "postgresql"]) {
          const from = path.join(process.cwd(), "prisma", "migrations", p);
          for (const name of fs.readdirSync(from).filter((n) => n < "0012")) {
            fs.cpSync(path.join(from, name), path.join(old, p, name), { recursive: true });
          }
        }
        process.env.DESKBRIDGE_MIGRATIONS_DIR = old;
        await migrate(fresh.db, providerOfDb(fresh.db));
        const c = await fresh.db.integration.create({ data: { vendor: "udesk-task", name: "c", slug: "c" } });
        const at = [ago(1), ago(1.2), ago(26), ago(26)];
        for (const [i, createdAt] of at.entries()) {
          await fresh.db.call.create({
            data: {
              vendor: "udesk-task",
              kind: "task",
              method: "POST",
              path: "/",
              integrationId: c.id,
              outcome: i === 3 ? "decrypt_failed" : "ok",
              status: 200,
              durationMs: i === 0 ? 20_000 : 30,
              createdAt,
            },
          });
        }
        await fresh.db.call.create({
          data: { vendor: "x", kind: "y", method: "POST", path: "/", outcome: "unknown_integration", status: 404 },
        });
        delete process.env.DESKBRIDGE_MIGRATIONS_DIR;
        expect((await migrate(fresh.db, providerOfDb(fresh.db)))[0]).toBe("0012_call_rollup");
        const rows = await fresh.db.callRollup.findMany({ where: { integrationId: c.id }, orderBy: { hour: "asc" } });
        expect(rows.map((r) => [r.hour, r.calls, r.failures, r.lat3, r.lat15])).toEqual([
          [hourOf(ago(26)), 2, 1, 2, 0],
          [hourOf(ago(1)), 2, 0, 1, 1],
        ]);
        expect((await fresh.db.callRollup.findMany({ where: { integrationId: "" } })).map((r) => r.calls)).toEqual([1]);
        // And kept in step from then on.
        await recordCall(fresh.db, entry({ integrationId: c.id, createdAt: ago(1) }));
        const now = await fresh.db.callRollup.findUnique({
          where: { integrationId_hour: { integrationId: c.id, hour: hourOf(ago(1)) } },
        });
        expect(now?.calls).toBe(3);
      } finally {
        delete process.env.DESKBRIDGE_MIGRATIONS_DIR;
        await fresh.drop();
        fs.rmSync(old, { recursive: true, force: true });
      }
    });
  });
}
