// A customer's timeline on SQLite and PostgreSQL: a vendor's lookups take one line per vendor and
// day, however many there were, so the edits made between them stay in view.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { withActor } from "@/lib/audit/audit";
import { customerTimeline } from "@/lib/audit/query";
import { recordCall, type CallEntry } from "@/lib/calls/record";
import { createCustomer, updateCustomer } from "@/lib/customers/customers";

const call = (customerId: number, createdAt: Date, over: Partial<CallEntry> = {}): CallEntry => ({
  vendor: "sobot-crm",
  kind: "crm",
  method: "POST",
  path: "/api/callbacks/sobot/crm/x",
  headers: {},
  body: null,
  outcome: "ok",
  detail: "",
  status: 200,
  durationMs: 2,
  customerId,
  createdAt,
  ...over,
});

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`customer timeline on ${provider.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createDatabase(provider.name);
    });
    afterAll(async () => {
      await t?.drop();
    });

    it("groups a vendor's calls per day and keeps the edits between them", async () => {
      const c = await createCustomer(t.db, { uname: "busy" });
      // Today's calls reach 40 s back: in the first minute of a UTC day, wait for the second one.
      const sinceMidnight = Date.now() % 86_400_000;
      if (sinceMidnight < 60_000) await new Promise((r) => setTimeout(r, 60_000 - sinceMidnight));
      const now = Date.now();
      // Yesterday's calls around its noon, whatever the time of day now.
      const yesterdayNoon = now - (now % 86_400_000) - 12 * 3_600_000;
      // 80 lookups yesterday and today from Sobot, 3 Udesk task calls today, one push out.
      for (let i = 0; i < 40; i++) await recordCall(t.db, call(c.id, new Date(yesterdayNoon - i * 60_000)));
      for (let i = 0; i < 40; i++)
        await recordCall(t.db, call(c.id, new Date(now - i * 1000), i === 0 ? { outcome: "not_found" } : {}));
      for (let i = 0; i < 3; i++)
        await recordCall(t.db, call(c.id, new Date(now - 500 - i), { vendor: "udesk", kind: "task" }));
      await recordCall(t.db, call(c.id, new Date(now - 100), { direction: "out", kind: "trigger" }));
      await withActor({ id: null, label: "ops@example.com" }, () =>
        updateCustomer(t.db, c.id, { uname: "busy", realname: "赵六" }),
      );

      const timeline = await customerTimeline(t.db, c.id);
      const today = new Date(now).toISOString().slice(0, 10);
      const yesterday = new Date(now - 86_400_000).toISOString().slice(0, 10);
      const lines = timeline.map((e) =>
        e.type === "change" ? `change: ${e.summary}` : `${e.day} ${e.direction} ${e.vendor} ×${e.count}`,
      );
      expect(lines.sort()).toEqual(
        [
          "change: changed realname of busy",
          "change: created customer busy",
          `${today} in sobot-crm ×40`,
          `${today} in udesk ×3`,
          `${today} out sobot-crm ×1`,
          `${yesterday} in sobot-crm ×40`,
        ].sort(),
      );
      const sobotToday = timeline.find((e) => e.type === "calls" && e.id === `${today} in sobot-crm`);
      expect(sobotToday?.type === "calls" && sobotToday.outcomes).toEqual([
        ["ok", 39],
        ["not_found", 1],
      ]);
      expect(timeline[0].type === "change" && timeline[0].summary).toBe("changed realname of busy");
    }, 150_000);

    it("groups by the reader's day, and links each line to that day's calls in their zone", async () => {
      const c = await createCustomer(t.db, { uname: "night owl" });
      // 20:00 and 23:30 UTC on June 1 are 04:00 and 07:30 on June 2 in Beijing; 02:00 UTC is June 2 in both.
      for (const at of ["2026-06-01T20:00:00Z", "2026-06-01T23:30:00Z", "2026-06-02T02:00:00Z"])
        await recordCall(t.db, call(c.id, new Date(at)));
      const lines = async (timeZone: string) =>
        (await customerTimeline(t.db, c.id, { timeZone }))
          .filter((e) => e.type === "calls")
          .map((e) => (e.type === "calls" ? `${e.day} ×${e.count} ${e.from}…${e.to}` : ""));
      expect(await lines("UTC")).toEqual([
        "2026-06-02 ×1 2026-06-02T00:00:00.000Z…2026-06-02T23:59:59.999Z",
        "2026-06-01 ×2 2026-06-01T00:00:00.000Z…2026-06-01T23:59:59.999Z",
      ]);
      expect(await lines("Asia/Shanghai")).toEqual(["2026-06-02 ×3 2026-06-01T16:00:00.000Z…2026-06-02T15:59:59.999Z"]);
    });
  });
}
