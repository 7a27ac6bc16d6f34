// Sessions end when they should: a copied session cookie dies with its session's sign-out, every
// session of a user ends on a password change (but the one that made it), a role change, and
// "Sign out everywhere".
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createAccount, pageAs, signInPage } from "./fixtures";

/** A second browser holding a copy of the page's cookies, as a thief with the cookie would. */
async function copyOf(browser: Browser, page: Page): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies(await page.context().cookies());
  return context.newPage();
}

async function expectSignedIn(page: Page, what: string) {
  const response = await page.goto("/customers");
  expect(new URL(page.url()).pathname, what).toBe("/customers");
  expect(response?.status(), what).toBe(200);
}

async function expectSignedOut(page: Page, what: string) {
  await page.goto("/customers");
  expect(new URL(page.url()).pathname, what).toBe("/signin");
  // Nor does the cookie open anything else: data exports and server-rendered pages alike.
  const exported = await page.request.get("/api/customers/export?format=json", { maxRedirects: 0 });
  expect(exported.status(), `${what}: export`).toBe(401);
}

const unique = (name: string) => `${name}-${Date.now()}@e2e.test`;

test("a copied session cookie stops working when its session signs out", async ({ browser }) => {
  const email = unique("copied");
  createAccount(email, "operator", "copied-password-1");
  const page = await signInPage(browser, email, "copied-password-1");
  const copy = await copyOf(browser, page);
  await expectSignedIn(copy, "the copy, before sign-out");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expectSignedOut(copy, "the copy, after sign-out");

  // Signing out one browser leaves the user's other sessions alone.
  const other = await signInPage(browser, email, "copied-password-1");
  const third = await signInPage(browser, email, "copied-password-1");
  await third.getByRole("button", { name: "Sign out" }).click();
  await expectSignedIn(other, "another browser's own session");
});

test("a password change ends every other session of the user, copies included", async ({ browser }) => {
  const email = unique("rotated");
  createAccount(email, "viewer", "rotated-password-1");
  const elsewhere = await signInPage(browser, email, "rotated-password-1");
  const copy = await copyOf(browser, elsewhere);
  const here = await signInPage(browser, email, "rotated-password-1");

  await here.goto("/account");
  await here.getByLabel("Current password").fill("rotated-password-1");
  await here.getByLabel("New password", { exact: true }).fill("rotated-password-2");
  await here.getByLabel("New password again").fill("rotated-password-2");
  await here.getByRole("button", { name: "Change password" }).click();
  await expect(here.getByText("Your password was changed.")).toBeVisible();

  await expectSignedOut(elsewhere, "the other browser");
  await expectSignedOut(copy, "a copy of the other browser's cookie");
  await expectSignedIn(here, "the session that changed the password");
  const old = await copyOf(browser, here);
  await expectSignedIn(old, "a copy of the changing session's new cookie");
});

test("a role change and disabling end the user's sessions at once", async ({ browser }) => {
  const email = unique("demoted");
  createAccount(email, "operator", "demoted-password-1");
  const user = await signInPage(browser, email, "demoted-password-1");
  const copy = await copyOf(browser, user);

  const admin = await pageAs(browser, "admin");
  await admin.goto("/users");
  const row = admin.getByRole("listitem", { name: `User ${email}` });
  await row.getByLabel(`Role of ${email}`, { exact: true }).selectOption("viewer");
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(row.getByText("Role changed.")).toBeVisible();
  await expectSignedOut(user, "after the role change");
  await expectSignedOut(copy, "a copy, after the role change");

  const again = await signInPage(browser, email, "demoted-password-1");
  await expect(again.getByText("viewer", { exact: true })).toBeVisible();
  await admin.goto("/users");
  await admin
    .getByRole("listitem", { name: `User ${email}` })
    .getByRole("button", { name: "Disable" })
    .click();
  await expect(admin.getByText(/User disabled/)).toBeVisible();
  await expectSignedOut(again, "after disabling");
});

test("Sign out everywhere ends every session of the user, this one included", async ({ browser }) => {
  const email = unique("everywhere");
  createAccount(email, "viewer", "everywhere-password-1");
  const laptop = await signInPage(browser, email, "everywhere-password-1");
  const phone = await signInPage(browser, email, "everywhere-password-1");
  const copy = await copyOf(browser, phone);

  await laptop.goto("/account");
  await laptop.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(laptop).toHaveURL(/\/signin/);
  await expectSignedOut(laptop, "this browser");
  await expectSignedOut(phone, "the other browser");
  await expectSignedOut(copy, "a copy of the other browser's cookie");
  // Signing in again works as before.
  await signInPage(browser, email, "everywhere-password-1");
});
