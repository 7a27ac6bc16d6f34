// Sign-in: the door to the dashboard.
import { expect, test } from "@playwright/test";
import { ACCOUNTS } from "./env.mjs";
import { createAccount, pageAs } from "./fixtures";

test("a signed-out visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/customers");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(ACCOUNTS.admin.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password, or the account is disabled.")).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test("the first admin signs in, sees the navigation, and signs out", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(ACCOUNTS.admin.email);
  await page.getByLabel("Password").fill(ACCOUNTS.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/:\d+\/$/);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const item of ["Customers", "Integrations", "Card templates", "Calls", "Users", "Settings"]) {
    await expect(nav.getByRole("link", { name: new RegExp(`^${item}`) })).toBeVisible();
  }
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/users");
  await expect(page).toHaveURL(/\/signin/);
});

test("after sign-in, only a path of Deskbridge itself is followed, however it is spelt", async ({ browser }) => {
  const own = new URL(test.info().project.use.baseURL!).host;
  // Each raw query decodes to a value a browser resolves to another host ("\" is "/", a tab vanishes).
  for (const query of [
    "/%5Cevil.example/phish",
    "/%09/evil.example",
    "//evil.example",
    "https://evil.example/",
    "/\\evil.example",
    "%2F%2Fevil.example",
    "/%0A/evil.example",
    "javascript:alert(document.domain)",
  ]) {
    const context = await browser.newContext();
    // Another site answers with a page of its own, so a redirect there shows in the URL.
    await context.route(
      (url) => url.host !== own,
      (route) => route.fulfill({ contentType: "text/html", body: "<h1>Elsewhere</h1>" }),
    );
    const page = await context.newPage();
    await page.goto(`/signin?callbackUrl=${query}`);
    await page.getByLabel("Email").fill(ACCOUNTS.viewer.email);
    await page.getByLabel("Password").fill(ACCOUNTS.viewer.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname !== "/signin" || url.host !== own);
    const url = new URL(page.url());
    expect(url.host, query).toBe(own);
    expect(url.pathname, query).toBe("/");
    await page.context().close();
  }
  // A genuine path, with its query, is still where the user lands.
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/customers?q=su0012")}`);
  await page.getByLabel("Email").fill(ACCOUNTS.viewer.email);
  await page.getByLabel("Password").fill(ACCOUNTS.viewer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/customers\?q=su0012$/);
  await expect(page.getByRole("link", { name: "su0012" })).toBeVisible();
});

test("sign-ins, failed and successful, are in the audit log with the address they came from", async ({ browser }) => {
  const email = `audited-${Date.now()}@e2e.test`;
  createAccount(email, "viewer", "audited-password-1");
  const page = await (await browser.newContext()).newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password, or the account is disabled.")).toBeVisible();
  await page.getByLabel("Password").fill("audited-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/:\d+\/$/);

  const admin = await pageAs(browser, "admin");
  await admin.goto(`/audit?entity=session&actor=${encodeURIComponent(email)}`);
  const events = admin.getByRole("listitem").filter({ hasText: email });
  await expect(events.filter({ hasText: "signed in from 127.0.0.1" })).toHaveCount(1);
  await expect(events.filter({ hasText: "failed sign-in from 127.0.0.1: wrong password" })).toHaveCount(1);
  // The password typed is never recorded, right or wrong.
  const html = await admin.content();
  expect(html).not.toContain("wrong-password-1");
  expect(html).not.toContain("audited-password-1");
});
