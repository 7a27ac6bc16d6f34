// Sign-in: the door to the dashboard.
import { expect, test } from "@playwright/test";
import { ACCOUNTS } from "./env.mjs";

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
  await expect(page).toHaveURL(/\/customers$/);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const item of ["Customers", "Integrations", "Card templates", "Calls", "Users", "Settings"]) {
    await expect(nav.getByRole("link", { name: new RegExp(`^${item}`) })).toBeVisible();
  }
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/users");
  await expect(page).toHaveURL(/\/signin/);
});
