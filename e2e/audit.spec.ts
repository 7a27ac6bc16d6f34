// Users, the audit log, a customer's timeline, and replaying a call: every change made through
// the dashboard or the CLI appears with its author.
import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { encrypt, sign } from "../lib/vendors/sobot/codec";
import { E2E_ENV } from "./env.mjs";
import { pageAs } from "./fixtures";

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ["bin/deskbridge.mjs", ...args, "--json"], {
    env: { ...process.env, ...E2E_ENV, DESKBRIDGE_ACTOR: "cli:e2e-runner" },
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

test.describe
  .serial("users and audit", () => {
    test("an admin adds a user, changes the role, disables, re-enables and resets the password", async ({
      browser,
    }) => {
      const admin = await pageAs(browser, "admin");
      await admin.goto("/users");
      const add = admin.getByRole("form", { name: "Add a user" });
      await add.getByLabel("Email").fill("temp@e2e.test");
      await add.getByLabel("Role").selectOption("viewer");
      await add.getByLabel("Initial password").fill("temp-initial-pass");
      await add.getByRole("button", { name: "Add user" }).click();
      await expect(admin.getByText("User temp@e2e.test added as viewer.")).toBeVisible();

      const row = admin.getByRole("listitem", { name: "User temp@e2e.test" });
      await row.getByLabel("Role of temp@e2e.test", { exact: true }).selectOption("operator");
      await row.getByRole("button", { name: "Save role" }).click();
      await expect(row.getByText("Role changed.")).toBeVisible();
      await row.getByRole("button", { name: "Disable" }).click();
      await expect(row.getByText(/User disabled/)).toBeVisible();

      // A disabled user cannot sign in.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto("/signin");
      await page.getByLabel("Email").fill("temp@e2e.test");
      await page.getByLabel("Password").fill("temp-initial-pass");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByText(/Wrong email or password, or the account is disabled/)).toBeVisible();

      await admin.reload();
      await admin.getByRole("listitem", { name: "User temp@e2e.test" }).getByRole("button", { name: "Enable" }).click();
      await expect(admin.getByText("User enabled.")).toBeVisible();
      const reset = admin.getByRole("form", { name: "Reset the password of temp@e2e.test" });
      await reset.getByLabel("New password").fill("temp-reset-pass-2");
      await reset.getByRole("button", { name: "Reset password" }).click();
      await expect(admin.getByText(/Password reset/)).toBeVisible();

      // The user signs in with the reset password and changes it themselves.
      await page.getByLabel("Password").fill("temp-reset-pass-2");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/:\d+\/$/);
      await page.goto("/account");
      await page.getByLabel("Current password").fill("temp-reset-pass-2");
      await page.getByLabel("New password", { exact: true }).fill("temp-own-pass-3");
      await page.getByLabel("New password again").fill("temp-own-pass-3");
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.getByText("Your password was changed.")).toBeVisible();
      await context.close();
    });

    test("every change through the dashboard or the CLI is in the audit log with its author", async ({ browser }) => {
      const operator = await pageAs(browser, "operator");
      await operator.goto("/customers/new");
      await operator.getByLabel("Nickname (uname)").fill("audited-by-ui");
      await operator.getByRole("button", { name: "Create customer" }).click();
      await expect(operator.getByText("Customer created.")).toBeVisible();
      await operator.getByRole("link", { name: "Edit", exact: true }).click();
      await operator.getByLabel("Real name").fill("审计测试");
      await operator.getByRole("button", { name: "Save changes" }).click();
      await expect(operator.getByText("Changes saved.")).toBeVisible();

      const created = cli("customers", "add", "--uname", "audited-by-cli", "--email", "cli@audit.test");
      const integration = cli(
        "integrations",
        "add",
        "sobot-crm",
        "--name",
        "Audit Sobot",
        "--company-id",
        "42",
        "--secret",
        "audit-secret-value-0001",
      );
      cli("integrations", "rotate", integration.id, "--secret", "audit-secret-value-0002", "--grace", "1h");

      const admin = await pageAs(browser, "admin");
      await admin.goto("/audit?actor=operator@e2e.test");
      await expect(admin.getByText("created customer audited-by-ui")).toBeVisible();
      await expect(admin.getByText(/changed realname of audited-by-ui/)).toBeVisible();
      await expect(admin.getByText("审计测试")).toBeVisible();

      await admin.goto("/audit?actor=cli:e2e-runner");
      await expect(admin.getByText("created customer audited-by-cli")).toBeVisible();
      await expect(admin.getByText(/created Sobot CRM docking integration "Audit Sobot"/)).toBeVisible();
      await expect(admin.getByText(/secret rotated: secretKey of "Audit Sobot"/)).toBeVisible();
      const html = await admin.content();
      expect(html).not.toContain("audit-secret-value-0001");
      expect(html).not.toContain("audit-secret-value-0002");

      await admin.goto("/audit?entity=user");
      await expect(admin.getByText(/changed the role of temp@e2e.test/)).toBeVisible();
      await expect(admin.getByText(/reset the password of temp@e2e.test/)).toBeVisible();

      // The customer's own timeline.
      await admin.goto(`/customers/${created.id}`);
      const timeline = admin.getByRole("list", { name: "Timeline" });
      await expect(timeline).toContainText("cli:e2e-runner created customer audited-by-cli");
    });

    test("a Chinese operator reads the audit log and a customer's timeline in Chinese", async ({ browser }) => {
      const created = cli("customers", "add", "--uname", "时间线客户");
      const admin = await pageAs(browser, "admin", { locale: "zh-CN" });
      await admin.goto("/audit?actor=operator@e2e.test");
      await expect(admin.getByText("创建了客户 audited-by-ui")).toBeVisible();
      await expect(admin.getByText("修改了 audited-by-ui 的真实姓名")).toBeVisible();

      await admin.goto("/audit?actor=cli:e2e-runner");
      await expect(admin.getByText("创建了对接“Audit Sobot”（智齿 CRM 对接），已设置 secretKey")).toBeVisible();
      await expect(admin.getByText("更换了对接“Audit Sobot”的 secretKey，旧值在 3600 秒内仍然有效")).toBeVisible();

      // The disabled user's sign-in, with its action named.
      await admin.goto("/audit?actor=temp@e2e.test");
      const failed = admin.getByRole("listitem").filter({ hasText: /登录失败：账号已停用/ });
      await expect(failed.getByText("登录失败", { exact: true })).toBeVisible();
      await admin.goto("/audit?entity=user");
      await expect(admin.getByText("修改了 temp@e2e.test 的角色")).toBeVisible();

      await admin.goto(`/customers/${created.id}`);
      await expect(admin.getByRole("list", { name: "时间线" })).toContainText("cli:e2e-runner 创建了客户 时间线客户");
    });

    test("a logged call is replayed, original and re-signed, linked and audited", async ({ browser, request }) => {
      const integration = cli(
        "integrations",
        "add",
        "sobot-crm",
        "--name",
        "Replay Sobot",
        "--company-id",
        "7",
        "--secret",
        "replay-secret-key-9",
      );
      const timestamp = String(Math.floor(Date.now() / 1000));
      const parameter = encrypt(JSON.stringify({ partnerId: "partnerId" }), "replay-secret-key-9");
      const response = await request.post(integration.endpoints.crm, {
        headers: {
          timestamp,
          sign: sign("7", timestamp, "replay-secret-key-9", parameter),
          "content-type": "application/json",
        },
        data: JSON.stringify({ parameter }),
      });
      expect(response.status()).toBe(200);
      const original = cli("calls", "list", "--limit", "1")[0];
      expect(original.outcome).toBe("ok");

      const operator = await pageAs(browser, "operator");
      await operator.goto(`/calls/${original.id}`);
      await operator.getByRole("button", { name: "Re-sign and send" }).click();
      await expect(operator.getByText(/Replayed: HTTP 200/)).toBeVisible();
      await operator.getByRole("link", { name: "Open the new call" }).click();
      await expect(operator.getByRole("link", { name: `call #${original.id}` })).toBeVisible();
      await expect(operator.getByRole("heading", { name: /Call #\d+/ })).toContainText("OK");

      await operator.goto(`/calls/${original.id}`);
      // The original bytes were answered once already: a lookup is answered again, as a duplicate.
      await operator.getByRole("button", { name: "Resend original" }).click();
      await expect(operator.getByText(/Replayed: HTTP 200/)).toBeVisible();
      await operator.getByRole("link", { name: "Open the new call" }).click();
      await expect(operator.getByRole("heading", { name: /Call #\d+/ })).toContainText("Duplicate");

      const admin = await pageAs(browser, "admin");
      await admin.goto("/audit?entity=call");
      await expect(
        admin.getByText(new RegExp(`replayed call #${original.id} \\(re-signed with the current key\\)`)),
      ).toBeVisible();
      await expect(admin.getByText(new RegExp(`replayed call #${original.id} \\(original bytes\\)`))).toBeVisible();
    });
  });
