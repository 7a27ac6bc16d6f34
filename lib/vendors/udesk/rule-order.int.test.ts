// Editing and reordering answer rules: the order is the order rules are tried in, so moving a
// rule changes which one answers; positions are numbered again 1, 2, 3…; an edit changes the
// answer in place. On SQLite and PostgreSQL.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIntegration, type IntegrationView } from "@/lib/integrations/integrations";
import { appError } from "@/lib/testing/app-error";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { createCustomer } from "@/lib/customers/customers";
import { answerFor, listRules, moveRule, saveRule, testQuestion } from "@/lib/vendors/udesk/rules";

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`editing and reordering answer rules on ${provider.name}`, () => {
    let t: TestDatabase;
    let udesk: IntegrationView;
    const ask = (question: string) =>
      answerFor(t.db, udesk.id, {}, { regex: "", question, customer: null, latestOrder: null });

    beforeAll(async () => {
      t = await createDatabase(provider.name);
      udesk = await createIntegration(t.db, crypto.randomBytes(32), {
        vendor: "udesk",
        name: "Order",
        settings: { integrationName: "顺序" },
        secrets: { key: "order-key-0b1c2d" },
      });
      // Gaps in the numbering, as rules added by hand leave them.
      await saveRule(t.db, udesk.id, { position: 10, matchType: "question", pattern: "退", answer: "general" });
      await saveRule(t.db, udesk.id, { position: 20, matchType: "question", pattern: "退货", answer: "returns" });
      await saveRule(t.db, udesk.id, { position: 30, matchType: "always", answer: "fallback" });
    });
    afterAll(async () => {
      await t?.drop();
    });

    it("moving a rule up makes it answer first, and numbers the rules 1, 2, 3", async () => {
      expect((await ask("我要退货")).answer).toBe("general");
      const returns = (await listRules(t.db, udesk.id))[1];
      const after = await moveRule(t.db, udesk.id, returns.id, "up");
      expect(after.map((r) => [r.position, r.answer])).toEqual([
        [1, "returns"],
        [2, "general"],
        [3, "fallback"],
      ]);
      const answered = await ask("我要退货");
      expect(answered.answer).toBe("returns");
      expect(answered.rule?.position).toBe(1);
      const audit = await t.db.auditEvent.findFirst({ where: { entity: "rule" }, orderBy: { id: "desc" } });
      expect(audit?.summary).toBe("moved answer rule (question 退货) to #1");
    });

    it("moving down, and past either end changing nothing", async () => {
      const [first, , last] = await listRules(t.db, udesk.id);
      expect((await moveRule(t.db, udesk.id, first.id, "up")).map((r) => r.answer)).toEqual([
        "returns",
        "general",
        "fallback",
      ]);
      expect((await moveRule(t.db, udesk.id, last.id, "down")).map((r) => r.answer)).toEqual([
        "returns",
        "general",
        "fallback",
      ]);
      await moveRule(t.db, udesk.id, first.id, "down");
      expect((await ask("我要退货")).answer).toBe("general");
      const error = await appError(moveRule(t.db, udesk.id, 999_999, "up"));
      expect(error.code).toBe("not_found");
    });

    it("an edit changes the rule in place", async () => {
      const general = (await listRules(t.db, udesk.id))[0];
      await saveRule(
        t.db,
        udesk.id,
        { position: general.position, matchType: "question", pattern: "^退款", answer: "refunds" },
        general.id,
      );
      expect((await ask("退款进度")).answer).toBe("refunds");
      expect((await ask("我要退货")).answer).toBe("returns");
      expect((await listRules(t.db, udesk.id)).map((r) => r.id)).toContain(general.id);
    });

    it("testing a question names the rule and renders its answer for a customer, changing nothing", async () => {
      await saveRule(t.db, udesk.id, {
        position: 1,
        matchType: "regex",
        pattern: "^问候",
        answer: "您好 {{customer.uname}}",
      });
      const customer = await createCustomer(t.db, { uname: "小明" });
      const calls = await t.db.call.count();
      const tested = await testQuestion(t.db, udesk.id, {
        question: "hi",
        regex: "^问候",
        customerId: `#${customer.id}`,
      });
      expect(tested.answer).toBe("您好 小明");
      expect(tested.rule).toMatchObject({ matchType: "regex", pattern: "^问候" });
      expect(await t.db.call.count()).toBe(calls);
      const unknown = await appError(testQuestion(t.db, udesk.id, { question: "hi", regex: "", customerId: "999999" }));
      expect(unknown.fieldErrors.customerId).toEqual(["No such customer"]);
      const empty = await appError(testQuestion(t.db, udesk.id, { question: " ", regex: "", customerId: "" }));
      expect(empty.fieldErrors.question).toEqual(["Type a question"]);
    });
  });
}
