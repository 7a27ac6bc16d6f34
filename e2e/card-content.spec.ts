// Card content stays in its card: rich text that tries to cover the chat, navigate the page around
// it or reach another host is stripped in the editor's preview and in the answer Udesk receives,
// and image and link fields that are not http(s) URLs are refused at save, naming the field.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Locator } from "@playwright/test";
import { taskSign } from "../lib/vendors/udesk/codec";
import { bubbleAnswer, customAnswer } from "../lib/vendors/udesk/schemas";
import { TMP_DIR } from "./env.mjs";
import { cli, pageAs } from "./fixtures";

const KEY = "e2e-udesk-cards-key-93ab";
// Named to sort after the other specs' Udesk integrations: the editor preselects the first. Its
// own per run: a retry creates the integration again, and the editor picks it by name.
const NAME = `Udesk zz card content ${Date.now().toString(36)}`;
let taskUrl = "";
let udeskId = 0;
let customerId = 0;

const HOSTILE =
  '<div style="position:fixed;top:0;left:0;z-index:9999;color:red;margin:-500px 0 0 0">{{order.title}}' +
  '<a href="//evil.example/phish" target="_top">prize</a>' +
  '<a href="https://shop.example.com/o/{{order.orderNo}}" target="_parent">order</a>' +
  '<a href="https://shop.example.com/help" target="_blank">help</a>' +
  '<img src="//evil.example/pixel.png"></div>';

function expectContained(text: string) {
  expect(text).not.toMatch(/position|top:|left:|z-index|margin:-/);
  expect(text).not.toMatch(/_top|_parent/);
  expect(text).not.toContain("//evil.example");
  expect(text).toContain("shop.example.com/help");
}

async function styleAndLinks(preview: Locator) {
  return preview.evaluate((el) => ({
    styles: [...el.querySelectorAll("[style]")].map((e) => e.getAttribute("style") ?? ""),
    links: [...el.querySelectorAll("a")].map((a) => ({
      href: a.getAttribute("href"),
      target: a.getAttribute("target"),
    })),
    images: [...el.querySelectorAll("img")].map((i) => i.getAttribute("src")),
  }));
}

function task(body: Record<string, unknown>) {
  const timestamp = Math.floor(Date.now() / 1000);
  const taskNodeId = (body.taskNodeId ?? null) as number | null;
  return { sessionId: 91, timestamp, sign: taskSign(KEY, taskNodeId, 91, timestamp), ...body };
}

test.describe("card content", () => {
  test.beforeAll(() => {
    taskUrl = cli("integrations", "add", "udesk", "--name", NAME, "--integration-name", "对接二", "--key", KEY)
      .endpoints.task;
    const db = new Database(path.join(TMP_DIR, "e2e.db"), { readonly: true });
    const row = db
      .prepare(
        `SELECT x.value AS udesk, x.customerId AS id FROM "ExternalId" x
         JOIN "Order" o ON o.customerId = x.customerId WHERE x.kind = 'udesk-customer'
         GROUP BY x.customerId ORDER BY COUNT(o.id) DESC, x.customerId LIMIT 1`,
      )
      .get() as { udesk: string; id: number };
    db.close();
    udeskId = Number(row.udesk);
    customerId = row.id;
  });

  test("rich text that reaches outside its card is stripped in the preview and in Udesk's answer", async ({
    browser,
    request,
  }) => {
    const page = await pageAs(browser, "operator");
    await page.goto("/templates/new");
    await page.getByLabel("Name").fill("Hostile cards");
    await page.getByLabel("Udesk integration").selectOption({ label: NAME });
    await page.getByLabel("The integration's default template").check();
    await page.getByLabel("Kind").selectOption("custom_card");
    await page.getByLabel("content (rich text, sanitized)").fill(HOSTILE);
    await page.getByLabel("On customer #").fill(String(customerId));
    const preview = page.getByTestId("chat-preview");
    await expect(preview.getByRole("link", { name: "help" }).first()).toBeVisible();
    const shown = await styleAndLinks(preview);
    for (const style of shown.styles) expect(style).not.toMatch(/position|top|left|z-index|margin/);
    expect(shown.styles.some((s) => s.includes("color:red"))).toBe(true); // the harmless style stays
    for (const link of shown.links) {
      expect(link.href ?? "").not.toMatch(/^\/\//);
      expect(["_blank", null]).toContain(link.target);
    }
    expect(shown.images.filter((src) => src?.startsWith("//"))).toEqual([]);
    expectContained((await page.getByTestId("answer-json").textContent())!);
    await page.getByRole("button", { name: "Save template" }).click();
    await expect(page.getByText("Template created.")).toBeVisible();

    const response = await request.post(taskUrl, {
      data: task({ taskNodeId: 4242, variables: {}, customerExtra: { customerId: udeskId } }),
    });
    expect(response.status()).toBe(200);
    const answer = await response.json();
    expect(customAnswer.safeParse(answer).success).toBe(true);
    expect(answer.message.msgContent.cardList.length).toBeGreaterThan(0);
    expectContained(JSON.stringify(answer));
  });

  test("image and link fields refuse anything but http(s) URLs at save, naming the field", async ({
    browser,
    request,
  }) => {
    const page = await pageAs(browser, "operator");
    await page.goto("/templates/new");
    await page.getByLabel("Name").fill("Bubbles with bad images");
    await page.getByLabel("Udesk integration").selectOption({ label: NAME });
    await page.getByLabel("Task node id").fill("4300");
    await page.getByLabel("Kind").selectOption("bubble_list");
    await page.getByLabel("img", { exact: true }).fill("javascript:alert(document.cookie)");
    await page.getByRole("button", { name: "Save template" }).click();
    await expect(page.getByText("An http:// or https:// URL, or a {{placeholder}}").first()).toBeVisible();
    await expect(page.getByLabel("img", { exact: true })).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("img", { exact: true }).fill("//evil.example/x.png");
    await page.getByRole("button", { name: "Save template" }).click();
    await expect(page.getByLabel("img", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Template created.")).toHaveCount(0);

    // A placeholder is accepted, and its value is checked when the answer is made.
    await page.getByLabel("img", { exact: true }).fill("{{var.pic}}");
    await page.getByRole("button", { name: "Save template" }).click();
    await expect(page.getByText("Template created.")).toBeVisible();
    for (const [pic, expected] of [
      ["javascript:alert(1)", ""],
      ["//evil.example/x.png", ""],
      ["https://img.example.com/ok.png", "https://img.example.com/ok.png"],
    ]) {
      const response = await request.post(taskUrl, {
        data: task({ taskNodeId: 4300, variables: { pic }, customerExtra: { customerId: udeskId } }),
      });
      const answer = await response.json();
      expect(bubbleAnswer.safeParse(answer).success, pic).toBe(true);
      expect(
        answer.data.map((d: { img: string }) => d.img),
        pic,
      ).toContain(expected);
      expect(JSON.stringify(answer), pic).not.toMatch(/javascript:|\/\/evil/);
    }
  });
});
