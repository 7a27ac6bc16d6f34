// Task-push answers Udesk can read, on real databases: a loyal customer's 25 orders answer a drawer
// of 20 (newest first, the rest named in the call's detail) and bubble pages of at most 20, every
// field of every answer walked against the types of Udesk's document (ids are integers). Form
// templates answer the new-form calls (no taskNodeId) made to their own URL.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallbackRefusal, type HandlerResult } from "@/lib/callbacks/types";
import { createCustomer } from "@/lib/customers/customers";
import { addOrder, type OrderView } from "@/lib/customers/orders";
import { createIntegration, loadCallbackIntegration, type IntegrationView } from "@/lib/integrations/integrations";
import { defaultConfig } from "@/lib/templates/config";
import { createTemplate, type TemplateView } from "@/lib/templates/templates";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { DOC_TYPES, docTypeProblems } from "@/lib/testing/udesk-doc-types";
import { taskSign } from "@/lib/vendors/udesk/codec";
import { udeskTask } from "@/lib/vendors/udesk/handlers";
import { bubbleAnswer, customAnswer, drawerAnswer } from "@/lib/vendors/udesk/schemas";

const KEY = "abcde";
const STATUSES = ["paid", "shipped", "delivered", "completed"];
type Body = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: answers are walked loosely; the schemas and DOC_TYPES check them
type Obj = Record<string, any>;

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`Udesk task answers on ${provider.name}`, () => {
    let t: TestDatabase;
    const masterKey = crypto.randomBytes(32);
    let udesk: IntegrationView;
    let other: IntegrationView;
    const orders: OrderView[] = [];
    let formA: TemplateView;
    let formB: TemplateView;
    let otherForm: TemplateView;

    beforeAll(async () => {
      t = await createDatabase(provider.name);
      const make = (name: string) =>
        createIntegration(t.db, masterKey, {
          vendor: "udesk",
          name,
          settings: { integrationName: name },
          secrets: { key: KEY },
        });
      udesk = await make("Udesk answers");
      other = await make("Udesk other");
      const loyal = await createCustomer(t.db, {
        realname: "老客户",
        externalIds: [{ kind: "udesk-customer", value: "777" }],
      });
      for (let n = 1; n <= 25; n++)
        orders.push(
          await addOrder(t.db, loyal.id, {
            orderNo: `DB2026${String(1000 + n)}`,
            title: `订单商品 ${n}`,
            imageUrl: `https://img.example.com/${n}.png`,
            amountCents: `${n}.00`,
            quantity: 1,
            status: STATUSES[n % 4] as "paid",
            createdAt: new Date(Date.UTC(2026, 0, n)),
          }),
        );
      const node = (taskNodeId: string, kind: "drawer_list" | "bubble_list" | "custom_card" | "show_product") =>
        createTemplate(t.db, { integrationId: udesk.id, name: kind, taskNodeId, config: defaultConfig(kind) });
      await node("300", "drawer_list");
      await node("301", "bubble_list");
      await node("302", "custom_card");
      await node("303", "show_product");
      await createTemplate(t.db, {
        integrationId: udesk.id,
        name: "FAQ default",
        isDefault: true,
        config: { ...defaultConfig("custom_card"), cardType: 2, faqText: "您想问：", faqQuestions: ["退货", "发票"] },
      });
      formA = await createTemplate(t.db, {
        integrationId: udesk.id,
        name: "Form: orders",
        form: true,
        config: defaultConfig("bubble_list"),
      });
      formB = await createTemplate(t.db, {
        integrationId: udesk.id,
        name: "Form: drawer",
        form: true,
        config: defaultConfig("drawer_list"),
      });
      otherForm = await createTemplate(t.db, {
        integrationId: other.id,
        name: "Other's form",
        form: true,
        config: defaultConfig("bubble_list"),
      });
    });
    afterAll(async () => {
      await t?.drop();
    });

    const body = (taskNodeId: number | null, over: Body = {}): Body => ({
      taskNodeId,
      sessionId: 55,
      timestamp: 1551510709,
      sign: taskSign(KEY, taskNodeId, 55, 1551510709),
      pageNum: 1,
      pageSize: 5,
      customerExtra: { customerId: 777 },
      ...over,
    });

    async function push(b: Body, path = `/api/callbacks/udesk/task/${udesk.slug}`): Promise<HandlerResult> {
      const text = JSON.stringify(b);
      const url = `http://x${path}`;
      const integration = await loadCallbackIntegration(t.db, masterKey, "udesk", path.split("/")[5].split("?")[0]);
      const result = await udeskTask
        .handle({
          client: t.db,
          request: new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: text }),
          url: new URL(url),
          body: Buffer.from(text),
          integration: integration!,
          now: new Date(1551510709_000),
          acceptOnce: async () => undefined,
        })
        .catch((e: unknown) => e);
      if (result instanceof CallbackRefusal) throw new Error(`refused: ${result.detail}`);
      if (result instanceof Error) throw result;
      return result as HandlerResult;
    }
    const newestFirst = () => [...orders].reverse();

    it("25 orders: the drawer answers the 20 newest, integer ids, paging, and names the 5 left out", async () => {
      const r = await push(body(300));
      expect([r.status, r.outcome, r.partial]).toEqual([200, "ok", true]);
      const a = drawerAnswer.parse(r.body);
      expect(a.data.tabDataList).toHaveLength(20);
      expect(a.data.tabDataList.map((i) => i.id)).toEqual(
        newestFirst()
          .slice(0, 20)
          .map((o) => o.id),
      );
      expect(a.data.tabDataList.map((i) => i.subTitle)).toEqual(
        newestFirst()
          .slice(0, 20)
          .map((o) => o.orderNo),
      );
      expect(a.paging).toEqual({ pageNum: 1, pageSize: 20, total: 25 });
      expect(r.detail).toContain("20 of 25 item(s)");
      expect(r.detail).toContain("5 of 25 item(s) left out (Udesk's drawer holds 20)");
      expect(docTypeProblems(r.body, DOC_TYPES.drawer_list)).toEqual([]);
    });

    it.each([5, 20, 50, 1000])("the bubble list answers at most 20 items when asked for %i", async (pageSize) => {
      const r = await push(body(301, { pageSize }));
      const a = bubbleAnswer.parse(r.body);
      expect(a.data.length).toBe(Math.min(pageSize, 20));
      expect(a.paging).toEqual({ pageNum: 1, pageSize: Math.min(pageSize, 20), total: 25 });
      expect(a.data[0]).toMatchObject({ id: orders[24].id, subTitle: orders[24].orderNo, hitContent: "DB20261025" });
      expect(docTypeProblems(r.body, DOC_TYPES.bubble_list)).toEqual([]);
      expect(r.partial).toBe(false);
    });

    it("custom cards, products and the FAQ card carry integer ids as well", async () => {
      for (const b of [body(302), body(303), body(999)]) {
        const r = await push(b);
        expect(r.outcome).toBe("ok");
        customAnswer.parse(r.body);
        expect(docTypeProblems(r.body, DOC_TYPES.custom)).toEqual([]);
      }
      const faq = (await push(body(999))).body as Obj;
      expect(faq.message.msgContent.cardList[0]).toMatchObject({ id: 1, suggestList: [{ id: 1 }, { id: 2 }] });
    });

    it("the walk catches text in an Integer field (the answers before this change)", () => {
      const old = { code: 200, message: "OK", visible: false, paging: { pageNum: 1, pageSize: 5, total: 1 } };
      const problems = docTypeProblems(
        { ...old, data: [{ id: "DB20261000", img: "", title: "x" }] },
        DOC_TYPES.bubble_list,
      );
      expect(problems).toEqual(['data[0].id: "DB20261000" is not Integer']);
    });

    describe("form templates", () => {
      it("each has its own URL: the integration's task endpoint with ?template=<id>", () => {
        expect(formA.form).toBe(true);
        expect(formA.formPath).toBe(`/api/callbacks/udesk/task/${udesk.slug}?template=${formA.id}`);
        expect(formB.formPath).toBe(`/api/callbacks/udesk/task/${udesk.slug}?template=${formB.id}`);
        expect(formA.taskNodeId).toBeNull();
        expect(formA.isDefault).toBe(false);
      });

      it("a new-form call (no taskNodeId) to each URL is answered by its own template", async () => {
        const a = await push(body(null), formA.formPath!);
        expect(a.detail).toContain('template "Form: orders" (bubble_list)');
        expect(bubbleAnswer.safeParse(a.body).success).toBe(true);
        const b = await push(body(null), formB.formPath!);
        expect(b.detail).toContain('template "Form: drawer" (drawer_list)');
        expect(drawerAnswer.safeParse(b.body).success).toBe(true);
        // Without the parameter, the integration's default answers, as before.
        expect((await push(body(null))).detail).toContain('template "FAQ default"');
      });

      it("a URL naming no form template of this integration answers not_found, saying so", async () => {
        for (const id of [String(otherForm.id), "999999", "abc"]) {
          const r = await push(body(null), `/api/callbacks/udesk/task/${udesk.slug}?template=${id}`);
          expect([r.outcome, (r.body as Obj).resCode]).toEqual(["not_found", -1]);
          expect(r.detail).toBe(`?template=${id} is not a form template of this integration`);
        }
      });

      it("a form template cannot also be the default or answer a task node", async () => {
        const both = createTemplate(t.db, {
          integrationId: udesk.id,
          name: "x",
          form: true,
          isDefault: true,
          config: defaultConfig("bubble_list"),
        });
        await expect(both).rejects.toMatchObject({ code: "validation", fieldErrors: { form: [expect.any(String)] } });
        const node = createTemplate(t.db, {
          integrationId: udesk.id,
          name: "y",
          form: true,
          taskNodeId: "5",
          config: defaultConfig("bubble_list"),
        });
        await expect(node).rejects.toMatchObject({ fieldErrors: { taskNodeId: [expect.any(String)] } });
      });
    });
  });
}
