// Sobot rule engine end to end: webhook pushes through the real route, and a rule trigger sent
// from a customer's page (and the CLI) to a fake Sobot server in its own process.
import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { startFakeSobot, type FakeSobot } from "../lib/testing/fake-sobot";
import { E2E_ENV } from "./env.mjs";
import { pageAs } from "./fixtures";

const SHARED = "e2e-webhook-shared-secret-42";
let webhook = "";
let fake: FakeSobot;

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ["bin/deskbridge.mjs", ...args, "--json"], {
    env: { ...process.env, ...E2E_ENV },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, json: () => JSON.parse(result.stdout) };
}

test.beforeAll(async () => {
  fake = await startFakeSobot({ FAKE_SOBOT_APPID: "e2e-app", FAKE_SOBOT_APP_KEY: "e2e-app-key-0123" });
});
test.afterAll(async () => fake?.stop());

const push = {
  id: "sobot-e2e-1",
  pid: "456",
  nick: "Webhook Lily",
  uname: "李丽",
  email: "lily@example.com; lily.work@example.com",
  tel: "13811112222;13833334444",
  remark: "pushed by Sobot",
  is_vip: "1",
  vip_level: "Gold",
  user_label: "webhook,e2e",
  ex_fields: { city: "杭州" },
};

test.describe
  .serial("Sobot rule engine", () => {
    test("a webhook push creates a customer; the same push again changes nothing but the log", async ({
      request,
      browser,
    }) => {
      const created = cli(
        "integrations",
        "add",
        "sobot-webhook",
        "--name",
        "Sobot webhook e2e",
        "--auth-mode",
        "header",
        "--shared-secret",
        SHARED,
      );
      expect(created.status, created.stderr).toBe(0);
      webhook = created.json().endpoints.webhook;
      expect(webhook).toMatch(/^\/api\/callbacks\/sobot\/webhook\/[A-Za-z0-9_-]{20,}$/);

      const refused = await request.post(webhook, { data: push });
      expect(refused.status()).toBe(401);

      const first = await request.post(webhook, { data: push, headers: { "x-deskbridge-token": SHARED } });
      expect(first.status()).toBe(200);
      expect(await first.json()).toEqual({ code: 0, status: 0 });
      const again = await request.put(webhook, { data: push, headers: { "x-deskbridge-token": SHARED } });
      expect(again.status()).toBe(200);
      expect(await again.json()).toEqual({ code: 0, status: 0 });

      const found = cli("customers", "list", "--search", "sobot-e2e-1").json();
      expect(found).toHaveLength(1);
      expect(found[0].emails).toEqual(["lily@example.com", "lily.work@example.com"]);
      expect(found[0].phones).toEqual(["13811112222", "13833334444"]);
      const calls = cli("calls", "list", "--vendor", "sobot-webhook", "--limit", "3").json();
      expect(calls.map((c: { status: number }) => c.status)).toEqual([200, 200, 401]);
      expect(calls[0].detail).toMatch(/duplicate/);
      expect(calls[1].detail).toMatch(/^created customer/);

      const page = await pageAs(browser, "viewer");
      await page.goto(`/customers/${found[0].id}`);
      await expect(page.getByRole("heading", { name: /Webhook Lily/ })).toBeVisible();
      for (const text of ["lily@example.com", "lily.work@example.com", "13811112222", "13833334444", "sobot-e2e-1"]) {
        await expect(page.getByText(text, { exact: true })).toBeVisible();
      }
    });

    test("a malformed push gets a clear 400 and a log entry", async ({ request }) => {
      const response = await request.post(webhook, {
        data: "{not json",
        headers: { "x-deskbridge-token": SHARED, "content-type": "application/json" },
      });
      expect(response.status()).toBe(400);
      expect(await response.json()).toMatchObject({ error: "malformed" });
      const noId = await request.post(webhook, { data: { nick: "x" }, headers: { "x-deskbridge-token": SHARED } });
      expect(noId.status()).toBe(400);
      expect((await noId.json()).message).toContain("id");
    });

    test("an operator sends a rule trigger from the customer's page and sees Sobot's answer", async ({ browser }) => {
      const api = cli(
        "integrations",
        "add",
        "sobot-api",
        "--name",
        "Sobot API e2e",
        "--appid",
        "e2e-app",
        "--app-key",
        "e2e-app-key-0123",
        "--base-url",
        fake.url,
      );
      expect(api.status, api.stderr).toBe(0);
      expect(
        cli(
          "sobot",
          "add-trigger",
          "Sobot API e2e",
          "--name",
          "vip-welcome",
          "--trigger-id",
          "1760950090021666816",
          "--secret",
          "e2e-trigger-secret-77",
        ).status,
      ).toBe(0);

      const customer = cli("customers", "list", "--search", "sobot-e2e-1").json()[0];
      const page = await pageAs(browser, "operator");
      await page.goto(`/customers/${customer.id}`);
      const form = page.getByRole("form", { name: "Send a Sobot rule trigger" });
      await expect(form.getByLabel("Trigger")).toContainText("Sobot API e2e · vip-welcome");
      const body = JSON.parse(await form.getByLabel("Body (JSON)").inputValue());
      expect(body).toEqual({ Contact_id: "sobot-e2e-1", nick: "Webhook Lily" });
      await form.getByLabel("Body (JSON)").fill(JSON.stringify({ ...body, nick: "Lily (edited)" }));
      await form.getByRole("button", { name: "Send trigger" }).click();
      await expect(form.getByText("Sobot accepted the trigger (ret_code 000000).")).toBeVisible();
      const received = (await fake.stats()).triggers.at(-1)!;
      expect(JSON.parse(received.body)).toEqual({ Contact_id: "sobot-e2e-1", nick: "Lily (edited)" });

      await fake.control({ failNext: [{ status: 400, body: { ret_code: "910025" } }] });
      await form.getByRole("button", { name: "Send trigger" }).click();
      await expect(form.getByText(/The rule-engine canvas is not activated \(ret_code 910025\)/)).toBeVisible();
    });

    test("the CLI sends the same trigger and reports Sobot's answer", async () => {
      const ok = cli(
        "sobot",
        "trigger",
        "Sobot API e2e",
        "vip-welcome",
        "--body",
        '{"Contact_id":"c-cli","nick":"cli"}',
      );
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.json()).toMatchObject({ ok: true, code: "000000" });
      await fake.control({ failNext: [{ status: 400, body: { ret_code: "910026" } }] });
      const refused = cli("sobot", "trigger", "Sobot API e2e", "vip-welcome", "--body", '{"Contact_id":"nobody"}');
      expect(refused.status).toBe(1);
      expect(refused.json()).toMatchObject({ ok: false, code: "910026", message: "No matching customer" });
    });

    test("a viewer does not get the trigger form", async ({ browser }) => {
      const customer = cli("customers", "list", "--search", "sobot-e2e-1").json()[0];
      const page = await pageAs(browser, "viewer");
      await page.goto(`/customers/${customer.id}`);
      await expect(page.getByRole("form", { name: "Send a Sobot rule trigger" })).toHaveCount(0);
    });
  });
