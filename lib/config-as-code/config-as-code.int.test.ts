// Configuration as code on real databases: an export imported into an empty database reproduces
// the configuration; a second import, and any dry run, change nothing; secret values never appear
// in the file; a changed file changes exactly what it names; a bad file changes nothing.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { appError } from "@/lib/testing/app-error";
import { createIntegration } from "@/lib/integrations/integrations";
import { addTrigger } from "@/lib/vendors/sobot/api/triggers";
import { saveEntry, saveRule } from "@/lib/vendors/udesk/rules";
import { createTemplate } from "@/lib/templates/templates";
import { defaultConfig } from "@/lib/templates/config";
import { setDictionaryEntries } from "@/lib/vendors/sobot/dictionary";
import { exportConfig } from "@/lib/config-as-code/export";
import { importConfig } from "@/lib/config-as-code/import";
import type { ConfigFile } from "@/lib/config-as-code/format";
import type { Db } from "@/lib/db/client";

const SECRETS = {
  crm: "cfg-crm-Secret-91f3a7",
  udesk: "cfg-udesk-Key-4c2e81",
  hyphenate: "cfg-hyphenate-key-77ab",
  webhook: "cfg-webhook-shared-secret-0d5e",
  appKey: "cfg-app-key-66c1d0",
  trigger: "cfg-trigger-secret-19e2",
};

async function seed(db: Db, key: Buffer) {
  await createIntegration(db, key, {
    vendor: "sobot-crm",
    name: "Sobot CRM",
    settings: { companyId: "cfg-company", timestampTolerance: "120" },
    secrets: { secretKey: SECRETS.crm },
  });
  const udesk = await createIntegration(db, key, {
    vendor: "udesk",
    name: "Udesk 对接一",
    settings: { integrationName: "对接一", defaultAnswer: "转人工", knowledgeFallback: "暂无答案" },
    secrets: { key: SECRETS.udesk },
  });
  await createIntegration(db, key, {
    vendor: "hyphenate",
    name: "Hyphenate panel",
    settings: { frameAncestors: ["https://kefu.easemob.com"], matchParam: "customUserId", matchKind: "sobot-partner" },
    secrets: { key: SECRETS.hyphenate },
  });
  await createIntegration(db, key, {
    vendor: "sobot-webhook",
    name: "Sobot pushes",
    settings: { authMode: "header", headerName: "x-token", mergeByContact: true },
    secrets: { sharedSecret: SECRETS.webhook },
  });
  const api = await createIntegration(db, key, {
    vendor: "sobot-api",
    name: "Sobot API",
    settings: { appid: "cfg-app" },
    secrets: { appKey: SECRETS.appKey },
  });
  await addTrigger(db, key, api.id, { name: "vip", triggerId: "T100", secret: SECRETS.trigger });
  await saveRule(db, udesk.id, { position: 1, matchType: "question", pattern: "退货|退款", answer: "退货请点击链接" });
  await saveRule(db, udesk.id, {
    position: 2,
    matchType: "regex",
    pattern: "^订单",
    answer: "您的订单 {{order.title}}",
  });
  await saveRule(db, udesk.id, { position: 3, matchType: "always", answer: "您好 {{customer.uname}}" });
  await createTemplate(db, {
    integrationId: udesk.id,
    name: "Orders",
    taskNodeId: "100",
    config: defaultConfig("bubble_list"),
  });
  await createTemplate(db, {
    integrationId: udesk.id,
    name: "Fallback",
    isDefault: true,
    config: defaultConfig("custom_card"),
  });
  await saveEntry(db, udesk.id, { datumId: "7", templateAttributeId: "", msgType: "text", content: "营业时间 9-18" });
  await saveEntry(db, udesk.id, { datumId: "", templateAttributeId: "3", msgType: "", content: "属性答案" });
  await setDictionaryEntries(db, "cfg-company", [
    { type: "label", name: "重要客户", sobotId: "L1" },
    { type: "vipLevel", name: "gold", sobotId: "V2" },
    { type: "field", name: "city", sobotId: "F3" },
  ]);
}

