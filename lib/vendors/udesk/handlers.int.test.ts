// Udesk robot webhooks on real databases (PROTOCOLS §3): the documented sign vectors for the three
// kinds of call, refusals (sign, freshness, integration name, malformed bodies), message rules,
// task-push card templates over a customer's orders, knowledge-base entries, key rotation.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appError } from "@/lib/testing/app-error";
import { CallbackRefusal, type CallbackDefinition, type HandlerResult } from "@/lib/callbacks/types";
import { createCustomer, type CustomerView } from "@/lib/customers/customers";
import { addOrder, type OrderView } from "@/lib/customers/orders";
import { createIntegration, loadCallbackIntegration, type IntegrationView } from "@/lib/integrations/integrations";
import { rotateSecret } from "@/lib/integrations/rotation";
import { defaultConfig } from "@/lib/templates/config";
import { createTemplate } from "@/lib/templates/templates";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { knowledgeSign, messageSign, taskSign } from "@/lib/vendors/udesk/codec";
import { udeskKnowledge, udeskMessage, udeskTask } from "@/lib/vendors/udesk/handlers";
import { saveEntry, saveRule } from "@/lib/vendors/udesk/rules";
import { bubbleAnswer, customAnswer, knowledgeAnswer, messageAnswer, udeskRefusal } from "@/lib/vendors/udesk/schemas";
// Handlers are tested one call at a time; replay protection is the pipeline's (pipeline.int.test.ts).
const everyCallIsNew = async () => undefined;

// PROTOCOLS §3 vectors.
const MSG_NAME = "对接一";
const MSG_KEY = "221b368d7f5f597867f525971f28ff75";
const MSG_TS = 1496631984;
const MSG_SIGN = "96d8271cd705d3f134d215e9b3c27bb73f1132ed";
const TASK_KEY = "abcde";
const TASK_TS = 1551510709;
const TASK_SIGN = "9195e2a5c1d84b86dc59819f29a0e300";
const TASK_SIGN_NO_NODE = "7c3479422b034a62fff5d23e883f07d8";
const KB_KEY = "123456";
const KB_TS = 1551510709;
const KB_SIGN = "394eaf3868642dc6775e908dee2ed53274ea3ebd06fa4dd5fa07a4150c016f71";

