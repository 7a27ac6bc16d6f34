// Finding the customer of a Udesk call from what Udesk tells us, in the documented order
// (customerId, callerNumber, weChatOpenId, the knowledge call's customer fields), and what a
// template sees of the call (dialogueDesc, the task variables).
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallbackDefinition, HandlerResult } from "@/lib/callbacks/types";
import { createCustomer, type CustomerView } from "@/lib/customers/customers";
import { addOrder } from "@/lib/customers/orders";
import { createIntegration, loadCallbackIntegration, type IntegrationView } from "@/lib/integrations/integrations";
import { defaultConfig } from "@/lib/templates/config";
import { createTemplate } from "@/lib/templates/templates";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { knowledgeSign, messageSign, taskSign } from "@/lib/vendors/udesk/codec";
import { udeskKnowledge, udeskMessage, udeskTask } from "@/lib/vendors/udesk/handlers";
import { saveEntry, saveRule } from "@/lib/vendors/udesk/rules";

type Body = Record<string, unknown>;
const TS = 1551510709;
const KEY = "udesk-lookup-key";
const NAME = "对接一";

/** Each saved number, and the ways a caller's number may arrive. */
const PHONE_FORMS: { saved: string; asked: string[] }[] = [
  { saved: "+8613800138000", asked: ["13800138000", "0086 138 0013 8000", "8613800138000", "138-0013-8000"] },
  { saved: "18610885415", asked: ["+86 186 1088 5415", "008618610885415", "86 186-1088-5415"] },
  { saved: "010-12345678", asked: ["+86 10 1234 5678", "01012345678", "(010) 1234 5678"] },
];

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`Udesk customer lookup on ${provider.name}`, () => {
    let t: TestDatabase;
    const masterKey = crypto.randomBytes(32);
    let integration: IntegrationView;
    let byUdeskId: CustomerView;
    let byWechat: CustomerView;
    let byEmail: CustomerView;
    const byPhone: CustomerView[] = [];

    beforeAll(async () => {
      t = await createDatabase(provider.name);
      integration = await createIntegration(t.db, masterKey, {
        vendor: "udesk",
        name: "Udesk",
        settings: { integrationName: NAME, defaultAnswer: "你好{{customer.realname}}", knowledgeFallback: "-" },
        secrets: { key: KEY },
      });
      byUdeskId = await createCustomer(t.db, {
        realname: "按编号",
        phones: ["13911112222"],
        externalIds: [{ kind: "udesk-customer", value: "501" }],
      });
      byWechat = await createCustomer(t.db, {
        realname: "微信客户",
        externalIds: [{ kind: "wechat-openid", value: "oWx-openid-7" }],
      });
      byEmail = await createCustomer(t.db, {
        realname: "邮件客户",
        emails: ["kb@example.com"],
        phones: ["13700001111"],
      });
      for (const [i, f] of PHONE_FORMS.entries())
        byPhone.push(await createCustomer(t.db, { realname: `来电${i}`, phones: [f.saved] }));
      await addOrder(t.db, byPhone[0].id, {
        orderNo: "P-1",
        title: "电话订单",
        amountCents: "10",
        quantity: 1,
        status: "paid",
      });
      await createTemplate(t.db, {
        integrationId: integration.id,
        name: "Call context",
        taskNodeId: "300",
        config: {
          ...defaultConfig("custom_card"),
          answerVariables: { desc: "{{call.dialogueDesc}}", city: "{{var.city}}", who: "{{customer.realname}}" },
        },
      });
      await saveRule(t.db, integration.id, { matchType: "always", pattern: "", answer: "你好{{customer.realname}}" });
      await saveEntry(t.db, integration.id, {
        datumId: "10",
        content: "{{customer.realname}}，{{customer.nick_name}}",
      });
    });
    afterAll(async () => {
      await t?.drop();
    });

    async function call(def: CallbackDefinition, body: Body): Promise<HandlerResult> {
      const text = JSON.stringify(body);
      const url = `http://x/api/callbacks/udesk/${def.kind}/${integration.slug}`;
      const loaded = await loadCallbackIntegration(t.db, masterKey, "udesk", integration.slug);
      return def.handle({
        client: t.db,
        request: new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: text }),
        url: new URL(url),
        body: Buffer.from(text),
        integration: loaded!,
        now: new Date(TS * 1000),
        acceptOnce: async () => undefined,
      });
    }
    const message = (over: Body) =>
      call(udeskMessage, {
        timestamp: TS,
        sign: messageSign(NAME, KEY, TS),
        integrationName: NAME,
        questionContent: "在吗",
        ...over,
      });
    const task = (over: Body) =>
      call(udeskTask, {
        taskNodeId: 300,
        sessionId: 7,
        timestamp: TS,
        sign: taskSign(KEY, 300, 7, TS),
        pageNum: 1,
        pageSize: 5,
        ...over,
      });
    const knowledge = (customer: Body) =>
      call(udeskKnowledge, {
        timestamp: TS,
        sign: knowledgeSign(KEY, TS),
        datumId: 10,
        sessionId: 1,
        templateAttributeId: 20,
        templateAttributeName: "x",
        customer,
      });

    it("finds the voice robot's caller by customerExtra.callerNumber, however the number is written", async () => {
      for (const [i, f] of PHONE_FORMS.entries())
        for (const callerNumber of [f.saved, ...f.asked]) {
          const m = await message({ customerExtra: { customerId: null, callerNumber } });
          expect([m.customerId, m.body], callerNumber).toEqual([byPhone[i].id, { answerContent: `你好来电${i}` }]);
          expect(m.detail).toContain(`by customerExtra.callerNumber "${callerNumber}"`);
          const tk = await task({ customerExtra: { callerNumber } });
          expect(tk.customerId, callerNumber).toBe(byPhone[i].id);
        }
    });

    it("finds a WeChat customer by extra.weChatOpenId (external id wechat-openid)", async () => {
      const m = await message({ extra: { weChatOpenId: "oWx-openid-7" }, customerExtra: { customerId: null } });
      expect(m.customerId).toBe(byWechat.id);
      expect(m.body).toEqual({ answerContent: "你好微信客户" });
      expect(m.detail).toContain('by extra.weChatOpenId "oWx-openid-7"');
      expect((await message({ extra: { weChatOpenId: "oWx-other" } })).customerId ?? null).toBeNull();
    });

    it("tries customerId first, then callerNumber, then weChatOpenId", async () => {
      const all = { customerId: 501, callerNumber: "13800138000" };
      const first = await message({ extra: { weChatOpenId: "oWx-openid-7" }, customerExtra: all });
      expect(first.customerId).toBe(byUdeskId.id);
      // An unknown Udesk id falls through to the caller's number, then to the openid.
      const second = await message({
        extra: { weChatOpenId: "oWx-openid-7" },
        customerExtra: { ...all, customerId: 999 },
      });
      expect(second.customerId).toBe(byPhone[0].id);
      const third = await message({
        extra: { weChatOpenId: "oWx-openid-7" },
        customerExtra: { customerId: 999, callerNumber: "10000" },
      });
      expect(third.customerId).toBe(byWechat.id);
    });

    it("gives templates the task's variables and customerExtra.dialogueDesc", async () => {
      const r = await task({
        variables: { city: "杭州" },
        customerExtra: { callerNumber: "+86 138 0013 8000", dialogueDesc: "来自活动页" },
      });
      expect(r.outcome).toBe("ok");
      expect((r.body as { variables: Record<string, string> }).variables).toEqual({
        desc: "来自活动页",
        city: "杭州",
        who: "来电0",
      });
    });

    it("finds the knowledge call's customer by its email, then by its phone", async () => {
      const byMail = await knowledge({ nick_name: "昵称", c_email: "KB@example.com" });
      expect(byMail.customerId).toBe(byEmail.id);
      expect(byMail.body).toMatchObject({ message: { msgContent: "邮件客户，昵称" } });
      expect(byMail.detail).toContain('by customer.c_email "KB@example.com"');
      const byCell = await knowledge({ nick_name: "昵称", cellphone: "+86 137 0000 1111" });
      expect(byCell.customerId).toBe(byEmail.id);
      const stranger = await knowledge({ nick_name: "昵称", email: "nobody@example.com" });
      expect(stranger.customerId ?? null).toBeNull();
      expect(stranger.body).toMatchObject({ message: { msgContent: "，昵称" } });
    });
  });
}
