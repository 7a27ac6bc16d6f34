// After the other tests: no configured secret appears in the log tables, in any page served,
// or in the server's output. (Files run in name order; this one comes last.)
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, TMP_DIR } from "./env.mjs";
import { pageAs } from "./fixtures";

const SECRETS = ["e2e-S0bot-secret-Key-7f3a", "e2e-rotated-Key-9b1c", "12345678-e2e-hyphenate", "e2e-webhook-shared-secret-42", "e2e-app-key-0123", "e2e-trigger-secret-77", "e2e-udesk-key-5d1f0a", "audit-secret-value-0001", "audit-secret-value-0002", "replay-secret-key-9", "lab-S0bot-secret-Key-c4e1", "lab-webhook-shared-secret-93", "lab-udesk-key-8e2b71", "12345678-lab-hyphenate", "e2e-metrics-token-0c7d5a91", "scale-S0bot-secret-Key-2b8d", "scale-udesk-key-41c9e7", "scale-webhook-shared-secret-5e", "scale-app-key-8841", "scale-trigger-secret-a3"];
const PASSWORDS = Object.values(ACCOUNTS).map((a) => a.password);

test("no secret in the call log, the pages, or the server output", async ({ browser }) => {
  const db = new Database(path.join(TMP_DIR, "e2e.db"), { readonly: true });
  const calls = JSON.stringify(db.prepare('SELECT * FROM "Call"').all());
  const settings = JSON.stringify(db.prepare('SELECT * FROM "IntegrationSecret"').all());
  db.close();
  expect(calls.length).toBeGreaterThan(1000); // the other tests did log calls
  for (const secret of [...SECRETS, ...PASSWORDS]) {
    expect(calls, "call log").not.toContain(secret);
    expect(settings, "sealed secrets").not.toContain(secret);
  }

  const page = await pageAs(browser, "admin");
  const visited = new Set<string>();
  const queue = ["/customers", "/integrations", "/calls", "/settings", "/users"];
  while (queue.length && visited.size < 40) {
    const url = queue.shift()!;
    if (visited.has(url)) continue;
    visited.add(url);
    const response = await page.goto(url);
    const html = (await response?.text()) ?? "";
    for (const secret of SECRETS) expect(html, url).not.toContain(secret);
    for (const href of await page.locator("a[href^='/integrations/'], a[href^='/calls/']").evaluateAll((as) => as.map((a) => a.getAttribute("href")!))) {
      if (!visited.has(href)) queue.push(href);
    }
  }
  expect([...visited].some((u) => /^\/integrations\/[^/]+$/.test(u))).toBe(true);
  expect([...visited].some((u) => /^\/calls\/\d+$/.test(u))).toBe(true);

  const log = fs.readFileSync(path.join(TMP_DIR, "server.log"), "utf8");
  expect(log.length).toBeGreaterThan(0);
  for (const secret of SECRETS) expect(log, "server output").not.toContain(secret);
  // The scale-out test's two instances, when it ran.
  for (const file of fs.readdirSync(TMP_DIR).filter((f) => /^scaleout-.*\.log$/.test(f))) {
    const output = fs.readFileSync(path.join(TMP_DIR, file), "utf8");
    for (const secret of [...SECRETS, ...PASSWORDS]) expect(output, file).not.toContain(secret);
  }
});
