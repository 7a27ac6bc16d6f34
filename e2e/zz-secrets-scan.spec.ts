// After the other tests: no configured secret appears in the log tables, in any page served,
// or in the server's output. (Files run in name order; this one comes last.)
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, TMP_DIR } from "./env.mjs";
import { pageAs } from "./fixtures";

const SECRETS = [
  "e2e-S0bot-secret-Key-7f3a",
  "e2e-rotated-Key-9b1c",
  "12345678-e2e-hyphenate",
  "e2e-webhook-shared-secret-42",
  "e2e-app-key-0123",
  "e2e-trigger-secret-77",
  "e2e-udesk-key-5d1f0a",
  "audit-secret-value-0001",
  "audit-secret-value-0002",
  "replay-secret-key-9",
  "lab-S0bot-secret-Key-c4e1",
  "lab-webhook-shared-secret-93",
  "lab-udesk-key-8e2b71",
  "12345678-lab-hyphenate",
  // metrics.spec.ts, scale-out.spec.ts
  "e2e-metrics-token-0c7d5a91",
  "scale-S0bot-secret-Key-2b8d",
  "scale-udesk-key-41c9e7",
  "scale-webhook-shared-secret-5e",
  "scale-app-key-8841",
  "scale-trigger-secret-a3",
  // bad-input.spec.ts
  "bi-S0bot-secret-Key-e81d",
  "bi-webhook-header-secret-5c2e",
  "bi-webhook-basic-secret-0a7d",
  "bi-udesk-key-3f9c27",
  "bi-hyph3-key-7e41",
  "bi-hyph4-key-sys-29",
  // actions.spec.ts: typed into refused forms
  "Zq-create-user-secret-81",
  "Zq-reset-secret-82",
  "Zq-current-secret-83",
  "Zq-new-secret-84",
  "Zq-codes-secret-86",
  "Zq-off-secret-87",
  "Zq-code-secret-88",
  "Zq-integration-secret-89",
  "Zq-rotate-secret-90",
  "Zq-trigger-secret-91",
  // nothing-lost.spec.ts
  "nl-udesk-key-7c2e90",
  "nl-webhook-shared-secret-31",
  // setup-guide.spec.ts, answer-rules.spec.ts
  "setup-S0bot-secret-Key-5e2a",
  "setup-udesk-key-93c1d7",
  "12345678-setup-hyphenate",
  "rules-e2e-udesk-key-4d7a",
];
const PASSWORDS = Object.values(ACCOUNTS).map((a) => a.password);

test("no secret in the call log, the audit log, the pages, or the server output", async ({ browser }) => {
  const db = new Database(path.join(TMP_DIR, "e2e.db"), { readonly: true });
  const calls = JSON.stringify(db.prepare('SELECT * FROM "Call"').all());
  const audit = JSON.stringify(db.prepare('SELECT * FROM "AuditEvent"').all());
  const integrations = JSON.stringify(db.prepare('SELECT * FROM "Integration"').all());
  const settings = JSON.stringify(db.prepare('SELECT * FROM "IntegrationSecret"').all());
  const panels = (
    db.prepare(`SELECT slug FROM "Integration" WHERE vendor = 'hyphenate'`).all() as { slug: string }[]
  ).map((r) => `/hyphenate/${r.slug}`);
  db.close();
  expect(calls.length).toBeGreaterThan(1000); // the other tests did log calls
  expect(audit).toContain('"entity":"integration"'); // …and created integrations, which the audit log records
  // Which secret is where (not the tables themselves, which run to megabytes).
  const found = (text: string) => [...SECRETS, ...PASSWORDS].filter((secret) => text.includes(secret));
  expect(found(calls), "secrets in the call log").toEqual([]);
  expect(found(audit), "secrets in the audit log").toEqual([]);
  expect(found(integrations), "secrets in the integrations' settings").toEqual([]);
  expect(found(settings), "secrets in the clear among the sealed secrets").toEqual([]);

  const page = await pageAs(browser, "admin");
  const visited = new Set<string>();
  const queue = ["/customers", "/integrations", "/calls", "/settings", "/users"];
  // At most 20 pages of each kind (integration pages, call pages), however many the other specs made.
  const perKind = new Map<string, number>();
  while (queue.length) {
    const url = queue.shift()!;
    const kind = url.split("/")[1];
    if (visited.has(url) || (perKind.get(kind) ?? 0) >= 20) continue;
    perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
    visited.add(url);
    const response = await page.goto(url);
    const html = (await response?.text()) ?? "";
    expect(found(html), `secrets in ${url}`).toEqual([]);
    for (const href of await page
      .locator("a[href^='/integrations/'], a[href^='/calls/']")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")!))) {
      if (!visited.has(href)) queue.push(href);
    }
  }
  // The agent panels are served pages too (a known visitor, then a parameter that does not decrypt).
  for (const panel of panels) {
    for (const query of ["visitorImId=visitor-001&lang=en", "visitorImId=visitor-001&name=zz"]) {
      const response = await page.request.get(`${panel}?${query}`);
      expect(found(await response.text()), `secrets in ${panel}`).toEqual([]);
    }
  }
  expect([...visited].some((u) => /^\/integrations\/[^/]+$/.test(u))).toBe(true);
  expect([...visited].some((u) => /^\/calls\/\d+$/.test(u))).toBe(true);

  const log = fs.readFileSync(path.join(TMP_DIR, "server.log"), "utf8");
  expect(log.length).toBeGreaterThan(0);
  expect(found(log), "secrets in the server output").toEqual([]);
  // The scale-out test's two instances, when it ran.
  for (const file of fs.readdirSync(TMP_DIR).filter((f) => /^scaleout-.*\.log$/.test(f))) {
    expect(found(fs.readFileSync(path.join(TMP_DIR, file), "utf8")), `secrets in ${file}`).toEqual([]);
  }
});
