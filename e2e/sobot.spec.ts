// Sobot CRM docking end to end: an admin creates the integration in the browser, a test client
// signs and encrypts real docking requests, and the Calls page shows what happened.
import { spawnSync } from "node:child_process";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { decrypt, encrypt, sign } from "../lib/vendors/sobot/codec";
import { E2E_ENV } from "./env.mjs";
import { pageAs } from "./fixtures";

const SOBOT_SECRET = "e2e-S0bot-secret-Key-7f3a";
const COMPANY_ID = "e2e-company";
let endpoint = "";

/** A docking request as Sobot sends it. */
async function dock(
  request: APIRequestContext,
  query: object | string,
  opts: { secret?: string; sign?: string; parameter?: string; timestamp?: string } = {},
) {
  const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
  const parameter =
    opts.parameter ?? encrypt(typeof query === "string" ? query : JSON.stringify(query), opts.secret ?? SOBOT_SECRET);
  return request.post(endpoint, {
    headers: {
      "content-type": "application/json",
      timestamp,
      sign: opts.sign ?? sign(COMPANY_ID, timestamp, opts.secret ?? SOBOT_SECRET, parameter),
    },
    data: JSON.stringify({ parameter }),
  });
}

function lastCall(): { outcome: string; status: number; keyUsed: string | null; id: number } {
  const result = spawnSync(process.execPath, ["bin/deskbridge.mjs", "calls", "list", "--limit", "1", "--json"], {
    env: { ...process.env, ...E2E_ENV },
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout)[0];
}

test.describe
  .serial("Sobot CRM docking", () => {
    test("an admin creates a Sobot integration in the browser and sees its callback URL", async ({ browser }) => {
      const page = await pageAs(browser, "admin");
      await page.goto("/integrations");
      await page.getByRole("link", { name: "New Sobot CRM docking" }).click();
      await page.getByLabel("Name").fill("Sobot e2e");
      await page.getByLabel("Company id").fill(COMPANY_ID);
      await page.getByRole("button", { name: "Create integration" }).click();
      await expect(page.getByText("The integration has invalid fields.")).toBeVisible();
      await expect(page.getByLabel("Secret key")).toHaveAttribute("aria-invalid", "true");
      await page.getByLabel("Secret key").fill(SOBOT_SECRET);
      await page.getByRole("button", { name: "Create integration" }).click();
      await expect(page.getByText("Integration created.")).toBeVisible();
      await expect(page.getByTestId("hint-secretKey")).toHaveText("••••7f3a");
      const url = await page.getByTestId("endpoint-crm").textContent();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/callbacks\/sobot\/crm\/[A-Za-z0-9_-]{20,}$/);
      endpoint = new URL(url!).pathname;
      expect(await page.content()).not.toContain(SOBOT_SECRET);
    });

    test("a signed, encrypted docking request for a seeded customer gets that customer back", async ({
      request,
      browser,
    }) => {
      // The seeded customer carries Sobot's ids from the doc's example; naming them in this company's
      // dictionary renames them on the customer, and the answer sends the ids back.
      const named = spawnSync(
        process.execPath,
        [
          "bin/deskbridge.mjs",
          "sobot",
          "dictionary",
          "--company-id",
          COMPANY_ID,
          "--label",
          "Regular=0fd208364e3a4c67954027680002a89e",
          "--field",
          "points=4a069df0fd4d49298041240bf15e47c8",
          "--json",
        ],
        { env: { ...process.env, ...E2E_ENV }, encoding: "utf8" },
      );
      expect(named.status, named.stderr).toBe(0);
      const response = await dock(request, {
        email: "55612609866@163.com",
        partnerId: "partnerId",
        tel: "55612609866",
      });
      expect(response.status()).toBe(200);
      const { data } = await response.json();
      const profile = JSON.parse(decrypt(data, SOBOT_SECRET));
      expect(profile).toEqual({
        customer_fields: '{"4a069df0fd4d49298041240bf15e47c8":"123"}',
        email: "55612609866@163.com",
        is_vip: "1",
        realname: "su0012",
        remark: "Regular customer, interested in premium services.",
        tel: "55612609866",
        uname: "su0012",
        user_label: "0fd208364e3a4c67954027680002a89e",
        vip_level: "",
      });

      // The call is in the log with its decrypted request and response.
      const page = await pageAs(browser, "viewer");
      await page.goto("/calls");
      const row = page.locator("tbody tr").first();
      await expect(row).toContainText("sobot-crm/crm");
      await expect(row).toContainText("OK");
      await expect(row.getByRole("link", { name: "su0012" })).toBeVisible();
      await row.getByRole("link").first().click();
      await expect(page.getByRole("heading", { name: /Call #\d+/ })).toBeVisible();
      await expect(page.getByText('"partnerId": "partnerId"')).toBeVisible();
      await expect(page.getByText('"realname": "su0012"')).toBeVisible();
      await expect(page.getByText("Copy as curl")).toBeVisible();
      await page.screenshot({ path: "test-results/sobot-call-detail.png", fullPage: true });
    });

    test("a customer nobody knows gets an empty answer, logged as not_found", async ({ request }) => {
      const response = await dock(request, { tel: "19900000000" });
      expect(response.status()).toBe(200);
      expect(await response.json()).toEqual({ data: "" });
      expect(lastCall()).toMatchObject({ outcome: "not_found", status: 200 });
    });

    test("bad requests each get their documented answer and their own outcome, never a 500", async ({ request }) => {
      const good = encrypt(JSON.stringify({ tel: "55612609866" }), SOBOT_SECRET);
      const tampered = (good[0] === "A" ? "B" : "A") + good.slice(1);
      const cases: {
        name: string;
        send: () => Promise<{ status(): number; json(): Promise<unknown> }>;
        status: number;
        outcome: string;
      }[] = [
        {
          name: "wrong sign",
          send: () => dock(request, { tel: "55612609866" }, { sign: "0".repeat(32) }),
          status: 401,
          outcome: "bad_signature",
        },
        {
          name: "tampered parameter",
          send: () => dock(request, "", { parameter: tampered }),
          status: 400,
          outcome: "decrypt_failed",
        },
        {
          name: "non-hex parameter",
          send: () => dock(request, "", { parameter: "ZZ".repeat(40) }),
          status: 400,
          outcome: "decrypt_failed",
        },
        {
          name: "empty body",
          send: () => request.post(endpoint, { headers: { timestamp: "1", sign: "x" }, data: "" }),
          status: 400,
          outcome: "malformed",
        },
        {
          name: "2 MiB body",
          send: () =>
            request.post(endpoint, {
              headers: { "content-type": "application/json" },
              data: JSON.stringify({ parameter: "A".repeat(2 * 1024 * 1024) }),
            }),
          status: 413,
          outcome: "too_large",
        },
        {
          name: "unknown integration",
          send: () => request.post("/api/callbacks/sobot/crm/no-such-integration-123", { data: "{}" }),
          status: 404,
          outcome: "unknown_integration",
        },
        {
          name: "stale timestamp",
          send: () =>
            dock(request, { tel: "55612609866" }, { timestamp: String(Math.floor(Date.now() / 1000) - 3600) }),
          status: 401,
          outcome: "stale_timestamp",
        },
        { name: "wrong method", send: () => request.get(endpoint), status: 405, outcome: "malformed" },
      ];
      for (const c of cases) {
        const response = await c.send();
        expect(response.status(), c.name).toBe(c.status);
        expect(await response.json(), c.name).toMatchObject({ error: c.outcome });
        expect(lastCall(), c.name).toMatchObject({ outcome: c.outcome, status: c.status });
      }
    });

    test("after a rotation the old key still works during the grace period, and the page warns", async ({
      browser,
      request,
    }) => {
      const admin = await pageAs(browser, "admin");
      await admin.goto("/integrations");
      await admin.getByRole("link", { name: "Sobot e2e" }).click();
      const rotate = admin.getByRole("form", { name: "Rotate Secret key" });
      await rotate.getByLabel("New secret key").fill("e2e-rotated-Key-9b1c");
      await rotate.getByLabel("Keep the old one valid for").selectOption("24h");
      await rotate.getByRole("button", { name: "Set new secret key" }).click();
      await expect(admin.getByText("New secretKey saved; the previous one stays valid for 24h.")).toBeVisible();
      await expect(admin.getByTestId("hint-secretKey")).toHaveText("••••9b1c");

      const old = await dock(request, { partnerId: "partnerId" });
      expect(old.status()).toBe(200);
      expect(JSON.parse(decrypt((await old.json()).data, SOBOT_SECRET)).uname).toBe("su0012");
      expect(lastCall()).toMatchObject({ outcome: "ok", keyUsed: "previous" });

      const fresh = await dock(request, { partnerId: "partnerId" }, { secret: "e2e-rotated-Key-9b1c" });
      expect(fresh.status()).toBe(200);

      await admin.reload();
      await expect(admin.getByText(/Calls still arrive signed with the previous secretKey/)).toBeVisible();

      // Rotating again now would stop the key the vendor still signs with: refused unless ticked.
      await rotate.getByLabel("New secret key").fill("e2e-rotated-Key-9b1c");
      await rotate.getByRole("button", { name: "Set new secret key" }).click();
      await expect(admin.getByText(/^The previous secretKey \(••••\S+\) still signs calls/)).toBeVisible();
      expect((await dock(request, { partnerId: "partnerId" })).status()).toBe(200);
      await rotate.getByLabel("New secret key").fill("e2e-rotated-Key-9b1c");
      await rotate.getByLabel("Stop the previous value now, although calls still use it").check();
      await rotate.getByRole("button", { name: "Set new secret key" }).click();
      await expect(admin.getByText("New secretKey saved; the previous one stays valid for 24h.")).toBeVisible();
      expect((await dock(request, { partnerId: "partnerId" })).status()).toBe(401);
      await admin.goto("/calls?outcome=ok");
      await expect(admin.getByText("old key").first()).toBeVisible();
    });

    test("a disabled integration answers 404 and the call is still logged", async ({ browser, request }) => {
      const admin = await pageAs(browser, "admin");
      await admin.goto("/integrations");
      await admin.getByRole("link", { name: "Sobot e2e" }).click();
      await admin.getByRole("button", { name: "Disable integration" }).click();
      await expect(admin.getByText(/Integration disabled/)).toBeVisible();
      const response = await dock(request, { tel: "55612609866" }, { secret: "e2e-rotated-Key-9b1c" });
      expect(response.status()).toBe(404);
      expect(lastCall()).toMatchObject({ outcome: "disabled", status: 404 });
      await admin.reload();
      await admin.getByRole("button", { name: "Enable integration" }).click();
      await expect(admin.getByText("Integration enabled.")).toBeVisible();
    });

    test("the Calls page filters by outcome and free text, with the filters in the URL", async ({ browser }) => {
      const page = await pageAs(browser, "viewer");
      await page.goto("/calls");
      await page.getByLabel("Vendor").selectOption("sobot-crm");
      // This spec's integration: other specs' Sobot integrations log failed calls too.
      await page.getByLabel("Integration").selectOption({ label: "Sobot e2e" });
      await page.getByLabel("Outcome").selectOption("decrypt_failed");
      await page.getByRole("button", { name: "Filter" }).click();
      await expect(page).toHaveURL(/outcome=decrypt_failed/);
      await expect(page).toHaveURL(/vendor=sobot-crm/);
      const rows = page.locator("tbody tr");
      await expect(rows).toHaveCount(2);
      for (const row of await rows.all()) await expect(row).toContainText("Decrypt failed");
      await page.goto("/calls?q=19900000000");
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText("Not found");
    });
  });
