// The customer and call pages in Simplified Chinese: every page's chrome, a field error and an
// action's result in Chinese, an import preview with its row errors, a call's detail in Chinese
// (stored and shown in English for an English browser), and the Calls list read and shown in the
// browser's time zone (Asia/Shanghai), its date filter selecting that zone's days.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectChineseChrome } from "./chinese";
import { AUTH_DIR, TMP_DIR } from "./env.mjs";
import { cli, pageAs } from "./fixtures";

/** Names and terms a Chinese console writes as they are: VIP (VIP 等级), WeChat's OpenID, curl. */
const KEPT = ["VIP", "OpenID", "curl"];

/** Calls written as the log keeps them, for a filter to find by their detail. */
function insertCalls(calls: { detail: string; at: string; integrationId?: string }[]) {
  const db = new Database(path.join(TMP_DIR, "e2e.db"));
  const insert = db.prepare(
    `INSERT INTO "Call" ("vendor", "kind", "integrationId", "method", "path", "outcome", "status", "durationMs",
      "detail", "createdAt") VALUES ('udesk-knowledge', 'knowledge', ?, 'POST', '/zone', 'ok', 200, 12, ?, ?)`,
  );
  for (const c of calls) insert.run(c.integrationId ?? null, c.detail, c.at);
  db.close();
}

/** An operator's page in a Chinese browser whose clock is in `timezoneId`. */
async function zhPage(browser: Browser, timezoneId = "UTC"): Promise<Page> {
  const context = await browser.newContext({ storageState: `${AUTH_DIR}/operator.json`, locale: "zh-CN", timezoneId });
  return context.newPage();
}

