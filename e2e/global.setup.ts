// Creates the operator and viewer accounts through the CLI (against the server's database),
// then signs each role in once through the page and keeps its session for the tests.
import { spawnSync } from "node:child_process";
import { expect, test as setup } from "@playwright/test";
import { ACCOUNTS, AUTH_DIR, E2E_ENV } from "./env.mjs";

for (const role of ["operator", "viewer"] as const) {
  setup(`create the ${role} account with the CLI`, () => {
    const { email, password } = ACCOUNTS[role];
    const result = spawnSync(
      process.execPath,
      ["bin/deskbridge.mjs", "users", "add", "--email", email, "--role", role, "--password", password, "--json"],
      {
        env: { ...process.env, ...E2E_ENV },
        encoding: "utf8",
      },
    );
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toMatchObject({ email, role });
  });
}

for (const role of ["admin", "operator", "viewer"] as const) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("Email").fill(ACCOUNTS[role].email);
    await page.getByLabel("Password").fill(ACCOUNTS[role].password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/:\d+\/$/);
    await expect(page.getByText(ACCOUNTS[role].email)).toBeVisible();
    await page.context().storageState({ path: `${AUTH_DIR}/${role}.json` });
  });
}
