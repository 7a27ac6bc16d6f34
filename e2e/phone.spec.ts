// On a phone (390 px) and by role: the sidebar gives way to a menu, no dashboard page scrolls
// sideways, and the navigation shows each role only the pages it may open.
import { spawnSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { E2E_ENV } from "./env.mjs";
import { cli, pageAs } from "./fixtures";

const PHONE = { width: 390, height: 844 };

const VIEWER_PAGES = ["Overview", "Customers", "Card templates", "Calls"];
const OPERATOR_PAGES = [...VIEWER_PAGES, "Signature lab", "Audit log"];
const ADMIN_PAGES = [...OPERATOR_PAGES, "Integrations", "Sobot dictionary", "Users", "Settings"];

async function navLinks(page: Page, name: string) {
  return (await page.getByRole("navigation", { name, exact: true }).getByRole("link").allInnerTexts()).map((t) =>
    t.trim(),
  );
}

async function overflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** The innermost elements reaching past the right edge, to name in a failure. */
async function widest(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("main *")]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 0.5))
      .slice(0, 3)
      .map(
        (e) => `<${e.tagName.toLowerCase()} class="${e.getAttribute("class") ?? ""}">${e.textContent?.slice(0, 40)}`,
      ),
  );
}

test("a viewer's navigation shows only the pages a viewer may open", async ({ browser }) => {
  const page = await pageAs(browser, "viewer");
  await page.goto("/");
  expect((await navLinks(page, "Main")).sort()).toEqual([...VIEWER_PAGES].sort());
  for (const link of await page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link").all()) {
    const href = (await link.getAttribute("href"))!;
    expect((await page.request.get(href)).status(), href).toBe(200);
  }
  // Pages a viewer may not open are not offered, and still refused when typed in.
  expect((await page.goto("/audit"))?.status()).toBe(403);
});

test("an operator's and an admin's navigation grow with their role", async ({ browser }) => {
  const operator = await pageAs(browser, "operator");
  await operator.goto("/");
  expect((await navLinks(operator, "Main")).sort()).toEqual([...OPERATOR_PAGES].sort());
  const admin = await pageAs(browser, "admin");
  await admin.goto("/");
  expect((await navLinks(admin, "Main")).sort()).toEqual([...ADMIN_PAGES].sort());
});

test("a viewer reads a card template in a form that cannot be changed or saved", async ({ browser }) => {
  cli("integrations", "add", "udesk", "--name", "Phone templates", "--integration-name", "三", "--key", "phone-key-01");
  const operator = await pageAs(browser, "operator");
  await operator.goto("/templates/new");
  await operator.getByLabel("Name").fill("Read by a viewer");
  await operator.getByLabel("Task node id").fill("9001");
  await operator.getByRole("button", { name: "Save template" }).click();
  await expect(operator.getByText("Template created.")).toBeVisible();
  const page = await pageAs(browser, "viewer");
  await page.goto(new URL(operator.url()).pathname);
  await expect(page.getByLabel("Name")).toHaveValue("Read by a viewer");
  const fields = page.locator("main").locator("input, select, textarea");
  expect(await fields.count()).toBeGreaterThan(0);
  for (const field of await fields.all()) await expect(field).toBeDisabled();
  await expect(page.getByRole("button", { name: /^Save/ })).toHaveCount(0);
});

test("below 768 px the sidebar collapses into a menu", async ({ browser }) => {
  const page = await pageAs(browser, "viewer");
  await page.setViewportSize(PHONE);
  await page.goto("/customers");
  await expect(page.getByRole("navigation", { name: "Main", exact: true })).toBeHidden();
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  const nav = page.getByRole("navigation", { name: "Menu", exact: true });
  await expect(nav).toBeVisible();
  expect((await navLinks(page, "Menu")).sort()).toEqual([...VIEWER_PAGES].sort());
  await nav.getByRole("link", { name: "Calls" }).click();
  await expect(page).toHaveURL(/\/calls$/);
  await expect(page.getByRole("heading", { name: "Calls", level: 1 })).toBeVisible();
  await expect(nav).toBeHidden();
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(page.getByRole("navigation", { name: "Main", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
});

test("no dashboard page scrolls sideways at 390 px", async ({ browser }) => {
  test.setTimeout(180_000);
  // An integration of each vendor, so that its page is among those checked.
  for (const vendor of ["sobot-crm", "udesk", "hyphenate"]) {
    spawnSync(
      process.execPath,
      [
        "bin/deskbridge.mjs",
        "integrations",
        "add",
        vendor,
        "--name",
        `Phone ${vendor}`,
        "--key",
        "phone-key-0123456789",
      ],
      { env: { ...process.env, ...E2E_ENV }, encoding: "utf8" },
    );
  }
  const page = await pageAs(browser, "admin");
  await page.setViewportSize(PHONE);
  const paths = [
    "/",
    "/customers",
    "/customers/new",
    "/customers/import",
    "/customers/1",
    "/customers/1/edit",
    "/integrations",
    "/integrations/new?vendor=sobot-crm",
    "/integrations/new?vendor=udesk",
    "/integrations/new?vendor=hyphenate",
    "/integrations/new?vendor=sobot-webhook",
    "/integrations/new?vendor=sobot-api",
    "/templates",
    "/templates/new",
    "/templates/answers",
    "/calls",
    "/sobot/dictionary",
    "/lab",
    "/audit",
    "/users",
    "/settings",
    "/account",
  ];
  // And one of each kind of detail page there is.
  for (const [list, pattern] of [
    ["/integrations", /^\/integrations\/(?!new)[^/?]+$/],
    ["/templates", /^\/templates\/\d+$/],
    ["/calls", /^\/calls\/\d+$/],
  ] as const) {
    await page.goto(list);
    const hrefs = await page.locator("main a[href]").evaluateAll((all) => all.map((a) => a.getAttribute("href")!));
    paths.push(...hrefs.filter((h) => pattern.test(h)).slice(0, 3));
  }
  const wide: string[] = [];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const extra = await overflow(page);
    if (extra > 0) wide.push(`${path} (+${extra} px): ${(await widest(page)).join(" · ")}`);
  }
  expect(wide).toEqual([]);
});
