// Many Sobot pushes at once for one customer: exactly one customer, and every push answered with
// success, on PostgreSQL as on SQLite (a refused or failed push is retried by Sobot three times
// and then lost).
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallbackRefusal, type HandlerResult } from "@/lib/callbacks/types";
import { createIntegration, type IntegrationView } from "@/lib/integrations/integrations";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { push } from "@/lib/testing/sobot-push";

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`concurrent Sobot pushes on ${provider.name}`, () => {
    let t: TestDatabase;
    const masterKey = crypto.randomBytes(32);
    let open: IntegrationView;
    let merging: IntegrationView;

    beforeAll(async () => {
      t = await createDatabase(provider.name);
      open = await createIntegration(t.db, masterKey, {
        vendor: "sobot-webhook",
        name: "Sobot push",
        settings: {},
        secrets: {},
      });
      merging = await createIntegration(t.db, masterKey, {
        vendor: "sobot-webhook",
        name: "Sobot push, merge by contact",
        settings: { mergeByContact: true },
        secrets: {},
      });
    });
    afterAll(async () => {
      await t?.drop();
    });

    /** Every push at once; fails with every answer that was not success. */
    async function allAtOnce(integration: IntegrationView, bodies: unknown[]): Promise<HandlerResult[]> {
      const settled = await Promise.allSettled(
        bodies.map((body) => push(t.db, masterKey, integration, { body: JSON.stringify(body) })),
      );
      const answers = settled.map((s) => (s.status === "fulfilled" ? s.value : s.reason));
      const failures = answers.flatMap((a, i) =>
        a instanceof CallbackRefusal
          ? [`push ${i}: ${a.status} ${a.outcome} ${a.detail}`]
          : a instanceof Error
            ? [`push ${i}: ${a.name}: ${a.message.split("\n")[0]}`]
            : [],
      );
      expect(failures).toEqual([]);
      return answers as HandlerResult[];
    }

    it("30 different pushes for one new Sobot id at once give one customer and 30 successes", async () => {
      const answers = await allAtOnce(
        open,
        Array.from({ length: 30 }, (_, i) => ({
          id: "race-30",
          nick: `Racer ${i}`,
          email: `racer${i}@example.com`,
          user_label: `tag${i}`,
          ex_fields: { [`f${i}`]: String(i) },
        })),
      );
      for (const a of answers) expect([a.status, a.outcome]).toEqual([200, "ok"]);
      const owners = await t.db.externalId.findMany({ where: { kind: "sobot-customer", value: "race-30" } });
      expect(owners).toHaveLength(1);
      expect(new Set(answers.map((a) => a.customerId))).toEqual(new Set([owners[0].customerId]));
      // Every push was merged, none lost.
      const emails = await t.db.customerEmail.count({ where: { customerId: owners[0].customerId } });
      expect(emails).toBe(20);
      const labels = await t.db.customerLabel.count({ where: { customerId: owners[0].customerId } });
      expect(labels).toBe(30);
    });

    it("20 merge-by-contact pushes sharing an email at once give one customer", async () => {
      const before = await t.db.customer.count();
      const answers = await allAtOnce(
        merging,
        Array.from({ length: 20 }, (_, i) => ({ id: `shared-${i}`, nick: `Sharer ${i}`, email: "shared@example.com" })),
      );
      for (const a of answers) expect([a.status, a.outcome]).toEqual([200, "ok"]);
      expect(await t.db.customer.count()).toBe(before + 1);
      expect(await t.db.customerEmail.count({ where: { email: "shared@example.com" } })).toBe(1);
      const ids = await t.db.externalId.findMany({
        where: { kind: "sobot-customer", value: { startsWith: "shared-" } },
      });
      expect(ids).toHaveLength(20);
      expect(new Set(ids.map((x) => x.customerId)).size).toBe(1);
    });

    it("pushes reaching one customer by its Sobot id and by its email at once all merge, none lost", async () => {
      const first = await allAtOnce(merging, [{ id: "two-ways", nick: "Two Ways", email: "two.ways@example.com" }]);
      const customerId = Number(first[0].customerId);
      // Pushes by id queue behind each other, as do those by email; the two kinds meet only at the customer.
      const answers = await allAtOnce(merging, [
        ...Array.from({ length: 12 }, (_, i) => ({ id: "two-ways", user_label: `by-id-${i}` })),
        ...Array.from({ length: 12 }, (_, i) => ({
          id: `two-ways-${i}`,
          email: "two.ways@example.com",
          user_label: `by-email-${i}`,
        })),
      ]);
      expect(new Set(answers.map((a) => a.customerId))).toEqual(new Set([customerId]));
      const labels = await t.db.customerLabel.findMany({ where: { customerId }, orderBy: { label: "asc" } });
      const expected = [
        ...Array.from({ length: 12 }, (_, i) => `by-email-${i}`),
        ...Array.from({ length: 12 }, (_, i) => `by-id-${i}`),
      ].sort();
      expect(labels.map((l) => l.label)).toEqual(expected);
      const ids = await t.db.externalId.count({ where: { customerId, value: { startsWith: "two-ways-" } } });
      expect(ids).toBe(12);
    });
  });
}
