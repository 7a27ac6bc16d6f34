// Every server action is a public POST endpoint. Each one the build serves is called here signed
// out and as a viewer, straight to the server as a browser would post it: every one the caller may
// not use is refused, and nothing in the database changed. A new action fails this file until it
// is listed below with the access it needs (lib/actions explains the access names).
import crypto from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { AUTH_DIR, TMP_DIR } from "./env.mjs";
import { type ActionArgs, type BuiltAction, builtActions, callAction, sourceActions } from "./server-actions";

type Access = "anyone" | "enrolling" | "viewer" | "operator" | "admin";

const ACCESS: Record<string, Access> = {
  "app/actions.ts#setThemeAction": "anyone",
  "app/actions.ts#setLocaleAction": "anyone",
  "app/(dashboard)/account/actions.ts#startTwoFactorAction": "enrolling",
  "app/(dashboard)/account/actions.ts#confirmTwoFactorAction": "enrolling",
  "app/(dashboard)/account/actions.ts#newRecoveryCodesAction": "viewer",
  "app/(dashboard)/account/actions.ts#turnOffTwoFactorAction": "viewer",
  "app/(dashboard)/account/actions.ts#signOutEverywhereAction": "viewer",
  "app/(dashboard)/account/actions.ts#savePreferencesAction": "viewer",
  "app/(dashboard)/users/actions.ts#changeOwnPasswordAction": "viewer",
  "app/(dashboard)/templates/actions.ts#previewTemplateAction": "viewer",
  "app/(dashboard)/templates/answer-actions.ts#testQuestionAction": "viewer",
  "app/(dashboard)/calls/actions.ts#replayAction": "operator",
  "app/(dashboard)/customers/actions.ts#createCustomerAction": "operator",
  "app/(dashboard)/customers/actions.ts#updateCustomerAction": "operator",
  "app/(dashboard)/customers/actions.ts#deleteCustomerAction": "operator",
  "app/(dashboard)/customers/actions.ts#addOrderAction": "operator",
  "app/(dashboard)/customers/actions.ts#updateOrderAction": "operator",
  "app/(dashboard)/customers/actions.ts#deleteOrderAction": "operator",
  "app/(dashboard)/customers/import/actions.ts#importChunkAction": "operator",
  "app/(dashboard)/customers/trigger-actions.ts#sendTriggerAction": "operator",
  "app/(dashboard)/lab/actions.ts#buildAction": "operator",
  "app/(dashboard)/lab/actions.ts#sendAction": "operator",
  "app/(dashboard)/lab/actions.ts#decryptAction": "operator",
  "app/(dashboard)/lab/actions.ts#explainAction": "operator",
  "app/(dashboard)/templates/actions.ts#saveTemplateAction": "operator",
  "app/(dashboard)/templates/actions.ts#duplicateTemplateAction": "operator",
  "app/(dashboard)/templates/actions.ts#deleteTemplateAction": "operator",
  "app/(dashboard)/templates/answer-actions.ts#saveRuleAction": "operator",
  "app/(dashboard)/templates/answer-actions.ts#deleteRuleAction": "operator",
  "app/(dashboard)/templates/answer-actions.ts#saveEntryAction": "operator",
  "app/(dashboard)/templates/answer-actions.ts#deleteEntryAction": "operator",
  "app/(dashboard)/templates/answer-actions.ts#moveRuleAction": "operator",
  "app/(dashboard)/integrations/panel-action.ts#panelUrlAction": "operator",
  "app/(dashboard)/users/actions.ts#createUserAction": "admin",
  "app/(dashboard)/users/actions.ts#setRoleAction": "admin",
  "app/(dashboard)/users/actions.ts#setDisabledAction": "admin",
  "app/(dashboard)/users/actions.ts#resetPasswordAction": "admin",
  "app/(dashboard)/users/actions.ts#resetTwoFactorAction": "admin",
  "app/(dashboard)/settings/actions.ts#saveRetentionAction": "admin",
  "app/(dashboard)/settings/actions.ts#pruneNowAction": "admin",
  "app/(dashboard)/settings/actions.ts#saveTwoFactorPolicyAction": "admin",
  "app/(dashboard)/sobot/dictionary/actions.ts#setEntryAction": "admin",
  "app/(dashboard)/sobot/dictionary/actions.ts#removeEntryAction": "admin",
  "app/(dashboard)/integrations/actions.ts#createIntegrationAction": "admin",
  "app/(dashboard)/integrations/actions.ts#updateIntegrationAction": "admin",
  "app/(dashboard)/integrations/actions.ts#setEnabledAction": "admin",
  "app/(dashboard)/integrations/actions.ts#rotateSecretAction": "admin",
  "app/(dashboard)/integrations/actions.ts#deleteIntegrationAction": "admin",
  "app/(dashboard)/integrations/actions.ts#addTriggerAction": "admin",
  "app/(dashboard)/integrations/actions.ts#removeTriggerAction": "admin",
  "app/(dashboard)/integrations/actions.ts#allowFrameAncestorAction": "admin",
};