type Body = Record<string, unknown>;

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`Udesk robot webhooks on ${provider.name}`, () => {
    let t: TestDatabase;
    const masterKey = crypto.randomBytes(32);

    /** Message vector integration (its rules are the message-rule tests'). */
    let msg: IntegrationView;
    /** Task vector integration: templates for node 100, node 200 (by phone) and a default. */
    let task: IntegrationView;
    /** Same key, no template at all. */
    let bare: IntegrationView;
    /** Knowledge vector integration, with a fallback. */
    let kb: IntegrationView;
    /** Knowledge without a fallback. */
    let kbNoFallback: IntegrationView;

    let buyer: CustomerView;
    let manyOrders: CustomerView;
    const manyOrderRows: OrderView[] = [];
    const PHONE = "13912345678";

    const udesk = (name: string, integrationName: string, key: string, settings: Body = {}) =>
      createIntegration(t.db, masterKey, {
        vendor: "udesk",
        name,
        settings: { integrationName, ...settings },
        secrets: { key },
      });

    beforeAll(async () => {
      t = await createDatabase(provider.name);
      msg = await udesk("Udesk message", MSG_NAME, MSG_KEY, { defaultAnswer: "默认回答：{{question}}" });
      task = await udesk("Udesk task", "任务", TASK_KEY);
      bare = await udesk("Udesk bare", "任务", TASK_KEY);
      kb = await udesk("Udesk knowledge", "资料库", KB_KEY, { knowledgeFallback: "暂无{{datumName}}的资料" });
      kbNoFallback = await udesk("Udesk knowledge, no fallback", "资料库", KB_KEY);

      buyer = await createCustomer(t.db, {
        realname: "李四",
        uname: "lisi",
        externalIds: [{ kind: "udesk-customer", value: "c-1" }],
      });
      await addOrder(t.db, buyer.id, {
        orderNo: "B-OLD",
        title: "旧订单",
        amountCents: "10",
        quantity: 1,
        status: "completed",
        createdAt: new Date("2026-01-01T00:00:00Z"),
      });
      await addOrder(t.db, buyer.id, {
        orderNo: "B-NEW",
        title: "最新的订单",
        amountCents: "20",
        quantity: 1,
        status: "paid",
        createdAt: new Date("2026-03-01T00:00:00Z"),
      });
      await addOrder(t.db, buyer.id, {
        orderNo: "B-MID",
        title: "中间的订单",
        amountCents: "15",
        quantity: 1,
        status: "shipped",
        createdAt: new Date("2026-02-01T00:00:00Z"),
      });

      manyOrders = await createCustomer(t.db, {
        realname: "王五",
        phones: [PHONE],
        externalIds: [{ kind: "udesk-customer", value: "9001" }],
      });
      for (let n = 1; n <= 7; n++) {
        const row = await addOrder(t.db, manyOrders.id, {
          orderNo: `W-${n}`,
          title: `商品 ${n}`,
          amountCents: `${n}99.00`,
          quantity: n,
          status: "paid",
          createdAt: new Date(Date.UTC(2026, 0, n)),
        });
        manyOrderRows.push(row);
      }

      await createTemplate(t.db, {
        integrationId: task.id,
        name: "Orders bubble",
        taskNodeId: "100",
        config: defaultConfig("bubble_list"),
      });
      await createTemplate(t.db, {
        integrationId: task.id,
        name: "Default cards",
        isDefault: true,
        config: defaultConfig("custom_card"),
      });
      await createTemplate(t.db, {
        integrationId: task.id,
        name: "By phone",
        taskNodeId: "200",
        config: { ...defaultConfig("bubble_list"), customerVariable: "phone" },
      });
    });
    afterAll(async () => {
      await t?.drop();
    });

    const KIND_DEFS = { message: udeskMessage, task: udeskTask, knowledge: udeskKnowledge } as const;
    type Kind = keyof typeof KIND_DEFS;

    async function context(def: CallbackDefinition, integration: IntegrationView, body: Body | string, now?: Date) {
      const text = typeof body === "string" ? body : JSON.stringify(body);
      const url = `http://x/api/callbacks/udesk/${def.kind}/${integration.slug}`;
      const loaded = await loadCallbackIntegration(t.db, masterKey, "udesk", integration.slug);
      expect(loaded).not.toBeNull();
      const ts = typeof body === "object" ? Number(body.timestamp) : NaN;
      return {
        client: t.db,
        request: new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: text }),
        url: new URL(url),
        body: Buffer.from(text),
        integration: loaded!,
        now: now ?? (Number.isFinite(ts) ? new Date(ts * 1000) : new Date()),
        acceptOnce: everyCallIsNew,
      };
    }

    /** The handler's answer; fails the test when it refuses. */
    async function ok(
      kind: Kind,
      integration: IntegrationView,
      body: Body | string,
      now?: Date,
    ): Promise<HandlerResult> {
      const outcome = await KIND_DEFS[kind]
        .handle(await context(KIND_DEFS[kind], integration, body, now))
        .catch((e: unknown) => e);
      if (outcome instanceof CallbackRefusal)
        throw new Error(`expected an answer, got a refusal: ${outcome.outcome} ${outcome.status} ${outcome.detail}`);
      if (outcome instanceof Error) throw outcome;
      return outcome as HandlerResult;
    }

    /** The handler's refusal; fails the test when it answers. */
    async function refused(
      kind: Kind,
      integration: IntegrationView,
      body: Body | string,
      now?: Date,
    ): Promise<CallbackRefusal> {
      const outcome = await KIND_DEFS[kind].handle(await context(KIND_DEFS[kind], integration, body, now)).then(
        (r) => new Error(`expected a refusal, got ${r.status} ${r.outcome}: ${r.detail}`),
        (e: unknown) => e,
      );
      expect(outcome).toBeInstanceOf(CallbackRefusal);
      return outcome as CallbackRefusal;
    }

    // ---- signed bodies ----
    const messageBody = (over: Body = {}, key = MSG_KEY, name = MSG_NAME, timestamp: number = MSG_TS): Body => ({
      timestamp,
      sign: messageSign(name, key, timestamp),
      integrationName: name,
      regex: "",
      questionContent: "你好",
      extra: { weChatOpenId: "wx-1" },
      customerExtra: { customerId: null },
      ...over,
    });
    const taskBody = (over: Body = {}, key = TASK_KEY, timestamp: number = TASK_TS): Body => {
      const taskNodeId = "taskNodeId" in over ? (over.taskNodeId as number | string | null) : 100;
      const sessionId = (over.sessionId as number | string | undefined) ?? 100;
      return {
        taskNodeId,
        sessionId,
        timestamp,
        sign: taskSign(key, taskNodeId, sessionId, timestamp),
        variables: {},
        pageNum: 1,
        pageSize: 5,
        customerExtra: { customerId: 9001 },
        ...over,
      };
    };
    const knowledgeBody = (over: Body = {}, key = KB_KEY, timestamp: number = KB_TS): Body => ({
      timestamp,
      sign: knowledgeSign(key, timestamp),
      datumId: 10,
      datumName: "退货政策",
      sessionId: 1,
      templateAttributeId: 20,
      templateAttributeName: "时效",
      customer: { name: "客户" },
      ...over,
    });

    const sameTimestampBody = (
      kind: Kind,
    ): { integration: () => IntegrationView; body: (over?: Body) => Body; ts: number } =>
      ({
        message: { integration: () => msg, body: (o?: Body) => messageBody(o), ts: MSG_TS },
        task: { integration: () => task, body: (o?: Body) => taskBody(o), ts: TASK_TS },
        knowledge: { integration: () => kb, body: (o?: Body) => knowledgeBody(o), ts: KB_TS },
      })[kind];

    describe("documented vectors", () => {
      it("accepts the message-triggered vector (对接一, UTF-8)", async () => {
        const body = {
          timestamp: MSG_TS,
          sign: MSG_SIGN,
          integrationName: MSG_NAME,
          regex: "",
          questionContent: "在吗",
          extra: { weChatOpenId: "wx" },
          customerExtra: { customerId: null },
        };
        expect(messageSign(MSG_NAME, MSG_KEY, MSG_TS)).toBe(MSG_SIGN);
        const r = await ok("message", msg, body);
        expect([r.status, r.outcome]).toEqual([200, "ok"]);
        expect(r.key?.state).toBe("current");
        expect(r.decryptedRequest).toEqual(body);
        // The sign in upper case is the same sign.
        const upper = await ok("message", msg, { ...body, sign: MSG_SIGN.toUpperCase() });
        expect(upper.outcome).toBe("ok");
        // A string timestamp signs the same text.
        const asText = await ok("message", msg, { ...body, timestamp: String(MSG_TS) });
        expect(asText.outcome).toBe("ok");
      });

      it("accepts the task-push vectors, with and without taskNodeId", async () => {
        const withNode = await ok("task", task, {
          taskNodeId: 100,
          sessionId: 100,
          timestamp: TASK_TS,
          sign: TASK_SIGN,
          customerExtra: { customerId: 9001 },
        });
        expect([withNode.status, withNode.outcome]).toEqual([200, "ok"]);
        expect(withNode.key?.state).toBe("current");
        // Node 100's own template ("Orders bubble") answers a bubble list.
        expect(bubbleAnswer.parse(withNode.body).data.length).toBeGreaterThan(0);

        const noNode = await ok("task", task, {
          taskNodeId: null,
          sessionId: 100,
          timestamp: TASK_TS,
          sign: TASK_SIGN_NO_NODE,
          customerExtra: { customerId: 9001 },
        });
        expect([noNode.status, noNode.outcome]).toEqual([200, "ok"]);
        // No node: the default template ("Default cards") answers custom cards.
        expect(customAnswer.parse(noNode.body).message?.msgType).toBe("custom_card");

        // Leaving taskNodeId out entirely is the same as null.
        const absent = await ok("task", task, {
          sessionId: 100,
          timestamp: TASK_TS,
          sign: TASK_SIGN_NO_NODE,
          customerExtra: { customerId: 9001 },
        });
        expect(absent.outcome).toBe("ok");
        // String ids sign the same text.
        const strings = await ok("task", task, {
          taskNodeId: "100",
          sessionId: "100",
          timestamp: String(TASK_TS),
          sign: TASK_SIGN,
          customerExtra: { customerId: "9001" },
        });
        expect(strings.outcome).toBe("ok");
      });

      it("refuses the doc's curl example (taskNodeId 1, sessionId 1 with the sign for 100, 100)", async () => {
        const r = await refused("task", task, { taskNodeId: 1, sessionId: 1, timestamp: TASK_TS, sign: TASK_SIGN });
        expect([r.outcome, r.status]).toEqual(["bad_signature", 401]);
      });

      it("accepts the knowledge-base vector", async () => {
        const r = await ok("knowledge", kb, {
          timestamp: KB_TS,
          sign: KB_SIGN,
          datumId: 10,
          datumName: "x",
          sessionId: 1,
          templateAttributeId: null,
        });
        expect(r.status).toBe(200);
        expect(["ok", "not_found"]).toContain(r.outcome);
        expect(r.key?.state).toBe("current");
        expect(knowledgeAnswer.safeParse(r.body).success).toBe(true);
      });
    });

    describe("refusals", () => {
      it("refuses a wrong sign for each kind", async () => {
        for (const kind of ["message", "task", "knowledge"] as const) {
          const { integration, body } = sameTimestampBody(kind);
          const zeros = await refused(kind, integration(), body({ sign: "0".repeat(40) }));
          expect([kind, zeros.outcome, zeros.status]).toEqual([kind, "bad_signature", 401]);
          const empty = await refused(kind, integration(), body({ sign: "" }));
          expect([kind, empty.outcome, empty.status]).toEqual([kind, "bad_signature", 401]);
        }
        // Signed with another key.
        const m = await refused("message", msg, messageBody({}, "other-key"));
        expect([m.outcome, m.status]).toEqual(["bad_signature", 401]);
        const tk = await refused("task", task, taskBody({}, "other-key"));
        expect([tk.outcome, tk.status]).toEqual(["bad_signature", 401]);
        const k = await refused("knowledge", kb, knowledgeBody({}, "other-key"));
        expect([k.outcome, k.status]).toEqual(["bad_signature", 401]);
        // The task sign covers the node and the session.
        const otherSession = await refused("task", task, { ...taskBody(), sessionId: 101 });
        expect(otherSession.outcome).toBe("bad_signature");
        const otherNode = await refused("task", task, { ...taskBody(), taskNodeId: 200 });
        expect(otherNode.outcome).toBe("bad_signature");
        // The timestamp is signed too.
        const otherTime = await refused("knowledge", kb, { ...knowledgeBody(), timestamp: KB_TS + 1 });
        expect(otherTime.outcome).toBe("bad_signature");
        // The English rendering of the name does not give the vector.
        const english = await refused("message", msg, { ...messageBody(), integrationName: "Integration One" });
        expect(english.outcome).toBe("bad_signature");
      });

      it("refuses a stale timestamp (tolerance 300, 400 s later or earlier) for each kind", async () => {
        for (const kind of ["message", "task", "knowledge"] as const) {
          const { integration, body, ts } = sameTimestampBody(kind);
          for (const offset of [400, -400]) {
            const r = await refused(kind, integration(), body(), new Date((ts + offset) * 1000));
            expect([kind, offset, r.outcome, r.status]).toEqual([kind, offset, "stale_timestamp", 401]);
            expect(r.publicMessage).toBe("The timestamp is outside the allowed window.");
          }
          const inside = await ok(kind, integration(), body(), new Date((ts + 290) * 1000));
          expect(inside.status).toBe(200);
        }
        // Against the real clock the documented timestamps are stale.
        const real = await refused("message", msg, messageBody(), new Date());
        expect(real.outcome).toBe("stale_timestamp");
      });

      it("accepts any timestamp when the tolerance is 0", async () => {
        const loose = await udesk("Loose", MSG_NAME, MSG_KEY, { timestampTolerance: 0 });
        const r = await ok("message", loose, messageBody(), new Date());
        expect(r.outcome).toBe("ok");
      });

      it("refuses an integrationName that is not the integration's, even when signed with it", async () => {
        const other = await refused("message", msg, messageBody({}, MSG_KEY, "对接二"));
        expect([other.outcome, other.status]).toEqual(["bad_signature", 401]);
        expect(other.publicMessage).toBe("The integration name does not match.");
        // The sign itself matched: the refusal names the key it matched.
        expect(other.extra.key?.state).toBe("current");
        const english = await refused("message", msg, messageBody({}, MSG_KEY, "Integration One"));
        expect(english.outcome).toBe("bad_signature");
      });

      it("refuses a body that is not JSON, or has no sign, as malformed", async () => {
        for (const kind of ["message", "task", "knowledge"] as const) {
          const { integration, body } = sameTimestampBody(kind);
          for (const text of ["not json", "", "[]", "{}", "null"]) {
            const r = await refused(kind, integration(), text, new Date(MSG_TS * 1000));
            expect([kind, text, r.outcome, r.status]).toEqual([kind, text, "malformed", 400]);
          }
          const { sign: _sign, ...unsigned } = body();
          const r = await refused(kind, integration(), unsigned);
          expect([kind, r.outcome, r.status]).toEqual([kind, "malformed", 400]);
          expect(r.publicMessage).toContain("invalid: sign: ");
          expect(r.extra.decryptedRequest).toEqual(unsigned);
          const numericSign = await refused(kind, integration(), { ...body(), sign: 12345 });
          expect([kind, numericSign.outcome]).toEqual([kind, "malformed"]);
        }
        const noName = await refused("message", msg, { timestamp: MSG_TS, sign: MSG_SIGN });
        expect([noName.outcome, noName.status]).toEqual(["malformed", 400]);
        const noSession = await refused("task", task, { taskNodeId: 100, timestamp: TASK_TS, sign: TASK_SIGN });
        expect([noSession.outcome, noSession.status]).toEqual(["malformed", 400]);
        const noTimestamp = await refused("knowledge", kb, { sign: KB_SIGN });
        expect([noTimestamp.outcome, noTimestamp.status]).toEqual(["malformed", 400]);
      });

      it("refuses in Udesk's style through the definitions' refusal", () => {
        for (const def of [udeskMessage, udeskTask, udeskKnowledge]) {
          expect(def.vendor).toBe("udesk");
          expect(def.methods).toEqual(["POST"]);
          const r = def.refusal!(
            "bad_signature",
            "The sign does not match.",
            new Request("http://x", { method: "POST" }),
          );
          expect(udeskRefusal.parse(r.body)).toEqual({
            resCode: -1,
            resError: "The sign does not match.",
            error: "bad_signature",
          });
        }
        expect([udeskMessage.kind, udeskTask.kind, udeskKnowledge.kind]).toEqual(["message", "task", "knowledge"]);
      });
    });

    describe("message rules", () => {
      let rules: IntegrationView;
      const KEY = "rules-key";
      const NAME = "规则";
      const ask = (over: Body) => ok("message", rules, messageBody(over, KEY, NAME));
      const answerOf = (r: HandlerResult) => {
        expect(Object.keys(r.body as object)).toEqual(["answerContent"]);
        expect(messageAnswer.safeParse(r.body).success).toBe(true);
        return (r.body as { answerContent: string }).answerContent;
      };

      beforeAll(async () => {
        rules = await udesk("Rules", NAME, KEY, { defaultAnswer: "没听懂：{{question}}（{{customer.realname}}）" });
      });

      it("answers the default answer when no rule matches, with templates", async () => {
        const r = await ask({ questionContent: "天气如何", customerExtra: { customerId: "c-1" } });
        expect(r.outcome).toBe("ok");
        expect(r.body).toStrictEqual({ answerContent: "没听懂：天气如何（李四）" });
        expect(r.customerId).toBe(buyer.id);
        // Unknown customer: the placeholder renders empty.
        const unknown = await ask({ questionContent: "天气如何", customerExtra: { customerId: "nobody" } });
        expect(answerOf(unknown)).toBe("没听懂：天气如何（）");
        expect(unknown.customerId ?? null).toBeNull();
      });

      it("an integration without rules or default answer answers an empty text", async () => {
        const r = await ok("message", msg, messageBody({ questionContent: "x" }));
        expect(r.body).toStrictEqual({ answerContent: "默认回答：x" });
        const empty = await udesk("Empty", "空", "empty-key");
        const e = await ok("message", empty, messageBody({}, "empty-key", "空"));
        expect(e.body).toStrictEqual({ answerContent: "" });
      });

      it("refuses an invalid regular expression and a missing pattern", async () => {
        const bad = await appError(saveRule(t.db, rules.id, { matchType: "question", pattern: "([", answer: "x" }));
        expect(bad.code).toBe("validation");
        expect(bad.fieldErrors.pattern).toEqual([expect.stringMatching(/regular expression/)]);
        const missing = await appError(saveRule(t.db, rules.id, { matchType: "regex", pattern: "", answer: "x" }));
        expect(missing.code).toBe("validation");
        expect(missing.fieldErrors.pattern).toBeDefined();
        const missingQ = await appError(
          saveRule(t.db, rules.id, { matchType: "question", pattern: "   ", answer: "x" }),
        );
        expect(missingQ.fieldErrors.pattern).toBeDefined();
        const noAnswer = await appError(saveRule(t.db, rules.id, { matchType: "always", answer: "" }));
        expect(noAnswer.fieldErrors.answer).toBeDefined();
        const badType = await appError(saveRule(t.db, rules.id, { matchType: "sometimes" as "always", answer: "x" }));
        expect(badType.fieldErrors.matchType).toBeDefined();
        // Lookaround cannot run in linear time: refused at save time (rules.int.test.ts has more).
        const lookahead = await appError(
          saveRule(t.db, rules.id, { matchType: "question", pattern: "退货(?=吗)", answer: "x" }),
        );
        expect(lookahead.fieldErrors.pattern).toEqual([expect.stringMatching(/Lookahead/)]);
      });

      it("matches by position: regex equality, question regex, first match wins, then always", async () => {
        // Saved out of order: the position decides.
        await saveRule(t.db, rules.id, {
          position: 3,
          matchType: "question",
          pattern: "退货|退款",
          answer: "退货请找客服，{{customer.realname}}",
        });
        await saveRule(t.db, rules.id, {
          position: 2,
          matchType: "question",
          pattern: "订单",
          answer: "关于订单：{{question}}",
        });
        await saveRule(t.db, rules.id, {
          position: 1,
          matchType: "regex",
          pattern: "order_query",
          answer: "{{customer.realname}}，您最近的订单是{{order.title}}",
        });

        // regex: equality with body.regex, whatever the question.
        const byRegex = await ask({
          regex: "order_query",
          questionContent: "订单 退货",
          customerExtra: { customerId: "c-1" },
        });
        expect(byRegex.body).toStrictEqual({ answerContent: "李四，您最近的订单是最新的订单" });
        // Not a regex over body.regex: a partial or pattern-like value does not match.
        const partial = await ask({ regex: "order_query_2", questionContent: "随便" });
        expect(answerOf(partial)).toMatch(/^没听懂/);
        const regexInQuestion = await ask({ regex: "", questionContent: "order_query" });
        expect(answerOf(regexInQuestion)).toMatch(/^没听懂/);

        // question: a regex over questionContent; position 2 before 3.
        const both = await ask({ questionContent: "我的订单要退货" });
        expect(answerOf(both)).toBe("关于订单：我的订单要退货");
        const refund = await ask({ questionContent: "怎么退款？", customerExtra: { customerId: "c-1" } });
        expect(answerOf(refund)).toBe("退货请找客服，李四");

        // Nothing matches yet: the default.
        expect(answerOf(await ask({ questionContent: "你好" }))).toBe("没听懂：你好（）");

        // always, last: catches the rest, but earlier matches still win.
        await saveRule(t.db, rules.id, { position: 10, matchType: "always", answer: "兜底：{{question}}" });
        expect(answerOf(await ask({ questionContent: "你好" }))).toBe("兜底：你好");
        expect(answerOf(await ask({ questionContent: "订单" }))).toBe("关于订单：订单");

        // An order-less customer: {{order.title}} renders empty.
        const noOrders = await createCustomer(t.db, {
          realname: "赵六",
          externalIds: [{ kind: "udesk-customer", value: "c-2" }],
        });
        const r = await ask({ regex: "order_query", customerExtra: { customerId: "c-2" } });
        expect(answerOf(r)).toBe("赵六，您最近的订单是");
        expect(r.customerId).toBe(noOrders.id);
      });
    });

    describe("task push with templates", () => {
      it("answers a bubble list for node 100: page 2 of 7 orders, 3 per page", async () => {
        const r = await ok("task", task, taskBody({ pageNum: 2, pageSize: 3 }));
        expect([r.status, r.outcome]).toEqual([200, "ok"]);
        expect(r.customerId).toBe(manyOrders.id);
        const parsed = bubbleAnswer.parse(r.body);
        expect(parsed.paging).toEqual({ pageNum: 2, pageSize: 3, total: 7 });
        expect(parsed.data).toHaveLength(3);
        // Newest first: 7 6 5 | 4 3 2 | 1.
        expect(parsed.data.map((d) => d.title)).toEqual(["商品 4", "商品 3", "商品 2"]);
        // Each item's id is its order's own (integer) id; the order number is displayed.
        const byNo = new Map(manyOrderRows.map((o) => [o.orderNo, o.id]));
        expect(parsed.data.map((d) => d.id)).toEqual(["W-4", "W-3", "W-2"].map((no) => byNo.get(no)));
        expect(parsed.data.map((d) => d.subTitle)).toEqual(["W-4", "W-3", "W-2"]);
        expect(parsed.data[0].attr1).toBe("499.00");

        const last = bubbleAnswer.parse((await ok("task", task, taskBody({ pageNum: 3, pageSize: 3 }))).body);
        expect(last.data.map((d) => d.title)).toEqual(["商品 1"]);
        // Past the last page: the last page.
        const past = bubbleAnswer.parse((await ok("task", task, taskBody({ pageNum: 9, pageSize: 3 }))).body);
        expect(past.paging.pageNum).toBe(3);
        // No paging given: page 1 with the template's page size (5).
        const first = bubbleAnswer.parse(
          (await ok("task", task, taskBody({ pageNum: undefined, pageSize: undefined }))).body,
        );
        expect(first.paging).toEqual({ pageNum: 1, pageSize: 5, total: 7 });
        expect(first.data[0].title).toBe("商品 7");
      });

      it("answers the integration's default custom cards for a node without its own template", async () => {
        const r = await ok("task", task, taskBody({ taskNodeId: 555, pageNum: 1, pageSize: 2 }));
        expect([r.status, r.outcome]).toEqual([200, "ok"]);
        const parsed = customAnswer.parse(r.body);
        expect(parsed.resCode).toBe(0);
        expect(parsed.message?.msgType).toBe("custom_card");
        const content = parsed.message!.msgContent as {
          cardList: { content?: string; hitContent?: string | null }[];
          total?: number;
        };
        expect(content.total).toBe(7);
        expect(content.cardList).toHaveLength(2);
        expect(content.cardList[0].content).toContain("商品 7");
        expect(content.cardList[0].hitContent).toBe("W-7");
      });

      it("finds the customer by a variable's phone, without customerExtra", async () => {
        const r = await ok(
          "task",
          task,
          taskBody({
            taskNodeId: 200,
            variables: { phone: PHONE },
            customerExtra: undefined,
            pageNum: 1,
            pageSize: 10,
          }),
        );
        expect(r.outcome).toBe("ok");
        expect(r.customerId).toBe(manyOrders.id);
        const parsed = bubbleAnswer.parse(r.body);
        expect(parsed.paging.total).toBe(7);
        expect(parsed.data.map((d) => d.title)).toEqual([7, 6, 5, 4, 3, 2, 1].map((n) => `商品 ${n}`));
        // Formatted differently, the same phone.
        const formatted = await ok(
          "task",
          task,
          taskBody({ taskNodeId: 200, variables: { phone: "139-1234-5678" }, customerExtra: null }),
        );
        expect(formatted.customerId).toBe(manyOrders.id);
        // The variable also takes an external id.
        const byId = await ok(
          "task",
          task,
          taskBody({ taskNodeId: 200, variables: { phone: "c-1" }, customerExtra: null }),
        );
        expect(byId.customerId).toBe(buyer.id);
        expect(bubbleAnswer.parse(byId.body).data.map((d) => d.title)).toEqual(["最新的订单", "中间的订单", "旧订单"]);
      });

      it("answers resCode -1 and not_found when there is no template and no default", async () => {
        const r = await ok("task", bare, taskBody());
        expect([r.status, r.outcome]).toEqual([200, "not_found"]);
        expect(r.body).toMatchObject({ resCode: -1 });
        expect(customAnswer.safeParse(r.body).success).toBe(true);
        const noNode = await ok("task", bare, taskBody({ taskNodeId: null }));
        expect(noNode.outcome).toBe("not_found");
      });

      it("answers not_found for a customer that does not exist, with an orders template", async () => {
        const bubble = await ok(
          "task",
          task,
          taskBody({ customerExtra: { customerId: "no-such-customer", callerNumber: "0086-139-0000-0001" } }),
        );
        expect([bubble.status, bubble.outcome]).toEqual([200, "not_found"]);
        expect(bubble.detail).toContain(
          'no customer matched; tried customerExtra.customerId "no-such-customer", ' +
            'customerExtra.callerNumber "0086-139-0000-0001" (as +8613900000001)',
        );
        expect(bubble.customerId ?? null).toBeNull();
        // Cards need at least one card: the answer is a failure, still not_found.
        const cards = await ok(
          "task",
          task,
          taskBody({ taskNodeId: 555, customerExtra: { customerId: "no-such-customer" } }),
        );
        expect([cards.status, cards.outcome]).toEqual([200, "not_found"]);
        expect(cards.body).toMatchObject({ resCode: -1 });
        const none = await ok("task", task, taskBody({ customerExtra: null }));
        expect(none.outcome).toBe("not_found");
      });

      it("answers not_found, not a 500, for a known customer without orders and a cards template", async () => {
        await createCustomer(t.db, { uname: "no-orders", externalIds: [{ kind: "udesk-customer", value: "777000" }] });
        const cards = await ok("task", task, taskBody({ taskNodeId: 555, customerExtra: { customerId: 777000 } }));
        expect([cards.status, cards.outcome]).toEqual([200, "not_found"]);
        expect(cards.body).toMatchObject({ resCode: -1 });
      });
    });

    describe("knowledge entries", () => {
      beforeAll(async () => {
        await saveEntry(t.db, kb.id, {
          datumId: "10",
          templateAttributeId: "20",
          msgType: "text",
          content: "A：{{datumName}}的{{templateAttributeName}}",
        });
        await saveEntry(t.db, kb.id, { datumId: "10", msgType: "rich", content: "B：{{datumName}}" });
        await saveEntry(t.db, kb.id, {
          templateAttributeId: "20",
          content: "C：{{templateAttributeName}}（{{customer.name}}）",
        });
        await saveEntry(t.db, kb.id, { datumId: "11", templateAttributeId: "21", content: "D" });
      });
      const ask = async (integration: IntegrationView, over: Body) => {
        const r = await ok("knowledge", integration, knowledgeBody(over));
        expect(r.status).toBe(200);
        return { r, answer: knowledgeAnswer.parse(r.body) };
      };

      it("matches datum and attribute first", async () => {
        const { r, answer } = await ask(kb, { datumId: 10, templateAttributeId: 20 });
        expect(r.outcome).toBe("ok");
        expect(r.body).toStrictEqual({
          resCode: 0,
          resError: "",
          message: { msgType: "text", msgContent: "A：退货政策的时效" },
        });
        expect(answer.resCode).toBe(0);
        // Ids as strings match the same.
        expect((await ask(kb, { datumId: "10", templateAttributeId: "20" })).answer.message.msgContent).toBe(
          "A：退货政策的时效",
        );
      });

      it("then the datum alone", async () => {
        const { r, answer } = await ask(kb, { datumId: 10, templateAttributeId: 99 });
        expect(r.outcome).toBe("ok");
        expect(answer.message).toEqual({ msgType: "rich", msgContent: "B：退货政策" });
        expect((await ask(kb, { datumId: 10, templateAttributeId: null })).answer.message.msgContent).toBe(
          "B：退货政策",
        );
      });

      it("then the attribute alone", async () => {
        const { r, answer } = await ask(kb, { datumId: 99, templateAttributeId: 20 });
        expect(r.outcome).toBe("ok");
        expect(answer.message.msgContent).toBe("C：时效（客户）");
        // Datum 11 has only an entry with attribute 21: attribute 20 alone answers for it.
        expect((await ask(kb, { datumId: 11, templateAttributeId: 20 })).answer.message.msgContent).toBe(
          "C：时效（客户）",
        );
        expect((await ask(kb, { datumId: 11, templateAttributeId: 21 })).answer.message.msgContent).toBe("D");
      });

      it("answers the fallback when nothing matches (not_found, resCode 0)", async () => {
        const { r, answer } = await ask(kb, { datumId: 99, templateAttributeId: 99, datumName: "保修" });
        expect(r.outcome).toBe("not_found");
        expect(answer).toEqual({ resCode: 0, resError: "", message: { msgType: "", msgContent: "暂无保修的资料" } });
        // Datum 11 with another attribute: no datum-only entry for 11, so the fallback.
        expect((await ask(kb, { datumId: 11, templateAttributeId: 99 })).r.outcome).toBe("not_found");
      });

      it("answers resCode -1 without a fallback", async () => {
        const { r, answer } = await ask(kbNoFallback, { datumId: 10, templateAttributeId: 20 });
        expect(r.outcome).toBe("not_found");
        expect(answer.resCode).toBe(-1);
        expect(answer.message).toEqual({ msgType: "", msgContent: "" });
      });

      it("refuses an entry with neither a datum nor an attribute, or non-numeric ids", async () => {
        const neither = await appError(saveEntry(t.db, kb.id, { content: "x" }));
        expect(neither.code).toBe("validation");
        expect(neither.fieldErrors.datumId).toBeDefined();
        const letters = await appError(saveEntry(t.db, kb.id, { datumId: "abc", content: "x" }));
        expect(letters.fieldErrors.datumId).toBeDefined();
        const noContent = await appError(saveEntry(t.db, kb.id, { datumId: "1", content: " " }));
        expect(noContent.fieldErrors.content).toBeDefined();
      });
    });

    describe("rotation", () => {
      it("accepts the previous key during the grace period, for each kind", async () => {
        const rotating = await udesk("Rotating", MSG_NAME, MSG_KEY);
        await createTemplate(t.db, {
          integrationId: rotating.id,
          name: "Rotating default",
          isDefault: true,
          config: defaultConfig("bubble_list"),
        });
        await rotateSecret(t.db, masterKey, rotating.id, "key", "newkey", 3600);

        const oldMessage = await ok("message", rotating, {
          timestamp: MSG_TS,
          sign: MSG_SIGN,
          integrationName: MSG_NAME,
          questionContent: "hi",
        });
        expect(oldMessage.outcome).toBe("ok");
        expect(oldMessage.key?.state).toBe("previous");
        const oldTask = await ok("task", rotating, taskBody({}, MSG_KEY));
        expect(oldTask.key?.state).toBe("previous");
        const oldKnowledge = await ok("knowledge", rotating, knowledgeBody({}, MSG_KEY));
        expect(oldKnowledge.key?.state).toBe("previous");

        const fresh = await ok("message", rotating, messageBody({}, "newkey"));
        expect(fresh.outcome).toBe("ok");
        expect(fresh.key?.state).toBe("current");
        expect((await ok("task", rotating, taskBody({}, "newkey"))).key?.state).toBe("current");
        expect((await ok("knowledge", rotating, knowledgeBody({}, "newkey"))).key?.state).toBe("current");

        // Replaced at once: the old key is refused.
        await rotateSecret(t.db, masterKey, rotating.id, "key", "newerkey", 0, { replacePrevious: true });
        const gone = await refused("message", rotating, {
          timestamp: MSG_TS,
          sign: MSG_SIGN,
          integrationName: MSG_NAME,
        });
        expect([gone.outcome, gone.status]).toEqual(["bad_signature", 401]);
        expect((await refused("message", rotating, messageBody({}, "newkey"))).outcome).toBe("bad_signature");
        expect((await ok("message", rotating, messageBody({}, "newerkey"))).key?.state).toBe("current");
      });
    });
  });
}
