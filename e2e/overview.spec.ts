// The home overview and the Calls list it links to: real signed Udesk calls of several outcomes
// (answered, bad signature, malformed) to two integrations; the failing one is listed first with
// its volume and error rate, and its "Failures, 24 h" link opens the Calls list showing only its
// failures, with their latency; the quick ranges narrow the list to the last hour.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { knowledgeSign } from "../lib/vendors/udesk/codec";
import { TMP_DIR } from "./env.mjs";
import { cli, pageAs } from "./fixtures";

const KEY = "e2e-overview-key-7a2c91";
let datum = 1000;

function knowledge(request: APIRequestContext, url: string, sign?: string) {
  const timestamp = Math.floor(Date.now() / 1000);
  return request.post(url, {
    data: { timestamp, sign: sign ?? knowledgeSign(KEY, timestamp), datumId: ++datum, sessionId: 9 },
  });
}

test.describe
  .serial("the overview", () => {
    let calm: { id: string; endpoints: { knowledge: string } };
    let failing: { id: string; endpoints: { knowledge: string } };

    test.beforeAll(async ({ request }) => {
      calm = cli("integrations", "add", "udesk", "--name", "Overview calm", "--integration-name", "一", "--key", KEY);
      failing = cli(
        "integrations",
        "add",
        "udesk",
        "--name",
        "Overview failing",
        "--integration-name",
        "二",
        "--key",
        KEY,
      );
      for (let i = 0; i < 3; i++) expect((await knowledge(request, calm.endpoints.knowledge)).status()).toBe(200);
      for (let i = 0; i < 2; i++) expect((await knowledge(request, failing.endpoints.knowledge)).status()).toBe(200);
      for (let i = 0; i < 2; i++)
        expect((await knowledge(request, failing.endpoints.knowledge, "0".repeat(32))).ok()).toBe(false);
      const malformed = await request.post(failing.endpoints.knowledge, {
        headers: { "content-type": "application/json" },
        data: "{not json",
      });
      expect(malformed.ok()).toBe(false);
    });

    test("shows each integration's volume and error rate, failing ones first", async ({ browser }) => {
      const page = await pageAs(browser, "viewer");
      await page.goto("/");
      await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
      const cards = page.getByRole("article");
      const names = await cards.evaluateAll((all) => all.map((a) => a.getAttribute("aria-label")));
      expect(names.indexOf("Integration Overview failing")).toBeGreaterThanOrEqual(0);
      expect(names.indexOf("Integration Overview failing")).toBeLessThan(names.indexOf("Integration Overview calm"));

      const bad = page.getByRole("article", { name: "Integration Overview failing" });
      await expect(bad.getByText("failing", { exact: true })).toBeVisible();
      await expect(bad.getByRole("row", { name: /^Calls/ }).getByRole("cell")).toHaveText(["5", "5"]);
      await expect(bad.getByRole("row", { name: /^Failed/ }).getByRole("cell")).toHaveText(["60%", "60%"]);
      await expect(
        bad
          .getByRole("row", { name: /^p95 latency/ })
          .getByRole("cell")
          .first(),
      ).toHaveText(/^[≤>] \d/);
      await expect(bad.getByText(/Last call: \d{4}-\d\d-\d\d/)).toContainText("Malformed");
      await expect(bad.getByRole("img", { name: /5 calls, 3 failed/ })).toBeVisible();

      const good = page.getByRole("article", { name: "Integration Overview calm" });
      await expect(good.getByText("healthy", { exact: true })).toBeVisible();
      await expect(good.getByRole("row", { name: /^Calls/ }).getByRole("cell")).toHaveText(["3", "3"]);
      await expect(good.getByRole("row", { name: /^Failed/ }).getByRole("cell")).toHaveText(["0%", "0%"]);
      await expect(good.getByRole("link", { name: "Failures, 24 h" })).toHaveCount(0);
      await page.screenshot({ path: "test-results/overview.png", fullPage: true });
    });

    test("links a failing integration to its failures in the Calls list, with latency", async ({ browser }) => {
      const page = await pageAs(browser, "viewer");
      await page.goto("/");
      await page
        .getByRole("article", { name: "Integration Overview failing" })
        .getByRole("link", { name: "Failures, 24 h" })
        .click();
      await expect(page).toHaveURL(/\/calls\?integration=.+&outcome=failures&range=24h$/);
      await expect(page.getByLabel("Outcome")).toHaveValue("failures");
      const rows = page.getByRole("table").getByRole("row");
      await expect(rows).toHaveCount(4); // the header and three failures
      await expect(page.getByRole("table").getByText("Bad signature")).toHaveCount(2);
      await expect(page.getByRole("table").getByText("Malformed")).toHaveCount(1);
      await expect(page.getByRole("table").getByText("OK", { exact: true })).toHaveCount(0);
      await expect(page.getByRole("columnheader", { name: "Latency" })).toBeVisible();
      await expect(rows.nth(1).getByRole("cell").nth(6)).toHaveText(/^\d+ ms$/);
    });

    test("quick ranges narrow the list to the last hour, day or week", async ({ browser }) => {
      // A failure from three hours ago, written as the log keeps it.
      const db = new Database(path.join(TMP_DIR, "e2e.db"));
      db.prepare(
        `INSERT INTO "Call" ("vendor", "kind", "integrationId", "method", "path", "outcome", "status", "durationMs",
          "createdAt") VALUES ('udesk-knowledge', 'knowledge', ?, 'POST', '/old', 'internal_error', 500, 1234, ?)`,
      ).run(failing.id, new Date(Date.now() - 3 * 3_600_000).toISOString());
      db.close();
      const page = await pageAs(browser, "viewer");
      await page.goto(`/calls?integration=${failing.id}&outcome=failures`);
      const rows = page.getByRole("table").getByRole("row");
      await expect(rows).toHaveCount(5);
      await page.getByRole("link", { name: "1 h", exact: true }).click();
      await expect(page).toHaveURL(/range=1h/);
      await expect(page.getByRole("link", { name: "1 h", exact: true })).toHaveAttribute("aria-pressed", "true");
      await expect(rows).toHaveCount(4);
      await page.getByRole("link", { name: "24 h", exact: true }).click();
      await expect(page).toHaveURL(/range=24h/);
      await expect(rows).toHaveCount(5);
      await expect(page.getByRole("table").getByText("1,234 ms")).toBeVisible();
      // The filter form keeps the range when another filter is applied.
      await page.getByLabel("Outcome").selectOption("internal_error");
      await page.getByRole("button", { name: "Filter" }).click();
      await expect(page).toHaveURL(/range=24h/);
      await expect(rows).toHaveCount(2);
    });
  });