/** Actions called with arguments rather than a form, and the (harmful, if accepted) ones to send. */
const CALLED: Record<string, unknown[]> = {
  "app/(dashboard)/customers/import/actions.ts#importChunkAction": [
    { header: ["uname"], rows: [{ row: 2, cells: ["sneak-import"] }] },
  ],
  "app/(dashboard)/templates/actions.ts#previewTemplateAction": [{}, {}],
};

/** One form with every field any action reads, aimed at existing rows, which a refused call must not touch. */
const FORM: Record<string, string> = {
  id: "1",
  customerId: "1",
  orderId: "1",
  ruleId: "1",
  entryId: "1",
  callId: "1",
  uname: "sneak-form",
  origin: "https://sneak.example",
  email: "sneak@e2e.test",
  name: "sneak",
  role: "admin",
  password: "sneak-password-1",
  current: "viewer-e2e-password",
  confirm: "sneak-password-1",
  disabled: "1",
  enabled: "0",
  retentionDays: "1",
  twoFactor: "everyone",
  vendor: "sobot-crm",
  kind: "sobot-crm",
  companyId: "c1",
  type: "tag",
  sobotId: "1",
  orderNo: "SNEAK-1",
  title: "sneak",
  status: "paid",
};

const argsOf = (key: string): ActionArgs => (key in CALLED ? { args: CALLED[key] } : { form: FORM });
const keyOf = (a: BuiltAction) => `${a.module}#${a.name}`;

/** A digest of every row of every table (sessions' last-seen times and sign-in counters aside). */
function databaseDigest(): Record<string, string> {
  const db = new Database(path.join(TMP_DIR, "e2e.db"), { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    const tables = db
      .prepare(
        // Plain tables: the search indexes (FTS5) follow them through triggers.
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' " +
          "AND name NOT LIKE 'sqlite_%' AND name <> 'RateLimit'",
      )
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => {
        const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
        return [name, crypto.createHash("sha256").update(JSON.stringify(rows)).digest("hex")];
      }),
    );
  } finally {
    db.close();
  }
}

test("every exported server action is served by the build and listed here with its access", () => {
  const built = builtActions().map(keyOf).sort();
  expect(built.length).toBeGreaterThan(40);
  expect(sourceActions().filter((a) => !built.includes(a))).toEqual([]);
  expect(built.filter((a) => !(a in ACCESS))).toEqual([]);
});

test("signed out, every action but the theme is refused and nothing changes", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext();
  const before = databaseDigest();
  for (const action of builtActions()) {
    const key = keyOf(action);
    if (ACCESS[key] === "anyone") continue;
    const response = await callAction(anonymous, baseURL!, action, argsOf(key));
    expect(response.status(), key).toBeLessThan(500);
    expect(await response.text(), key).toContain("Sign in first.");
  }
  expect(databaseDigest()).toEqual(before);
});

