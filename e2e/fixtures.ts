// Test helpers: a page signed in as a given role, and accounts of a test's own.
import { spawnSync } from "node:child_process";
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { AUTH_DIR, E2E_ENV } from "./env.mjs";

export type RoleName = "admin" | "operator" | "viewer";

/** A page signed in as `role`; `locale` sets the browser's language (and its Accept-Language). */
export async function pageAs(browser: Browser, role: RoleName, options: { locale?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ storageState: `${AUTH_DIR}/${role}.json`, ...options });
  return context.newPage();
}

/** Creates an account through the CLI, for a test that signs it out, locks it or changes it. */
export function createAccount(email: string, role: RoleName, password: string) {
  const result = spawnSync(
    process.execPath,
    ["bin/deskbridge.mjs", "users", "add", "--email", email, "--role", role, "--password", password, "--json"],
    { env: { ...process.env, ...E2E_ENV }, encoding: "utf8" },
  );
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as { id: string; email: string; role: RoleName };
}

/** Signs in through the page in a fresh context; resolves once the dashboard shows. */
export async function signInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/:\d+\/$/);
  return page;
}

/** Runs the deskbridge CLI on the test database with --json; a failed command fails the test. */
export function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ["bin/deskbridge.mjs", ...args, "--json"], {
    env: { ...process.env, ...E2E_ENV },
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

export const test = base;
export { expect } from "@playwright/test";
