// The Hyphenate CRM panel: decrypted parameters, framing only by allowed origins, both
// languages in a 360-px frame, and classic injection payloads rendered as text.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { desEncrypt } from "../lib/vendors/hyphenate/codec";
import { cli, pageAs } from "./fixtures";

const KEY = "12345678-e2e-hyphenate";
let panel = ""; // /hyphenate/<segment>
let parentServer: http.Server;
let allowedOrigin = "";
let otherOrigin = "";

function lastCall() {
  return cli("calls", "list", "--limit", "1")[0];
}

/** Pages on two other origins that frame the panel, like the agent console does. */
test.beforeAll(async () => {
  parentServer = http.createServer((req, res) => {
    const src = new URL(req.url!, "http://x").searchParams.get("src") ?? "";
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(
      "<!doctype html><title>console</title><h1>Agent console</h1>" +
        `<iframe title="crm" width="360" height="640" src="${src.replace(/"/g, "&quot;")}"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => parentServer.listen(0, "127.0.0.1", resolve));
  const port = (parentServer.address() as AddressInfo).port;
  allowedOrigin = `http://127.0.0.1:${port}`;
  otherOrigin = `http://localhost:${port}`; // same server, another origin
});
test.afterAll(() => new Promise<void>((resolve) => parentServer.close(() => resolve())));

const url = (params: Record<string, string>) => `${panel}?${new URLSearchParams(params)}`;

test.describe
  .serial("Hyphenate CRM panel", () => {
    test("an admin creates the integration with a key and an allowed origin", async ({ browser }) => {
      const page = await pageAs(browser, "admin");
      await page.goto("/integrations/new?vendor=hyphenate");
      await page.getByLabel("Name").fill("Easemob e2e");
      await page.getByLabel("Encryption key").fill("short");
      await page.getByLabel("Origins allowed to frame the panel").fill(allowedOrigin);
      await page.getByRole("button", { name: "Create integration" }).click();
      await expect(page.getByText("At least 9 characters")).toBeVisible();
      await page.getByLabel("Encryption key").fill(KEY);
      await page.getByRole("button", { name: "Create integration" }).click();
      await expect(page.getByText("Integration created.")).toBeVisible();
      panel = new URL((await page.getByTestId("endpoint-iframe").textContent())!).pathname;
      expect(panel).toMatch(/^\/hyphenate\/[A-Za-z0-9_-]{20,}$/);
    });

    test("the documented DES parameters decrypt and the panel shows the right customer", async ({ page }) => {
      const response = await page.goto(
        url({
          visitorImId: "visitor-001",
          easemobId: "e2e",
          lang: "en",
          name: desEncrypt("Jack", KEY),
          age: desEncrypt("40", KEY),
          sex: desEncrypt("man", KEY),
        }),
      );
      expect(desEncrypt("Jack", KEY)).toBe("877523f86f18f55e");
      expect(response?.status()).toBe(200);
      const customer = cli("customers", "list", "--search", "visitor-001")[0];
      await expect(page.getByRole("heading", { level: 1 })).toContainText(customer.realname);
      await expect(page.getByText(customer.phones[0])).toBeVisible();
      const call = lastCall();
      expect(call).toMatchObject({ vendor: "hyphenate", outcome: "ok", customerId: customer.id });
    });

    test("an allowed origin frames the panel; another origin is refused", async ({ page }) => {
      const panelPath = url({ visitorImId: "visitor-001", lang: "en" });
      const src = `http://127.0.0.1:${process.env.E2E_PORT ?? "3210"}${panelPath}`;
      await page.goto(`${allowedOrigin}/?src=${encodeURIComponent(src)}`);
      const frame = page.frameLocator("iframe[title=crm]");
      await expect(frame.getByRole("heading", { name: "Latest orders" })).toBeVisible();
      await page.screenshot({ path: "test-results/hyphenate-framed-allowed.png" });

      const refused: string[] = [];
      page.on("console", (m) => refused.push(m.text()));
      await page.goto(`${otherOrigin}/?src=${encodeURIComponent(src)}`);
      await expect(page.getByRole("heading", { name: "Agent console" })).toBeVisible();
      await expect
        .poll(() => refused.some((t) => /frame-ancestors|Refused to frame/i.test(t)), { timeout: 10_000 })
        .toBe(true);
      await expect(frame.getByRole("heading", { name: "Latest orders" })).toHaveCount(0);
      await page.screenshot({ path: "test-results/hyphenate-framed-refused.png" });
    });

    for (const [lang, expected, foreign] of [
      ["zh", ["最近订单", "电话", "邮箱", "备注"], ["Latest orders", "Phones", "Remark"]],
      ["en", ["Latest orders", "Phones", "Emails", "Remark"], ["最近订单", "电话", "备注"]],
    ] as const) {
      test(`lang=${lang} renders a fully translated panel in a 360-px frame without horizontal scroll`, async ({
        page,
      }) => {
        await page.setViewportSize({ width: 360, height: 640 });
        await page.goto(url({ visitorImId: "visitor-003", lang }));
        for (const word of expected) await expect(page.getByText(word, { exact: true }).first()).toBeVisible();
        // biome-ignore lint/performance/useDomNodeTextContent: the words shown, not the inline scripts' text
        const text = await page.locator("body").innerText();
        for (const word of foreign) expect(text).not.toContain(word);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `test-results/hyphenate-panel-${lang}.png`, fullPage: true });
      });
    }

    test("the default language is Chinese, and not-found lists the identifiers received", async ({ page }) => {
      await page.goto(url({ visitorImId: "nobody-here", easemobId: "kf-1" }));
      await expect(page.getByRole("heading", { name: "未找到该客户" })).toBeVisible();
      await expect(page.getByText("nobody-here")).toBeVisible();
      await expect(page.getByText("kf-1")).toBeVisible();
      expect(lastCall()).toMatchObject({ outcome: "not_found", status: 200 });
    });

    test("a custom parameter sent in clear is kept as sent and flagged, and the customer still shows", async ({
      page,
    }) => {
      const response = await page.goto(url({ visitorImId: "visitor-001", lang: "en", customUserId: "not-hex-at-all" }));
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { name: "Latest orders" })).toBeVisible();
      const call = lastCall();
      expect(call).toMatchObject({ outcome: "ok", status: 200 });
      expect(call.detail).toContain('kept as sent (did not decrypt): "customUserId"');
    });

    test("with system parameters encrypted: an encrypted visitorImId beside clear extras renders the customer", async ({
      page,
    }) => {
      const added = cli(
        "integrations",
        "add",
        "hyphenate",
        "--name",
        "Easemob e2e, system parameters encrypted",
        "--key",
        KEY,
        "--encrypt-system-params",
        "--frame-ancestor",
        allowedOrigin,
      );
      const encrypted = new URL(added.endpoints.iframe, "http://x").pathname;
      const response = await page.goto(
        `${encrypted}?${new URLSearchParams({
          visitorImId: desEncrypt("visitor-001", KEY),
          easemobId: desEncrypt("e2e", KEY),
          agentId: "agent-7",
          tenantId: "12345",
          lang: "en",
        })}`,
      );
      expect(response?.status()).toBe(200);
      const customer = cli("customers", "list", "--search", "visitor-001")[0];
      await expect(page.getByRole("heading", { level: 1 })).toContainText(customer.realname);
      const call = lastCall();
      expect(call).toMatchObject({ outcome: "ok", customerId: customer.id });
      expect(call.detail).toContain('"agentId"');

      // The parameter that finds the customer must decrypt: sent in clear, the agent sees a message only.
      const refused = await page.goto(
        `${encrypted}?${new URLSearchParams({ visitorImId: "visitor-001", lang: "en" })}`,
      );
      expect(refused?.status()).toBe(400);
      await expect(page.getByRole("alert")).toContainText("does not decrypt");
      expect(await page.content()).not.toContain("Latest orders");
      expect(lastCall()).toMatchObject({ outcome: "decrypt_failed", status: 400 });
    });

    test("the integration page warns while no origin may frame the panel, and allows the console in one click", async ({
      browser,
    }) => {
      const added = cli("integrations", "add", "hyphenate", "--name", "Easemob e2e, not framed yet");
      const page = await pageAs(browser, "admin");
      await page.goto(`/integrations/${added.id}`);
      const warning = page.getByTestId("frame-ancestor-warning");
      await expect(warning).toContainText("blank tab");
      await warning.getByRole("button", { name: /Allow https:\/\/kefu\.easemob\.com/ }).click();
      // The page is drawn again without the warning.
      await expect(page.getByTestId("frame-ancestor-warning")).toHaveCount(0);
      await page.reload();
      await expect(page.getByTestId("frame-ancestor-warning")).toHaveCount(0);
      await expect(page.getByLabel("Origins allowed to frame the panel")).toHaveValue("https://kefu.easemob.com");
    });

    test("injection payloads in the URL and in the data render as text", async ({ page }) => {
      cli(
        "customers",
        "add",
        "--uname",
        "<img src=x onerror=alert(1)>",
        "--realname",
        "<script>alert('db')</script>",
        "--remark",
        "' OR '1'='1",
        "--external-id",
        "hyphenate-visitor=xss-visitor",
      );
      const dialogs: string[] = [];
      page.on("dialog", async (d) => {
        dialogs.push(d.message());
        await d.dismiss();
      });

      await page.goto(url({ visitorImId: "' OR '1'='1", lang: "en", agentName: "<script>alert('url')</script>" }));
      await expect(page.getByRole("heading", { name: "Customer not found" })).toBeVisible();
      await expect(page.getByText("' OR '1'='1")).toBeVisible();
      await expect(page.getByText("<script>alert('url')</script>")).toBeVisible();
      expect(lastCall()).toMatchObject({ outcome: "not_found" });

      await page.goto(url({ visitorImId: "xss-visitor", lang: "en" }));
      await expect(page.getByRole("heading", { level: 1 })).toContainText("<script>alert('db')</script>");
      await expect(page.getByText("' OR '1'='1")).toBeVisible();
      expect(await page.locator("script, img").count()).toBe(0);
      expect(dialogs).toEqual([]);
    });

    test("a wrong URL segment gets nothing", async ({ page }) => {
      const response = await page.goto(`/hyphenate/guessed-segment?visitorImId=visitor-001`);
      expect(response?.status()).toBe(404);
      expect(await page.content()).not.toContain("visitor-001");
    });
  });
