// The console's own pages in Simplified Chinese: sign-in (and its language switch), two-factor set-up,
// overview, account, settings, users and audit log. A user's language and time zone chosen on the
// account page win over the browser's; without a choice, times follow the browser's zone.
// E2E_SCREENSHOTS=1 also retakes the README's screenshots (docs/screenshots).
import { expect, test, type Browser, type Page } from "@playwright/test";
import { knowledgeSign } from "../lib/vendors/udesk/codec";
import { expectChineseChrome } from "./chinese";
import { cli, createAccount, pageAs } from "./fixtures";
import { AUTH_DIR } from "./env.mjs";

const KEY = "e2e-chinese-console-key-3f81";

/** Signs in through the page in a browser of the given language and zone. */
async function signIn(
  browser: Browser,
  email: string,
  password: string,
  context: { locale?: string; timezoneId?: string } = {},
): Promise<Page> {
  const page = await (await browser.newContext(context)).newPage();
  await page.goto("/signin");
  const zh = context.locale === "zh-CN";
  await page.getByLabel(zh ? "邮箱" : "Email").fill(email);
  await page.getByLabel(zh ? "密码" : "Password").fill(password);
  await page.getByRole("button", { name: zh ? "登录" : "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/:\d+\/$/);
  return page;
}

test.describe
  .serial("the console in Chinese", () => {
    test.beforeAll(async ({ request }) => {
      // Integrations with calls, so that the overview has cards and a last call's time: a healthy one
      // and one whose calls fail half the time (a wrong sign).
      const add = (name: string, udeskName: string): { endpoints: { knowledge: string } } =>
        cli("integrations", "add", "udesk", "--name", name, "--integration-name", udeskName, "--key", KEY);
      const send = async (url: string, datumId: number, sign?: string) => {
        const timestamp = Math.floor(Date.now() / 1000);
        const data = { timestamp, sign: sign ?? knowledgeSign(KEY, timestamp), datumId, sessionId: 9 };
        return (await request.post(url, { data })).status();
      };
      const desk = add("售后客服", "售后");
      for (let i = 0; i < 3; i++) expect(await send(desk.endpoints.knowledge, 7000 + i)).toBe(200);
      const orders = add("订单机器人", "订单");
      for (let i = 0; i < 2; i++) expect(await send(orders.endpoints.knowledge, 7100 + i)).toBe(200);
      for (let i = 0; i < 2; i++)
        expect(await send(orders.endpoints.knowledge, 7200 + i, "0".repeat(64))).not.toBe(200);
    });

    test("each page of the console is Chinese in a Chinese browser", async ({ browser }) => {
      const page = await pageAs(browser, "admin", { locale: "zh-CN" });
      const pages: [string, string][] = [
        ["/", "概览"],
        ["/account", "我的账号"],
        ["/settings", "设置"],
        ["/users", "用户"],
        ["/audit", "审计日志"],
      ];
      for (const [path, title] of pages) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
        await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
        await expectChineseChrome(page);
      }
      await page.goto("/");
      const card = page.getByRole("article", { name: "对接 售后客服" });
      // The card's status (the latest call's outcome below it may read 正常 too).
      await expect(card.getByText("正常", { exact: true }).first()).toBeVisible();
      // A knowledge lookup that found no entry: answered as asked.
      await expect(card.getByText(/^最近调用：\s*\d{4}-\d\d-\d\d/)).toContainText("未找到");
      const failing = page.getByRole("article", { name: "对接 订单机器人" });
      await expect(failing.getByText("异常", { exact: true })).toBeVisible();
    });

    test("actions answer in Chinese", async ({ browser }) => {
      const page = await pageAs(browser, "admin", { locale: "zh-CN" });
      await page.goto("/account");
      const form = page.getByRole("form", { name: "修改密码" });
      await form.getByLabel("当前密码").fill("not-checked-first");
      await form.getByLabel("新密码", { exact: true }).fill("new-pass-1234");
      await form.getByLabel("再次输入新密码").fill("new-pass-9999");
      await form.getByRole("button", { name: "修改密码" }).click();
      await expect(form.getByText("两次输入的新密码不一致。", { exact: true })).toBeVisible();
      await expect(form.getByText("与新密码不一致")).toBeVisible();

      await page.goto("/settings");
      await page.getByLabel("正文保留天数").fill("0");
      await page.getByRole("button", { name: "保存" }).first().click();
      await expect(page.getByText("保留期必须是 1 到 3650 之间的整数天。", { exact: true })).toBeVisible();
      await expect(page.getByText("1 到 3650 之间的整数天", { exact: true })).toBeVisible();
    });

    test("the sign-in page follows the browser, and its switch changes the language signed out", async ({
      browser,
    }) => {
      const page = await (await browser.newContext({ locale: "zh-CN" })).newPage();
      await page.goto("/signin");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("登录");
      // Each language is named in itself: "English" is the one English word of a Chinese page.
      await expectChineseChrome(page, ["English"]);
      await page.getByRole("button", { name: "English" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
      await expect(page.getByLabel("Email")).toBeVisible();
      await expect(page.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
      await page.reload();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
      await page.getByRole("button", { name: "简体中文" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("登录");
      await expect(page.getByLabel("邮箱")).toBeVisible();
      // A wrong password is refused in Chinese.
      await page.getByLabel("邮箱").fill("nobody@e2e.test");
      await page.getByLabel("密码").fill("wrong-password-1");
      await page.getByRole("button", { name: "登录", exact: true }).click();
      await expect(page.getByText("邮箱或密码错误，或账号已停用。", { exact: true })).toBeVisible();
    });

    test("the two-factor set-up page is Chinese", async ({ browser }) => {
      const account = createAccount("zh-two-factor@e2e.test", "viewer", "zh-two-factor-pass-1");
      const page = await signIn(browser, account.email, "zh-two-factor-pass-1", { locale: "zh-CN" });
      await page.goto("/two-factor");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("设置两步验证登录");
      await expect(page.getByText("为 zh-two-factor@e2e.test 设置两步验证登录。")).toBeVisible();
      await expectChineseChrome(page);
      await page.getByRole("button", { name: "设置两步验证登录" }).click();
      await expect(page.getByLabel("两步验证密钥", { exact: true })).toBeVisible();
      await expectChineseChrome(page);
      await page.getByLabel("应用中的验证码").fill("000000");
      await page.getByRole("button", { name: "开启两步验证登录" }).click();
      await expect(page.getByText("不是应用当前显示的验证码")).toBeVisible();
    });

    test("an operator's own language wins over the browser's, both ways", async ({ browser }) => {
      const account = createAccount("zh-language@e2e.test", "operator", "zh-language-pass-1");
      const page = await signIn(browser, account.email, "zh-language-pass-1", { locale: "zh-CN" });
      await page.goto("/account");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("我的账号");
      await page.getByLabel("语言", { exact: true }).selectOption("en");
      await page.getByRole("button", { name: "保存", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
      await expect(page.getByText("Language and time zone saved.", { exact: true })).toBeVisible();
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
      await expect(
        page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }),
      ).toBeVisible();

      await page.goto("/account");
      await expect(page.getByLabel("Language", { exact: true })).toHaveValue("en");
      await page.getByLabel("Language", { exact: true }).selectOption("zh-CN");
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("我的账号");
      await expect(page.getByText("语言和时区已保存。", { exact: true })).toBeVisible();
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("概览");
    });

    test("a time zone chosen on the account page labels the times", async ({ browser }) => {
      const account = createAccount("zh-zone@e2e.test", "operator", "zh-zone-pass-1");
      // The browser is elsewhere: the choice wins.
      const page = await signIn(browser, account.email, "zh-zone-pass-1", {
        locale: "zh-CN",
        timezoneId: "America/New_York",
      });
      await page.goto("/account");
      await expect(page.getByText("时间按 America/New_York 显示：浏览器的时区。")).toBeVisible();
      await page.getByLabel("时区", { exact: true }).selectOption("Asia/Shanghai");
      await page.getByRole("button", { name: "保存", exact: true }).click();
      await expect(page.getByText("语言和时区已保存。", { exact: true })).toBeVisible();
      await expect(page.getByText("时间按 Asia/Shanghai 显示：你选择的时区。")).toBeVisible();

      await page.goto("/");
      await expect(page.getByText(/时间为 Asia\/Shanghai；/)).toBeVisible();
      const lastCall = page.getByRole("article", { name: "对接 售后客服" }).getByText(/^最近调用：/);
      await expect(lastCall).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d Asia\/Shanghai/);

      await page.goto("/audit?entity=user");
      const first = page.getByRole("listitem", { name: /^审计事件/ }).first();
      await expect(first).toContainText("zh-zone@e2e.test 修改了自己的语言和时区");
      await expect(first).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d Asia\/Shanghai/);

      // Back to following the browser.
      await page.goto("/account");
      await page.getByLabel("时区", { exact: true }).selectOption({ index: 0 });
      await page.getByRole("button", { name: "保存", exact: true }).click();
      await expect(page.getByText("时间按 America/New_York 显示：浏览器的时区。")).toBeVisible();
    });

    test("with no choice, times follow the browser's zone", async ({ browser }) => {
      const context = await browser.newContext({
        storageState: `${AUTH_DIR}/operator.json`,
        locale: "zh-CN",
        timezoneId: "Asia/Shanghai",
      });
      const page = await context.newPage();
      await page.goto("/audit");
      // The page learns the browser's zone (a cookie) and shows itself again in it.
      const first = page.getByRole("listitem", { name: /^审计事件/ }).first();
      await expect(first).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d Asia\/Shanghai/);
      await page.goto("/");
      await expect(page.getByText(/时间为 Asia\/Shanghai；/)).toBeVisible();
    });

    test("README screenshots", async ({ browser }) => {
      test.skip(!process.env.E2E_SCREENSHOTS, "only when E2E_SCREENSHOTS=1");
      const en = await pageAs(browser, "admin", { locale: "en-US" });
      await en.setViewportSize({ width: 1280, height: 800 });
      await en.goto("/");
      await expect(en.getByRole("heading", { level: 1 })).toHaveText("Overview");
      await en.screenshot({ path: "docs/screenshots/overview.png" });

      // The demo's customers (DESKBRIDGE_DEMO=1) fill the page.
      const zh = await pageAs(browser, "admin", { locale: "zh-CN" });
      await zh.setViewportSize({ width: 1280, height: 800 });
      await zh.goto("/customers");
      await expect(zh.getByRole("link", { name: "客户" }).first()).toBeVisible();
      await zh.screenshot({ path: "docs/screenshots/customers-zh-CN.png" });
    });
  });
