// Two-factor sign-in as a user meets it: set up on the account page with a real TOTP code, then
// sign-ins with the app's code and with a recovery code (once), and the setting that requires it.
import { spawnSync } from "node:child_process";
import { generate } from "otplib";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_ENV } from "./env.mjs";
import { createAccount, pageAs, signInPage } from "./fixtures";

const unique = (name: string) => `${name}-${Date.now()}@e2e.test`;
/** The app's code for the next 30-second step: the one just used to set up cannot be used again. */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ["bin/deskbridge.mjs", ...args], {
    env: { ...process.env, ...E2E_ENV },
    encoding: "utf8",
  });
  expect(result.stderr).toBe("");
  return result.stdout;
}

/** Sets two-factor sign-in up on the page it is shown on; returns the key and the recovery codes. */
async function setUp(page: Page): Promise<{ secret: string; codes: string[] }> {
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(page.getByRole("img", { name: "QR code of your two-factor key" })).toBeVisible();
  const secret = (await page.getByLabel("Two-factor key").inputValue()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.getByLabel("Code from the app").fill("123456");
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByText("Not the code the app shows now")).toBeVisible();
  await page.getByLabel("Code from the app").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByText("Two-factor sign-in is on.")).toBeVisible();
  const codes = await page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allTextContents();
  expect(codes).toHaveLength(10);
  return { secret, codes };
}

async function signInWithCode(browser: Browser, email: string, password: string, code: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Two-factor code").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
  return page;
}

test("set up with the app's code, then sign in with a code, and once with each recovery code", async ({ browser }) => {
  // Waits for the next 30-second code step on purpose, and signs in five times (each a password hash):
  // on a loaded machine that is more than the default minute.
  test.slow();
  const email = unique("totp");
  createAccount(email, "operator", "totp-password-1");
  const page = await signInPage(browser, email, "totp-password-1");
  await page.goto("/account");
  const { secret, codes } = await setUp(page);

  // The codes are shown once; the session that turned it on goes on.
  await page.goto("/account");
  await expect(page.getByText("Two-factor sign-in is on. 10 recovery codes left.")).toBeVisible();
  expect(await page.content()).not.toContain(codes[0]);

  // The password alone is not enough any more; a wrong code is refused.
  const wrong = await signInWithCode(browser, email, "totp-password-1", "000000");
  await expect(wrong.getByText(/That code is not right/)).toBeVisible();
  await expect(wrong).toHaveURL(/\/signin/);
  expect((await wrong.goto("/customers"))?.url()).toMatch(/\/signin/);

  const withApp = await signInWithCode(browser, email, "totp-password-1", await nextCode(secret));
  await expect(withApp).toHaveURL(/:\d+\/$/);

  const withRecovery = await signInWithCode(browser, email, "totp-password-1", codes[4]);
  await expect(withRecovery).toHaveURL(/:\d+\/$/);
  await withRecovery.goto("/account");
  await expect(withRecovery.getByText("9 recovery codes left.")).toBeVisible();
  const again = await signInWithCode(browser, email, "totp-password-1", codes[4]);
  await expect(again.getByText(/That code is not right/)).toBeVisible();
  await expect(again).toHaveURL(/\/signin/);
});

test("required for everyone: a user without it sets it up at sign-in before anything else opens", async ({
  browser,
}) => {
  const email = unique("required");
  createAccount(email, "viewer", "required-password-1");
  const admin = await pageAs(browser, "admin");
  try {
    await admin.goto("/settings");
    await admin.getByLabel("Required for").selectOption("everyone");
    await admin.getByRole("button", { name: "Save" }).last().click();
    // The admin has not set it up either: the page asks for it at once, and so does every other.
    await expect(admin).toHaveURL(/\/two-factor$/);
    await admin.goto("/users");
    await expect(admin).toHaveURL(/\/two-factor$/);

    const page = await (await browser.newContext()).newPage();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("required-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/two-factor$/);
    await expect(page.getByRole("heading", { name: "Set up two-factor sign-in" })).toBeVisible();
    for (const path of ["/customers", "/account", "/calls", "/audit"]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/two-factor$/);
    }
    const exported = await page.request.get("/api/customers/export?format=json", { maxRedirects: 0 });
    expect(exported.status()).toBe(403);

    await setUp(page);
    await page.getByRole("link", { name: "Continue to Deskbridge" }).click();
    await expect(page).toHaveURL(/:\d+\/$/);
    await expect(page.getByRole("heading", { name: "Overview", exact: true })).toBeVisible();
  } finally {
    cli("settings", "two-factor", "off");
  }
  await admin.goto("/users");
  await expect(admin).toHaveURL(/\/users$/);
  await expect(
    admin.getByRole("listitem", { name: `User ${email}` }).getByText("two-factor", { exact: true }),
  ).toBeVisible();
});