const counts = async (db: Db) => ({
  integrations: await db.integration.count(),
  rules: await db.udeskRule.count(),
  templates: await db.cardTemplate.count(),
  entries: await db.knowledgeEntry.count(),
  dictionary: await db.sobotDictionaryEntry.count(),
  audit: await db.auditEvent.count(),
});

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`configuration export and import on ${provider.name}`, () => {
    let source: TestDatabase;
    let target: TestDatabase;
    let file: ConfigFile;
    const key = crypto.randomBytes(32);

    beforeAll(async () => {
      source = await createDatabase(provider.name);
      target = await createDatabase(provider.name);
      await seed(source.db, key);
      file = JSON.parse(JSON.stringify(await exportConfig(source.db)));
    });
    afterAll(async () => {
      await source?.drop();
      await target?.drop();
    });

    it("exports every kind of configuration and no secret value, hint or URL segment", async () => {
      expect(file.integrations.map((i) => i.vendor).sort()).toEqual(
        ["hyphenate", "sobot-api", "sobot-crm", "sobot-webhook", "udesk"].sort(),
      );
      const udesk = file.integrations.find((i) => i.vendor === "udesk")!;
      expect(udesk.rules.map((r) => r.pattern)).toEqual(["退货|退款", "^订单", ""]);
      expect(udesk.templates.map((t) => t.name)).toEqual(["Fallback", "Orders"]);
      expect(udesk.knowledge).toHaveLength(2);
      expect(udesk.secrets).toEqual(["key"]);
      expect(file.integrations.find((i) => i.vendor === "sobot-api")!.secrets).toEqual(["appKey", "trigger:vip"]);
      expect(file.sobotDictionary).toEqual([
        { companyId: "cfg-company", labels: { 重要客户: "L1" }, vipLevels: { gold: "V2" }, fields: { city: "F3" } },
      ]);
      const text = JSON.stringify(file);
      for (const secret of Object.values(SECRETS)) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(secret.slice(-4));
      }
      const slugs = await source.db.integration.findMany({ select: { slug: true } });
      for (const { slug } of slugs) expect(text).not.toContain(slug);
    });

    it("a dry run lists the changes and changes nothing", async () => {
      const before = await counts(target.db);
      const result = await importConfig(target.db, file, { dryRun: true });
      expect(result.dryRun).toBe(true);
      expect(result.changes).toContain('create integration "Udesk 对接一" (udesk)');
      expect(result.changes.length).toBeGreaterThan(8);
      expect(await counts(target.db)).toEqual(before);
    });

    it("an import into an empty database reproduces the configuration, secrets left to set", async () => {
      const result = await importConfig(target.db, file);
      expect(result.changes.filter((c) => c.startsWith("create integration"))).toHaveLength(5);
      expect(await exportConfig(target.db)).toEqual(file);
      expect(result.secretsToSet.map((s) => `${s.name}:${s.secrets.join(",")}`).sort()).toEqual([
        "Sobot API:appKey,trigger:vip",
        "Sobot CRM:secretKey",
        "Udesk 对接一:key",
      ]);
      expect(await target.db.integrationSecret.count()).toBe(0);
      const endpoints = result.integrations.find((i) => i.vendor === "udesk")!.endpoints;
      expect(endpoints.message).toMatch(/^\/api\/callbacks\/udesk\/message\/[\w-]{20,}$/);
    });

    it("importing the same file again changes nothing, not even the audit log", async () => {
      const before = await counts(target.db);
      const again = await importConfig(target.db, file);
      expect(again.changes).toEqual([]);
      expect(await counts(target.db)).toEqual(before);
    });

    it("a changed file changes what it names and leaves the rest", async () => {
      const changed: ConfigFile = JSON.parse(JSON.stringify(file));
      const udesk = changed.integrations.find((i) => i.vendor === "udesk")!;
      udesk.rules.reverse();
      udesk.settings.defaultAnswer = "请稍候";
      udesk.templates = udesk.templates.filter((t) => t.name !== "Orders");
      changed.sobotDictionary[0].labels = { 重要客户: "L9" };
      changed.integrations = changed.integrations.filter((i) => i.vendor !== "hyphenate");
      const result = await importConfig(target.db, changed);
      expect(result.changes).toEqual([
        'change defaultAnswer of integration "Udesk 对接一" (udesk)',
        'answer rules of "Udesk 对接一": 3 → 3 (0 new or changed, 0 removed, in the file\'s order)',
        'remove template "Orders" (task node 100) of "Udesk 对接一"',
        'Sobot company cfg-company: label L9 is "重要客户"',
        'Sobot company cfg-company: remove label L1 ("重要客户")',
      ]);
      const now = await exportConfig(target.db);
      expect(now.integrations.find((i) => i.vendor === "udesk")!.rules.map((r) => r.pattern)).toEqual([
        "",
        "^订单",
        "退货|退款",
      ]);
      // The integration the file no longer names stays as it was.
      expect(now.integrations.some((i) => i.vendor === "hyphenate")).toBe(true);
      expect(now.sobotDictionary[0].labels).toEqual({ 重要客户: "L9" });
      expect((await importConfig(target.db, changed)).changes).toEqual([]);
    });

    it("refuses a file with bad entries, naming them, and changes nothing", async () => {
      const bad: ConfigFile = JSON.parse(JSON.stringify(file));
      bad.integrations.push({ ...bad.integrations[0], name: "New one", vendor: "zendesk" });
      const udesk = bad.integrations.find((i) => i.vendor === "udesk")!;
      udesk.rules.push({ matchType: "question", pattern: "(?=x)", answer: "a" });
      // A template that cannot render a valid answer, and a Sobot id that cannot be one.
      udesk.templates.push({
        name: "No title",
        taskNodeId: "300",
        isDefault: false,
        config: { kind: "selective_list" },
      });
      bad.sobotDictionary[0].fields = { city: "F3", town: "not an id!" };
      const before = await counts(target.db);
      const error = await appError(importConfig(target.db, bad));
      expect(error.message).toMatch(/nothing was changed/);
      expect(Object.keys(error.fieldErrors).sort()).toEqual(
        [
          `integrations.${bad.integrations.length - 1}.vendor`,
          `integrations.${bad.integrations.indexOf(udesk)}.rules.3.pattern`,
          `integrations.${bad.integrations.indexOf(udesk)}.templates.2.config`,
          "sobotDictionary.0.field.town.sobotId",
        ].sort(),
      );
      expect(await counts(target.db)).toEqual(before);
      const notConfig = await appError(importConfig(target.db, { integrations: [] }));
      expect(notConfig.fieldErrors.format?.[0]).toMatch(/Not a Deskbridge configuration file/);
    });
  });
}
