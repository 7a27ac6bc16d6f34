// A customer's timeline and the audit log: a day of vendor lookups takes one line per vendor, so
// the edit made between them stays in view, and the edit shows field by field, on the timeline
// and in the audit log.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { TMP_DIR } from "./env.mjs";
import { cli, pageAs } from "./fixtures";

test("a day of vendor lookups is one line, and the edit between them shows field by field", async ({ browser }) => {
  const customer = cli(
    "customers",
    "add",
    "--uname",
    "timeline-busy",
    "--email",
    "a@timeline.test",
    "--field",
    "city=上海",
    "--field",
    "tier=gold",
  );
  // Lookups as the log keeps them: 30 from Sobot and 4 from Udesk in the last minutes, 12 yesterday.
  const db = new Database(path.join(TMP_DIR, "e2e.db"));
  const insert = db.prepare(
    `INSERT INTO "Call" ("vendor", "kind", "method", "path", "outcome", "status", "customerId", "createdAt")
     VALUES (?, ?, 'POST', '/', ?, 200, ?, ?)`,
  );
  const now = Date.now();
  for (let i = 0; i < 30; i++)
    insert.run("sobot-crm", "crm", i === 0 ? "not_found" : "ok", customer.id, new Date(now - i * 1000).toISOString());
  for (let i = 0; i < 4; i++) insert.run("udesk", "task", "ok", customer.id, new Date(now - i * 1000).toISOString());
  for (let i = 0; i < 12; i++)
    insert.run("sobot-crm", "crm", "ok", customer.id, new Date(now - 86_400_000 - i * 1000).toISOString());
  db.close();

  const operator = await pageAs(browser, "operator");
  await operator.goto(`/customers/${customer.id}/edit`);
  await operator.getByLabel("Real name").fill("赵六");
  await operator.getByLabel("Emails").fill("b@timeline.test");
  await operator.getByLabel("Custom fields").fill("city=北京\ntier=gold");
  await operator.getByRole("button", { name: "Save changes" }).click();
  await expect(operator.getByText("Changes saved.")).toBeVisible();

  await operator.goto(`/customers/${customer.id}`);
  const timeline = operator.getByRole("list", { name: "Timeline" });
  // Created, edited, and three lines of calls: Sobot today, Udesk today, Sobot yesterday.
  await expect(timeline.getByRole("listitem")).toHaveCount(5);
  await expect(timeline.getByRole("link", { name: "30 calls from sobot-crm" })).toBeVisible();
  await expect(timeline.getByRole("link", { name: "4 calls from udesk" })).toBeVisible();
  await expect(timeline.getByRole("link", { name: "12 calls from sobot-crm" })).toBeVisible();
  await expect(timeline.getByText("OK ×29")).toBeVisible();
  const edit = timeline.getByRole("listitem").filter({ hasText: "changed" });
  await expect(edit.getByRole("row", { name: /^customFields\.city/ })).toContainText(["上海"]);
  await expect(edit.getByRole("row", { name: /^customFields\.city/ })).toContainText("北京");
  await expect(edit.getByRole("row", { name: /^customFields\.tier/ })).toHaveCount(0);
  await expect(edit.getByRole("row", { name: /^emails/ })).toContainText(
    "removed a@timeline.test; added b@timeline.test",
  );
  await expect(edit.getByRole("row", { name: /^realname/ })).toContainText("赵六");

  // The lookups line opens exactly those calls.
  await timeline.getByRole("link", { name: "30 calls from sobot-crm" }).click();
  await expect(operator).toHaveURL(/\/calls\?customer=\d+&vendor=sobot-crm/);
  await expect(operator.getByRole("table").getByRole("row")).toHaveCount(31);

  // The audit log shows the same change field by field.
  await operator.goto("/audit?q=timeline-busy");
  const event = operator.getByRole("listitem").filter({ hasText: "changed" }).first();
  await expect(event.getByRole("row", { name: /^customFields\.city/ })).toContainText("北京");
  await expect(event.getByRole("row", { name: /^emails/ })).toContainText("added b@timeline.test");
  await expect(event.getByRole("row", { name: /^customFields\.tier/ })).toHaveCount(0);
});
