// Test helpers: a page signed in as a given role.
import { test as base, type Browser, type Page } from "@playwright/test";

export type RoleName = "admin" | "operator" | "viewer";

export async function pageAs(browser: Browser, role: RoleName): Promise<Page> {
  const context = await browser.newContext({ storageState: `e2e/.auth/${role}.json` });
  return context.newPage();
}

export const test = base;
export { expect } from "@playwright/test";
