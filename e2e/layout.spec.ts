// The shell: themes and a 1024-px window.
import { expect, test } from "@playwright/test";
import { AUTH_DIR } from "./env.mjs";

test.use({ storageState: `${AUTH_DIR}/viewer.json` });

test("the dashboard fits a 1024-px window without horizontal scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  for (const path of ["/customers", "/customers/1"]) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test("the dark theme is chosen, applied on the server, and kept", async ({ page }) => {
  await page.goto("/customers");
  await page.getByRole("button", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(13, 17, 23)");
  await page.screenshot({ path: "test-results/customers-dark.png" });
  await page.getByRole("button", { name: "Light" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
});

test("pages refuse to be framed", async ({ page }) => {
  const response = await page.goto("/customers");
  expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(response?.headers()["x-frame-options"]).toBe("DENY");
});
