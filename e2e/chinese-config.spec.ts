// The configuration pages in Chinese (a browser asking for zh-CN): integrations of every vendor
// and their set-up guides, card templates and Udesk answers, the Sobot dictionary and the
// signature lab. Their chrome has no English word, actions answer in Chinese, the Udesk guide
// names Udesk's own menus, and times follow the browser's zone.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { englishWords, expectChineseChrome } from "./chinese";
import { cli, pageAs } from "./fixtures";
import { AUTH_DIR } from "./env.mjs";

// Udesk's JSON field names label the template editor's mapping (they are what Udesk receives).
const UDESK_FIELDS = ["id", "title", "subTitle", "img", "attr", "hitContent", "tabId", "status", "url", "content"];
// An origin on the Hyphenate page's one-click button is data.
const ORIGIN = ["https", "kefu", "easemob", "com"];

const ids: Record<string, string> = {};
const UDESK_NAME = "中文配置 Udesk";

/** Words of values other tests typed (integration names, Sobot company ids) that the page shows as titles. */
async function dataWords(page: Page): Promise<string[]> {
  const texts = await page
    .locator('h2 a[href^="/integrations/"], nav[aria-label="智齿公司"] a')
    .evaluateAll((els) => els.map((e) => e.textContent ?? ""));
  return texts.flatMap((t) => englishWords(t));
}

async function chinesePage(browser: Browser, path: string, allowed: string[] = []): Promise<Page> {
  const page = await pageAs(browser, "admin", { locale: "zh-CN" });
  await page.goto(path);
  await expect(page.locator("h1")).toBeVisible();
  await expectChineseChrome(page, [...allowed, ...(await dataWords(page))]);
  return page;
}

