// Udesk end to end: an operator builds card templates in the editor (with the live preview),
// and signed task-push, message and knowledge calls get schema-valid answers.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { knowledgeSign, messageSign, taskSign } from "../lib/vendors/udesk/codec";
import { bubbleAnswer, customAnswer, knowledgeAnswer } from "../lib/vendors/udesk/schemas";
import { TMP_DIR } from "./env.mjs";
import { cli, pageAs } from "./fixtures";

const KEY = "e2e-udesk-key-5d1f0a";
let endpoints: { message: string; task: string; knowledge: string };
let integrationId = "";
let udeskId = "";
let customerId = 0;
let orderCount = 0;

const now = () => Math.floor(Date.now() / 1000);
function task(request: APIRequestContext, body: Record<string, unknown>) {
  const timestamp = now();
  const taskNodeId = (body.taskNodeId ?? null) as number | null;
  return request.post(endpoints.task, {
    data: { sessionId: 77, timestamp, sign: taskSign(KEY, taskNodeId, 77, timestamp), ...body },
  });
}

test.describe
  .serial("Udesk robot webhooks", () => {
    test.beforeAll(() => {
      const integration = cli(
        "integrations",
        "add",
        "udesk",
        "--name",
        "Udesk e2e",
        "--integration-name",
        "对接一",
        "--key",
        KEY,
      );
      endpoints = integration.endpoints;
      integrationId = integration.id;
      // A demo customer with a udesk-customer id and the most orders.
      const db = new Database(path.join(TMP_DIR, "e2e.db"), { readonly: true });
      const row = db
        .prepare(
          `SELECT x.value AS udesk, x.customerId AS id, COUNT(o.id) AS n
           FROM "ExternalId" x JOIN "Order" o ON o.customerId = x.customerId
           WHERE x.kind = 'udesk-customer' GROUP BY x.customerId ORDER BY n DESC, x.customerId LIMIT 1`,
        )
        .get() as { udesk: string; id: number; n: number };
      db.close();
      udeskId = row.udesk;
      customerId = row.id;
      orderCount = row.n;
      expect(orderCount).toBeGreaterThanOrEqual(2);
    });

    test("an operator builds a bubble-list template of a customer's orders and sees the preview", async ({
      browser,
    }) => {
      const page = await pageAs(browser, "operator");
      await page.goto("/templates");
      await page.getByRole("link", { name: "New template" }).click();
      await page.getByLabel("Name").fill("Orders bubble list");
      await page.getByLabel("Udesk integration").selectOption({ label: "Udesk e2e" });
      await page.getByLabel("Task node id").fill("100");
      await page.getByLabel("Kind").selectOption("bubble_list");
      await page.getByLabel("On customer #").fill(String(customerId));
      const preview = page.getByTestId("chat-preview");
      await expect(page.getByText(`Rendered on customer #${customerId}`)).toBeVisible();
      await expect(preview).toContainText(`${orderCount} in all`);
      const json = JSON.parse((await page.getByTestId("answer-json").textContent())!);
      expect(bubbleAnswer.safeParse(json).success).toBe(true);
      await page.screenshot({ path: "test-results/udesk-template-editor.png", fullPage: true });
      await page.getByRole("button", { name: "Save template" }).click();
      await expect(page.getByText("Template created.")).toBeVisible();
    });

    test("a signed task push gets that customer's orders as a paged bubble list", async ({ request }) => {
      // customerExtra.customerId is Udesk's (integer) user id.
      const response = await task(request, {
        taskNodeId: 100,
        pageNum: 2,
        pageSize: 1,
        customerExtra: { customerId: Number(udeskId) },
      });
      expect(response.status()).toBe(200);
      const answer = await response.json();
      expect(bubbleAnswer.safeParse(answer).success, JSON.stringify(answer)).toBe(true);
      expect(answer.paging).toEqual({ pageNum: 2, pageSize: 1, total: orderCount });
      expect(answer.data).toHaveLength(1);
    });

    test("a custom_card default template answers other nodes, schema-valid, with rich text sanitized", async ({
      browser,
      request,
    }) => {
      const page = await pageAs(browser, "operator");
      await page.goto("/templates/new");
      await page.getByLabel("Name").fill("Default cards");
      await page.getByLabel("Udesk integration").selectOption({ label: "Udesk e2e" });
      await page.getByLabel("The integration's default template").check();
      await page.getByLabel("Kind").selectOption("custom_card");
      await page
        .getByLabel("content (rich text, sanitized)")
        .fill('<div onclick="steal()"><strong>{{order.title}}</strong><script>alert(1)</script></div>');
      await page.getByLabel("On customer #").fill(String(customerId));
      await expect(page.getByTestId("chat-preview")).toContainText(/\S/);
      await expect(page.getByTestId("answer-json")).toContainText("custom_card");
      const json = (await page.getByTestId("answer-json").textContent())!;
      expect(json).not.toContain("<script");
      expect(json).not.toContain("onclick");
      await page.getByRole("button", { name: "Save template" }).click();
      await expect(page.getByText("Template created.")).toBeVisible();

      const response = await task(request, {
        taskNodeId: 999,
        variables: {},
        customerExtra: { customerId: Number(udeskId) },
      });
      const answer = await response.json();
      expect(customAnswer.safeParse(answer).success).toBe(true);
      expect(answer.message.msgType).toBe("custom_card");
      expect(answer.message.msgContent.cardList.length).toBeGreaterThan(0);
      expect(JSON.stringify(answer)).not.toContain("<script");
    });

    test("invalid templates are refused with a clear message", async ({ browser }) => {
      const page = await pageAs(browser, "operator");
      await page.goto("/templates/new");
      await page.getByLabel("Name").fill("Too many tabs");
      await page.getByLabel("Udesk integration").selectOption({ label: "Udesk e2e" });
      await page.getByLabel("Task node id").fill("200");
      await page.getByLabel("Kind").selectOption("drawer_list");
      await page.getByLabel("Tabs").fill(["a=A", "b=B", "c=C", "d=D", "e=E", "f=F"].join("\n"));
      await page.getByRole("button", { name: "Save template" }).click();
      // Named at the Tabs field (the kind's own label also says "at most 5 tabs").
      await expect(page.getByText("A drawer list has at most 5 tabs (Udesk's limit)").first()).toBeVisible();

      await page.goto("/templates/new");
      await page.getByLabel("Name").fill("No title");
      await page.getByLabel("Udesk integration").selectOption({ label: "Udesk e2e" });
      await page.getByLabel("Task node id").fill("201");
      await page.getByLabel("Kind").selectOption("selective_list");
      await page.getByLabel("Title", { exact: true }).fill("");
      await page.getByRole("button", { name: "Save template" }).click();
      await expect(page.getByText(/A title is required/).first()).toBeVisible();
    });

    test("a wrong sign and a stale timestamp are refused and logged", async ({ request }) => {
      const timestamp = now();
      const wrong = await request.post(endpoints.task, {
        data: { taskNodeId: 100, sessionId: 1, timestamp, sign: "0".repeat(32) },
      });
      expect(wrong.status()).toBe(401);
      const old = now() - 3600;
      const stale = await request.post(endpoints.task, {
        data: { taskNodeId: 100, sessionId: 1, timestamp: old, sign: taskSign(KEY, 100, 1, old) },
      });
      expect(stale.status()).toBe(401);
      const calls = cli("calls", "list", "--vendor", "udesk", "--limit", "2");
      expect(calls.map((c: { outcome: string }) => c.outcome)).toEqual(["stale_timestamp", "bad_signature"]);
    });

    test("message rules answer the question, and the knowledge base its entries", async ({ browser, request }) => {
      const page = await pageAs(browser, "operator");
      await page.goto(`/templates/answers?integration=${integrationId}`);
      const rule = page.getByRole("form", { name: "Add a rule" });
      await rule.getByLabel("Pattern").fill("物流|快递");
      await rule.getByLabel("Answer").fill("您好 {{customer.realname}}，您的订单 {{order.title}} 正在处理。");
      await rule.getByRole("button", { name: "Add rule" }).click();
      await expect(page.getByText("Rule saved.")).toBeVisible();
      const entry = page.getByRole("form", { name: "Add a knowledge entry" });
      await entry.getByLabel("datumId").fill("42");
      await entry.getByLabel("Content").fill("{{datumName}}：七天无理由退货。");
      await entry.getByRole("button", { name: "Add entry" }).click();
      await expect(page.getByText("Entry added.")).toBeVisible();

      const timestamp = now();
      const message = await request.post(endpoints.message, {
        data: {
          timestamp,
          sign: messageSign("对接一", KEY, timestamp),
          integrationName: "对接一",
          regex: ".*",
          questionContent: "我的快递到哪了",
          customerExtra: { customerId: Number(udeskId) },
        },
      });
      expect(message.status()).toBe(200);
      const { answerContent } = await message.json();
      expect(answerContent).toMatch(/^您好 .+，您的订单 .+ 正在处理。$/);

      const knowledge = await request.post(endpoints.knowledge, {
        data: {
          timestamp,
          sign: knowledgeSign(KEY, timestamp),
          datumId: 42,
          datumName: "退货政策",
          sessionId: 5,
          templateAttributeId: 7,
          templateAttributeName: "说明",
        },
      });
      const answer = await knowledge.json();
      expect(knowledgeAnswer.safeParse(answer).success).toBe(true);
      expect(answer.message.msgContent).toBe("退货政策：七天无理由退货。");
    });
  });
