// Answer rules in the browser: an operator adds rules, tests a question (which rule answers and
// what), moves a rule up so another answers, and edits one in place; a signed Udesk message call
// gets the answer the test box showed. A viewer may test but not change.
import { expect, test, type Page } from "@playwright/test";
import { messageSign } from "../lib/vendors/udesk/codec";
import { cli, pageAs } from "./fixtures";

const KEY = "rules-e2e-udesk-key-4d7a";
const NAME = "规则测试";
let integration: { id: string; endpoints: { message: string } };

async function testQuestion(page: Page, question: string) {
  const form = page.getByRole("form", { name: "Test a question" });
  await form.getByLabel("Question").fill(question);
  await form.getByRole("button", { name: "Test" }).click();
  return form.getByTestId("question-result");
}

async function addRule(page: Page, pattern: string, answer: string) {
  const form = page.getByRole("form", { name: "Add a rule" });
  await form.getByLabel("Pattern").fill(pattern);
  await form.getByLabel("Answer").fill(answer);
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: answer }).first()).toBeVisible();
}

test.describe
  .serial("Answer rules", () => {
    test.beforeAll(() => {
      integration = cli(
        "integrations",
        "add",
        "udesk",
        "--name",
        "Rules e2e",
        "--integration-name",
        NAME,
        "--key",
        KEY,
        "--default-answer",
        "转人工",
      );
    });

    test("an operator tests a question, reorders the rules and edits one", async ({ browser, request }) => {
      const page = await pageAs(browser, "operator");
      await page.goto(`/templates/answers?integration=${integration.id}`);
      await addRule(page, "退", "一般问题");
      await addRule(page, "退货", "退货请在订单页申请");

      let result = await testQuestion(page, "我要退货");
      await expect(result.getByTestId("question-rule")).toHaveText("Rule #1 answers (question: 退).");
      await expect(result.getByTestId("question-answer")).toHaveText("一般问题");
      result = await testQuestion(page, "你好");
      await expect(result.getByTestId("question-rule")).toHaveText(
        "No rule matches: the integration's default answer.",
      );
      await expect(result.getByTestId("question-answer")).toHaveText("转人工");

      // The more specific rule first.
      await page.getByRole("listitem", { name: "Rule 2" }).getByRole("button", { name: "Move up" }).click();
      await expect(page.getByRole("listitem", { name: "Rule 1" })).toContainText("退货请在订单页申请");
      result = await testQuestion(page, "我要退货");
      await expect(result.getByTestId("question-rule")).toHaveText("Rule #1 answers (question: 退货).");
      await expect(result.getByTestId("question-answer")).toHaveText("退货请在订单页申请");

      // Edit rule 1's answer in place.
      const first = page.getByRole("listitem", { name: "Rule 1" });
      await first.getByText("Edit", { exact: true }).click();
      const edit = first.getByRole("form", { name: "Edit rule #1" });
      await edit.getByLabel("Answer").fill("{{question}}：请在订单页申请退货");
      await edit.getByRole("button", { name: "Save rule" }).click();
      await expect(page.getByRole("listitem", { name: "Rule 1" })).toContainText("请在订单页申请退货");
      result = await testQuestion(page, "我要退货");
      await expect(result.getByTestId("question-answer")).toHaveText("我要退货：请在订单页申请退货");

      // A signed call from Udesk gets what the box showed.
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await request.post(integration.endpoints.message, {
        data: {
          timestamp,
          sign: messageSign(NAME, KEY, timestamp),
          integrationName: NAME,
          regex: "",
          questionContent: "我要退货",
        },
      });
      expect(response.status()).toBe(200);
      expect(JSON.stringify(await response.json())).toContain("我要退货：请在订单页申请退货");

      // A pattern the linear-time engine refuses is refused in the edit form too.
      // The edit form stays open after a save.
      const again = page.getByRole("form", { name: "Edit rule #1" });
      await expect(again).toBeVisible();
      await again.getByLabel("Pattern").fill("退(?=货)");
      await again.getByRole("button", { name: "Save rule" }).click();
      await expect(again).toContainText("Lookahead and lookbehind");
    });

    test("a viewer may test a question but not change the rules", async ({ browser }) => {
      const page = await pageAs(browser, "viewer");
      await page.goto(`/templates/answers?integration=${integration.id}`);
      await expect(page.getByRole("listitem", { name: "Rule 1" })).toBeVisible();
      await expect(page.getByRole("button", { name: /Move (up|down)/ })).toHaveCount(0);
      await expect(page.getByText("Edit", { exact: true })).toHaveCount(0);
      const result = await testQuestion(page, "我要退货");
      await expect(result.getByTestId("question-rule")).toHaveText("Rule #1 answers (question: 退货).");
    });
  });