test("as a viewer, every operator and admin action is refused and nothing changes", async ({ browser, baseURL }) => {
  const viewer = await browser.newContext({ storageState: `${AUTH_DIR}/viewer.json` });
  const before = databaseDigest();
  let refused = 0;
  for (const action of builtActions()) {
    const key = keyOf(action);
    const access = ACCESS[key];
    if (access !== "operator" && access !== "admin") continue;
    const response = await callAction(viewer.request, baseURL!, action, argsOf(key));
    expect(response.status(), key).toBeLessThan(500);
    expect(await response.text(), key).toContain(`This needs the ${access} role; you are viewer.`);
    refused++;
  }
  expect(refused).toBeGreaterThan(35);
  expect(databaseDigest()).toEqual(before);
  // The viewer's own account stays theirs: its page opens, and its actions reach their own checks.
  const page = await viewer.newPage();
  expect((await page.goto("/account"))?.status()).toBe(200);
  const own = builtActions().find((a) => a.name === "changeOwnPasswordAction")!;
  const mismatch = { current: "viewer-e2e-password", password: "new-pass-1234", confirm: "new-pass-9999" };
  expect(await (await callAction(viewer.request, baseURL!, own, { form: mismatch })).text()).toContain(
    "The two new passwords differ.",
  );
});

test("the same direct call by the role it needs reaches the action (the refusals above are not a bad call)", async ({
  browser,
  baseURL,
}) => {
  const admin = await browser.newContext({ storageState: `${AUTH_DIR}/admin.json` });
  const action = builtActions().find((a) => a.name === "saveTwoFactorPolicyAction")!;
  const response = await callAction(admin.request, baseURL!, action, { form: { twoFactor: "sometimes" } });
  expect(await response.text()).toContain("Two-factor sign-in must be one of");
});

/** Failing forms that carry a secret, each with a value of its own that must not come back. */
const SECRET_FORMS: [string, Record<string, string>, string][] = [
  [
    "createUserAction",
    { email: "not-an-email", name: "x", role: "viewer", password: "Zq-create-user-secret-81" },
    "Zq-create-user-secret-81",
  ],
  ["resetPasswordAction", { id: "no-such-user", password: "Zq-reset-secret-82" }, "Zq-reset-secret-82"],
  [
    "changeOwnPasswordAction",
    { current: "Zq-current-secret-83", password: "Zq-new-secret-84", confirm: "Zq-new-secret-84x" },
    "Zq-current-secret-83|Zq-new-secret-84",
  ],
  ["newRecoveryCodesAction", { password: "Zq-codes-secret-86" }, "Zq-codes-secret-86"],
  ["turnOffTwoFactorAction", { password: "Zq-off-secret-87" }, "Zq-off-secret-87"],
  ["confirmTwoFactorAction", { code: "Zq-code-secret-88" }, "Zq-code-secret-88"],
  [
    "createIntegrationAction",
    { vendor: "sobot-crm", name: "", "settings.companyId": "c1", "secrets.secretKey": "Zq-integration-secret-89" },
    "Zq-integration-secret-89",
  ],
  [
    "rotateSecretAction",
    { id: "no-such-integration", name: "secretKey", "secrets.secretKey": "Zq-rotate-secret-90", grace: "0" },
    "Zq-rotate-secret-90",
  ],
  [
    "addTriggerAction",
    { id: "no-such-integration", name: "t1", triggerId: "x", secret: "Zq-trigger-secret-91" },
    "Zq-trigger-secret-91",
  ],
];

test("a refused form never sends a typed-in secret back", async ({ browser, baseURL }) => {
  const admin = await browser.newContext({ storageState: `${AUTH_DIR}/admin.json` });
  const actions = builtActions();
  for (const [name, form, secrets] of SECRET_FORMS) {
    const action = actions.find((a) => a.name === name)!;
    const response = await callAction(admin.request, baseURL!, action, { form });
    const body = await response.text();
    // Refused by the action itself (not by the guard): the form reached it.
    expect(body, name).toMatch(/"ok":false/);
    expect(body, name).not.toContain("This needs the");
    if (form.email) expect(body, `${name} keeps the other fields`).toContain(form.email);
    for (const secret of secrets.split("|")) expect(body, `${name} answered with ${secret}`).not.toContain(secret);
  }
});