test.describe
  .serial("Configuration pages in Chinese", () => {
    test.beforeAll(() => {
      ids.crm = cli(
        "integrations",
        "add",
        "sobot-crm",
        "--name",
        "中文智齿对接",
        "--company-id",
        "20261201",
        "--secret",
        "zh-config-S0bot-secret-4d1e",
      ).id;
      ids.udesk = cli(
        "integrations",
        "add",
        "udesk",
        "--name",
        UDESK_NAME,
        "--integration-name",
        "对接三",
        "--key",
        "zh-config-udesk-key-7a2b",
      ).id;
      ids.hyphenate = cli("integrations", "add", "hyphenate", "--name", "中文环信面板").id;
      ids.webhook = cli("integrations", "add", "sobot-webhook", "--name", "中文智齿推送").id;
      ids.api = cli(
        "integrations",
        "add",
        "sobot-api",
        "--name",
        "中文智齿开放接口",
        "--appid",
        "zh-config-app",
        "--app-key",
        "zh-config-app-key-0123",
      ).id;
    });

    test("the integrations list, a new one and each vendor's page", async ({ browser }) => {
      const list = await chinesePage(browser, "/integrations");
      await expect(list.getByRole("heading", { level: 1 })).toHaveText("对接");
      await chinesePage(browser, "/integrations/new?vendor=udesk");
      await chinesePage(browser, `/integrations/${ids.crm}`);
      await chinesePage(browser, `/integrations/${ids.udesk}`);
      const panel = await chinesePage(browser, `/integrations/${ids.hyphenate}`, ORIGIN);
      await expect(panel.getByTestId("frame-ancestor-warning")).toContainText("目前没有任何站点可以嵌入此面板");
      await chinesePage(browser, `/integrations/${ids.webhook}`);
      await chinesePage(browser, `/integrations/${ids.api}`);
    });

    test("the Udesk set-up guide names Udesk's own menus", async ({ browser }) => {
      const page = await chinesePage(browser, `/integrations/${ids.udesk}`);
      const steps = page.getByRole("list", { name: "设置步骤" });
      await expect(steps).toContainText("机器人管理系统 › webhook配置");
      await expect(steps).toContainText("任务式对话 › 任务推送型");
      await expect(steps).toContainText("对接名称（integrationName）");
      await expect(steps).toContainText("鉴权密钥（key）");
      await expect(steps).toContainText("消息触发型 URL");
      await expect(steps).not.toContainText("Add a webhook");
    });

    test("an integration's settings answer in Chinese", async ({ browser }) => {
      const page = await chinesePage(browser, `/integrations/${ids.udesk}`);
      const name = page.getByLabel("名称", { exact: true });
      await name.fill("");
      await page.getByRole("button", { name: "保存设置" }).click();
      await expect(page.getByText("名称为必填项")).toBeVisible();
      await page.getByLabel("名称", { exact: true }).fill(UDESK_NAME);
      await page.getByRole("button", { name: "保存设置" }).click();
      await expect(page.getByText("设置已保存。")).toBeVisible();
    });

    test("a template with 6 drawer tabs is refused in Chinese; the template pages are Chinese", async ({ browser }) => {
      await chinesePage(browser, "/templates");
      const page = await chinesePage(browser, "/templates/new", UDESK_FIELDS);
      await page.getByLabel("名称", { exact: true }).fill("中文抽屉模板");
      await page.getByLabel("Udesk 对接").selectOption({ label: UDESK_NAME });
      await page.getByLabel("任务节点 ID").fill("880");
      await page.getByLabel("类型", { exact: true }).selectOption("drawer_list");
      const tabs = page.getByLabel("标签页", { exact: true });
      await tabs.fill(["a=甲", "b=乙", "c=丙", "d=丁", "e=戊", "f=己"].join("\n"));
      await page.getByRole("button", { name: "保存模板" }).click();
      await expect(page.getByText("抽屉列表最多 5 个标签页（Udesk 的限制）").first()).toBeVisible();
      await expect(page).toHaveURL(/\/templates\/new$/);
      await expectChineseChrome(page, UDESK_FIELDS);

      await tabs.fill(["a=甲", "b=乙", "c=丙", "d=丁", "e=戊"].join("\n"));
      await expect(page.getByText("抽屉列表最多 5 个标签页（Udesk 的限制）")).toHaveCount(0);
      await page.getByRole("button", { name: "保存模板" }).click();
      await expect(page).toHaveURL(/\/templates\/\d+\?saved=created$/);
      await expect(page.getByText("模板已创建。")).toBeVisible();
      await expectChineseChrome(page, UDESK_FIELDS);
      await chinesePage(browser, page.url().replace(/^.*(\/templates\/\d+).*$/, "$1"), UDESK_FIELDS);
    });

    test("Udesk answers: a rule added in Chinese", async ({ browser }) => {
      const page = await chinesePage(browser, `/templates/answers?integration=${ids.udesk}`);
      const form = page.getByRole("form", { name: "添加规则" });
      await form.getByLabel("匹配内容").fill("退货");
      await form.getByRole("button", { name: "添加规则" }).click();
      await expect(form.getByText("答案为必填项")).toBeVisible();
      await form.getByLabel("答案").fill("请在订单页申请退货。");
      await form.getByRole("button", { name: "添加规则" }).click();
      await expect(page.getByText("规则已保存。")).toBeVisible();
      await expectChineseChrome(page);
    });

    test("the Sobot dictionary and the signature lab", async ({ browser }) => {
      // "VIP 等级" is what the vendors' Chinese consoles call a VIP level.
      const dictionary = await chinesePage(browser, "/sobot/dictionary?company=20261201", ["VIP"]);
      const form = dictionary.getByRole("form", { name: "添加或修改条目" });
      await form.getByLabel("名称", { exact: true }).fill("金牌客户");
      await form.getByLabel("智齿 ID").fill("zh-config-tag-1");
      await form.getByRole("button", { name: "保存" }).click();
      await expect(dictionary.getByText("已保存：标签 zh-config-tag-1 现在名为“金牌客户”。")).toBeVisible();

      const lab = await chinesePage(browser, "/lab?kind=udesk-message");
      await lab.getByLabel("调用类型").selectOption("udesk-message");
      await lab.getByLabel("对接", { exact: true }).selectOption({ label: UDESK_NAME });
      await lab.getByLabel("请求内容（JSON）").fill("{ not json");
      await lab.getByRole("button", { name: "构造" }).click();
      await expect(lab.getByText(/^请求内容不是有效的 JSON：/).first()).toBeVisible();

      // A call signed with a wrong key, explained in Chinese.
      await lab.getByRole("button", { name: "重置请求内容" }).click();
      await lab.getByLabel("使用错误的密钥").check();
      await lab.getByRole("button", { name: "发送", exact: true }).click();
      await expect(lab.getByTestId("lab-status")).toHaveText("401");
      await expect(lab.getByTestId("lab-request")).toContainText("故意用错误的密钥签名");
      const id = (await lab.getByTestId("lab-call-link").textContent())!.replace(/\D/g, "");
      await lab.goto(`/lab?call=${id}`);
      const tool = lab.getByRole("form", { name: "解释调用" });
      await tool.getByRole("button", { name: "解释", exact: true }).click();
      await expect(lab.getByTestId("explain-causes")).toContainText("密钥错误：签名与当前的 key 不一致");
    });

    test("times follow the browser's zone", async ({ browser }) => {
      const context = await browser.newContext({
        storageState: `${AUTH_DIR}/admin.json`,
        locale: "zh-CN",
        timezoneId: "Asia/Shanghai",
      });
      const page = await context.newPage();
      await page.goto("/templates");
      await expect(page.getByRole("cell", { name: /Asia\/Shanghai$/ }).first()).toBeVisible();
      await page.goto(`/integrations/${ids.udesk}`);
      await expect(page.getByText(/创建于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} Asia\/Shanghai/)).toBeVisible();
      await context.close();
    });
  });