test.describe
  .serial("customers and calls in Chinese", () => {
    let customerUrl = "";

    test("the customers list and the new customer form are Chinese, with a field error in Chinese", async ({
      browser,
    }) => {
      const page = await zhPage(browser);
      await page.goto("/customers");
      await expect(page.getByRole("heading", { name: "客户", level: 1 })).toBeVisible();
      await expect(page.getByRole("columnheader", { name: /昵称/ })).toBeVisible();
      await expectChineseChrome(page, KEPT);

      await page.getByRole("link", { name: "新建客户" }).click();
      await expect(page.getByRole("heading", { name: "新建客户", level: 1 })).toBeVisible();
      await expectChineseChrome(page, KEPT);
      await page.getByLabel("昵称", { exact: true }).fill("测试客户甲");
      await page.getByLabel("邮箱").fill("jia@example.com\nnot-an-email");
      await page.getByLabel("环信访客 ID").fill("e2e-zh-visitor-1");
      await page.getByRole("button", { name: "创建客户" }).click();
      await expect(page.getByText("第 2 项：不是有效的邮箱地址")).toBeVisible();
      await expect(page.getByLabel("邮箱")).toHaveAttribute("aria-invalid", "true");

      await page.getByLabel("邮箱").fill("jia@example.com");
      await page.getByRole("button", { name: "创建客户" }).click();
      await expect(page.getByText("客户已创建。")).toBeVisible();
      customerUrl = new URL(page.url()).pathname;
    });

    test("an email with a Chinese mailbox or domain, typed with full-width symbols, is kept and found", async ({
      browser,
    }) => {
      const page = await zhPage(browser);
      await page.goto("/customers/new");
      await page.getByLabel("昵称", { exact: true }).fill("测试客户乙");
      await page.getByLabel("邮箱").fill("王芳＠例子。中国\nli.lei@例子.公司");
      await page.getByRole("button", { name: "创建客户" }).click();
      await expect(page.getByText("客户已创建。")).toBeVisible();
      await expect(page.getByText("王芳@例子.中国", { exact: true })).toBeVisible();
      await expect(page.getByText("li.lei@例子.公司", { exact: true })).toBeVisible();

      await page.goto(`/customers?q=${encodeURIComponent("例子.中国")}`);
      await expect(page.getByRole("link", { name: "测试客户乙" })).toBeVisible();
    });

    test("a customer's page, an order added there and the edit form are Chinese", async ({ browser }) => {
      const page = await zhPage(browser);
      await page.goto(customerUrl);
      await expect(page.getByRole("heading", { name: "测试客户甲", level: 1 })).toBeVisible();
      await expect(page.getByText(/^客户 #\d+ · 更新于 \d{4}-\d\d-\d\d \d\d:\d\d UTC$/)).toBeVisible();
      await expectChineseChrome(page, KEPT);

      await page.getByLabel("订单号").fill("ZH-1001");
      await page.getByLabel("商品名称").fill("智能手表");
      await page.getByLabel("金额").fill("199");
      await page.getByRole("button", { name: "添加订单" }).click();
      await expect(page.getByText("订单 ZH-1001 已添加。")).toBeVisible();
      await expect(page.getByRole("listitem", { name: "订单 ZH-1001" }).getByText("已付款").first()).toBeVisible();
      await expectChineseChrome(page, KEPT);

      await page.getByRole("link", { name: "编辑", exact: true }).click();
      await expect(page.getByRole("heading", { name: "编辑 测试客户甲", level: 1 })).toBeVisible();
      await expectChineseChrome(page, KEPT);
      await page.getByLabel("环信访客 ID").fill("");
      await page.getByLabel("真实姓名").fill("张三");
      await page.getByRole("button", { name: "保存修改" }).click();
      await expect(page.getByText("修改已保存。")).toBeVisible();
    });

    test("the import page and its preview are Chinese, row errors included", async ({ browser }) => {
      const page = await zhPage(browser);
      await page.goto("/customers/import");
      await expect(page.getByRole("heading", { name: "导入客户", level: 1 })).toBeVisible();
      await expect(page.getByText("空单元格会保留该字段原值")).toBeVisible();
      await expectChineseChrome(page, KEPT);

      const csv = "uname,emails,isVip\r\n导入客户乙,yi@import-zh.test,true\r\n导入客户丙,not-an-email,maybe\r\n";
      await page
        .getByLabel("CSV 文件", { exact: true })
        .setInputFiles({ name: "zh.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      await expect(page.getByText("文件共 2 行。")).toBeVisible();
      await expect(page.getByText("前 2 行中：1 行新建，0 行有修改，0 行无变化，1 行有错误。")).toBeVisible();
      const preview = page.getByRole("table", { name: "前几行预览" });
      await expect(preview.getByRole("row").nth(1)).toContainText("新建");
      await expect(preview.getByRole("row").nth(2)).toContainText("“not-an-email”：不是有效的邮箱地址");
      await expect(preview.getByRole("row").nth(2)).toContainText("“maybe”不是 true 或 false");
      await expectChineseChrome(page, KEPT);

      await page.getByRole("button", { name: "导入 2 行" }).click();
      await expect(page.getByText("已导入 2 行：1 行已新建，0 行已更新，0 行无变化，1 行被拒绝。")).toBeVisible();
      await expect(page.getByRole("heading", { name: "被拒绝的行（2 个错误）" })).toBeVisible();
      await expectChineseChrome(page, KEPT);
    });

    test("the calls list and a call's page are Chinese, outcomes labelled and a replay answered", async ({
      browser,
      request,
    }) => {
      const integration = cli(
        "integrations",
        "add",
        "udesk",
        "--name",
        "中文调用",
        "--integration-name",
        "对接中文",
        "--key",
        "e2e-zh-calls-key-5b1d",
      );
      const sent = await request.post(integration.endpoints.knowledge, {
        data: { timestamp: Math.floor(Date.now() / 1000), sign: "0".repeat(32), datumId: 7, sessionId: 9 },
      });
      expect(sent.ok()).toBe(false);

      const page = await zhPage(browser);
      await page.goto(`/calls?integration=${integration.id}`);
      await expect(page.getByRole("heading", { name: "调用记录", level: 1 })).toBeVisible();
      const rows = page.getByRole("table").getByRole("row");
      await expect(rows).toHaveCount(2);
      await expect(rows.nth(1)).toContainText("签名错误");
      // Why the call failed, in Chinese: the detail column's text and its tooltip.
      const zhDetail = /^签名 0{32} 与 sha256\(key \+ "&" \+ timestamp\) 不符（已尝试当前密钥）$/;
      const detailCell = rows.nth(1).getByRole("cell").last();
      await expect(detailCell).toHaveText(zhDetail);
      await expect(detailCell).toHaveAttribute("title", zhDetail);
      await expect(page.getByLabel("结果")).toContainText("所有失败");
      await expectChineseChrome(page, KEPT);

      await rows.nth(1).getByRole("link").first().click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^调用 #\d+ 签名错误$/);
      await expect(page.getByText(/^来自 \S+（\S+）· .* UTC · \d+ ms$/)).toBeVisible();
      await expect(page.getByTestId("call-detail")).toHaveText(zhDetail);
      const callUrl = page.url();
      await expectChineseChrome(page, KEPT);
      await page.getByRole("button", { name: "原样重发" }).click();
      await expect(page.getByText(/^已重放：HTTP \d+，新调用 #\d+/)).toBeVisible();
      await expect(page.getByRole("link", { name: "打开新的调用记录" })).toBeVisible();

      // In English, the detail as it is stored.
      const english = await pageAs(browser, "admin", { locale: "en-US" });
      const enDetail = /^sign 0{32} does not match sha256\(key \+ "&" \+ timestamp\) \(tried the current key\)$/;
      await english.goto(callUrl);
      await expect(english.getByTestId("call-detail")).toHaveText(enDetail);
      await english.goto(`/calls?integration=${integration.id}`);
      await expect(english.getByRole("table").getByRole("row").last().getByRole("cell").last()).toHaveText(enDetail);
    });

    test("the calls list shows and filters times in the browser's zone, Asia/Shanghai", async ({ browser }) => {
      // 23:30 on June 1st and 00:30 on June 2nd in Shanghai: both on June 1st in UTC.
      insertCalls([
        { detail: "e2e-zone-june-1", at: "2026-06-01T15:30:00.000Z" },
        { detail: "e2e-zone-june-2", at: "2026-06-01T16:30:00.000Z" },
      ]);
      const page = await zhPage(browser, "Asia/Shanghai");
      await page.goto("/calls?q=e2e-zone");
      // The page learns the zone from the browser, then shows every time in it.
      await expect(page.getByText("2026-06-02 00:30:00 Asia/Shanghai")).toBeVisible();
      await expect(page.getByText("2026-06-01 23:30:00 Asia/Shanghai")).toBeVisible();
      const rows = page.getByRole("table").getByRole("row");

      for (const [day, detail] of [
        ["2026-06-02", "e2e-zone-june-2"],
        ["2026-06-01", "e2e-zone-june-1"],
      ]) {
        await page.getByLabel("开始时间").fill(`${day}T00:00`);
        await page.getByLabel("结束时间").fill(`${day}T23:59`);
        await page.getByRole("button", { name: "筛选" }).click();
        await expect(page).toHaveURL(new RegExp(`from=${day}T00%3A00`));
        await expect(rows).toHaveCount(2);
        await expect(rows.nth(1)).toContainText(detail);
        // The filter shows what was typed: the zone's own wall time.
        await expect(page.getByLabel("开始时间")).toHaveValue(`${day}T00:00`);
      }

      // Read in UTC, the same day holds both calls.
      const utc = await zhPage(browser);
      await utc.goto("/calls?q=e2e-zone&from=2026-06-01T00:00&to=2026-06-01T23:59");
      await expect(utc.getByRole("table").getByRole("row")).toHaveCount(3);
      await expect(utc.getByText("2026-06-01 16:30:00 UTC")).toBeVisible();
    });
  });
