// Every audit summary the domain layer writes reads as Chinese on the dashboard. The domain
// functions run on real databases, each of them in every way that changes its summary; every
// summary they stored is read back and translated, and must keep no English word but the names
// and values the scenario typed. A new summary form in any of these functions fails here until
// lib/i18n/domain/audit.ts has its Chinese.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { signInLimits } from "@/lib/auth/signin-limits";
import { confirmEnrolment, enrolment, replaceRecoveryCodes, turnOffTwoFactor } from "@/lib/auth/two-factor";
import { setTwoFactorPolicy } from "@/lib/auth/two-factor-policy";
import { replayCall } from "@/lib/calls/replay";
import { setRetentionDays } from "@/lib/calls/retention";
import { accessCommands } from "@/lib/cli/access";
import { importConfig } from "@/lib/config-as-code/import";
import { createCustomer, deleteCustomer, updateCustomer } from "@/lib/customers/customers";
import { checkHeader, importCustomers, readCsv, toImportRows, type CsvRecord } from "@/lib/customers/io";
import { addOrder, deleteOrder, updateOrder } from "@/lib/customers/orders";
import type { Db } from "@/lib/db/client";
import { translateMessage } from "@/lib/i18n/domain";
import { phrases as auditPhrases } from "@/lib/i18n/domain/audit";
import { NAME_LIST_PATTERN, NAME_LISTS } from "@/lib/i18n/domain/names";
import { createIntegration, deleteIntegration, updateIntegration } from "@/lib/integrations/integrations";
import { rotateSecret } from "@/lib/integrations/rotation";
import { defaultConfig } from "@/lib/templates/config";
import { createTemplate, deleteTemplate, duplicateTemplate, updateTemplate } from "@/lib/templates/templates";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { changeOwnPassword, resetPassword, setDisabled, setRole, signOutEverywhere } from "@/lib/users/manage";
import { setUserPreferences } from "@/lib/users/preferences";
import { createUser } from "@/lib/users/users";
import { addTrigger, removeTrigger } from "@/lib/vendors/sobot/api/triggers";
import { removeDictionaryEntry, setDictionaryEntries } from "@/lib/vendors/sobot/dictionary";
import { deleteEntry, deleteRule, moveRule, saveEntry, saveRule } from "@/lib/vendors/udesk/rules";

const KEY = crypto.randomBytes(32);

/** Values the scenario typed or the domain made up (a copy's name), which the summaries carry as they are. */
const VALUES = [
  ...["ops@example.com", "admin@example.com", "totp@example.com", "gone@example.com", "nobody@example.com"],
  ...["sobot-crm", "hyphenate", "bubble_list", "(copy)"],
];
/** Names that stay as written in Chinese: roles, match types, secret names, products and protocol terms. */
const NAMES = new Set(
  (
    "operator viewer admin question regex always secretKey sharedSecret appKey key " +
    "Sobot Udesk Hyphenate CRM webhook HTTP URL ID VIP Basic"
  ).split(" "),
);
/** English words (two letters or more) left in a translated summary. */
function englishWords(text: string): string[] {
  const rest = VALUES.reduce((s, value) => s.replaceAll(value, " "), text);
  return (rest.match(/[A-Za-z][A-Za-z'-]+/g) ?? []).filter((w) => !NAMES.has(w));
}

/** The English of the audit phrase translateMessage uses for `summary` (the first that matches). */
const compiled = auditPhrases
  .filter(([en]) => en.includes("{"))
  .map(([en]) => {
    const source = en
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        return Object.hasOwn(NAME_LISTS, name) ? NAME_LIST_PATTERN : "(.*?)";
      })
      .join("");
    return { en, pattern: new RegExp(`^${source}$`, "s") };
  });
const exact = new Set(auditPhrases.filter(([en]) => !en.includes("{")).map(([en]) => en));
const phraseOf = (summary: string) =>
  exact.has(summary) ? summary : compiled.find(({ pattern }) => pattern.test(summary))?.en;

async function customersAndOrders(db: Db) {
  const zhang = await createCustomer(db, { uname: "张三", labels: ["901"] });
  await createCustomer(db, { uname: "李四", labels: ["901"], vipLevel: "902" });
  await updateCustomer(db, zhang.id, {
    uname: "张三",
    realname: "张小三",
    emails: ["zhang@example.cn"],
    phones: ["13800000000"],
    remark: "老客户",
    isVip: true,
    vipLevel: "金卡",
    labels: ["901", "重要"],
    customFields: { 城市: "上海" },
    externalIds: [{ kind: "sobot-partner", value: "P1" }],
  });
  const order = await addOrder(db, zhang.id, {
    orderNo: "10001",
    title: "耳机",
    amountCents: "199",
    quantity: 1,
    status: "paid",
  });
  await updateOrder(db, order.id, {
    orderNo: "10002",
    title: "无线耳机",
    imageUrl: "https://img.example.cn/1.png",
    amountCents: "299",
    quantity: 2,
    status: "shipped",
    createdAt: new Date("2026-10-01T08:00:00Z"),
    shipments: [{ time: new Date("2026-10-02T08:00:00Z"), status: "已发货", text: "深圳" }],
  });
  await deleteOrder(db, order.id);
  const gone = await createCustomer(db, { uname: "王五" });
  await deleteCustomer(db, gone.id);

  const records: CsvRecord[] = [];
  const csv = `id,uname,realname,remark\r\n${zhang.id},张三,张三丰,导入\r\n,赵六,,\r\n`;
  for await (const batch of readCsv([csv])) records.push(...batch);
  const [header, ...rows] = records;
  const result = await importCustomers(db, toImportRows(checkHeader(header.cells), rows));
  expect(result.failed).toBe(0);
}

async function integrations(db: Db) {
  const crm = await createIntegration(db, KEY, {
    vendor: "sobot-crm",
    name: "主站",
    settings: { companyId: "42" },
    secrets: { secretKey: "secret-key-value-1" },
  });
  await updateIntegration(db, crm.id, { name: "主站二", settings: { timestampTolerance: 60, refuseDuplicates: true } });
  await updateIntegration(db, crm.id, { enabled: false });
  await rotateSecret(db, KEY, crm.id, "secretKey", "secret-key-value-2", 3600);
  await rotateSecret(db, KEY, crm.id, "secretKey", "secret-key-value-3", 0, { replacePrevious: true });

  const panel = await createIntegration(db, KEY, { vendor: "hyphenate", name: "面板", settings: {}, secrets: {} });
  await updateIntegration(db, panel.id, {
    settings: {
      frameAncestors: ["https://kefu.easemob.com"],
      matchParam: "customUserId",
      matchKind: "sobot-partner",
      encryptSystemParams: true,
    },
  });
  await deleteIntegration(db, panel.id);

  const pushes = await createIntegration(db, KEY, {
    vendor: "sobot-webhook",
    name: "推送",
    settings: {},
    secrets: { sharedSecret: "shared-secret-value-1" },
  });
  await updateIntegration(db, pushes.id, {
    settings: { authMode: "basic", headerName: "x-token", basicUser: "智齿", mergeByContact: true },
  });

  const api = await createIntegration(db, KEY, {
    vendor: "sobot-api",
    name: "开放",
    settings: { appid: "42" },
    secrets: { appKey: "app-key-value-1" },
  });
  await updateIntegration(db, api.id, { settings: { appid: "43", baseUrl: "https://www.sobot.com" } });
  await addTrigger(db, KEY, api.id, { name: "回访", triggerId: "T100", secret: "trigger-secret-1" });
  await removeTrigger(db, api.id, "回访");

  const robot = await createIntegration(db, KEY, {
    vendor: "udesk",
    name: "机器人",
    settings: { integrationName: "对接一" },
    secrets: { key: "udesk-key-value-1" },
  });
  await updateIntegration(db, robot.id, {
    settings: { integrationName: "对接二", defaultAnswer: "转人工", knowledgeFallback: "暂无答案" },
  });
  const first = await saveRule(db, robot.id, { position: 1, matchType: "question", pattern: "退货", answer: "请点击" });
  await saveRule(db, robot.id, { position: 2, matchType: "always", answer: "您好" });
  await saveRule(db, robot.id, { position: 1, matchType: "regex", pattern: "^订单", answer: "订单" }, first.id);
  await moveRule(db, robot.id, first.id, "down");
  await deleteRule(db, robot.id, first.id);
  for (const [datumId, templateAttributeId] of [
    ["7", "3"],
    ["", "3"],
    ["7", ""],
  ]) {
    const entry = await saveEntry(db, robot.id, { datumId, templateAttributeId, msgType: "text", content: "营业时间" });
    await deleteEntry(db, robot.id, entry.id);
  }

  const template = await createTemplate(db, {
    integrationId: robot.id,
    name: "订单卡片",
    taskNodeId: "100",
    config: defaultConfig("bubble_list"),
  });
  await updateTemplate(db, template.id, {
    integrationId: robot.id,
    name: "订单卡片二",
    taskNodeId: "101",
    isDefault: true,
    config: { ...defaultConfig("bubble_list"), title: "我的订单" },
  });
  const copy = await duplicateTemplate(db, template.id);
  await deleteTemplate(db, copy.id);

  await setDictionaryEntries(db, "42", [
    { type: "label", name: "老客户", sobotId: "901" },
    { type: "vipLevel", name: "金卡", sobotId: "902" },
    { type: "field", name: "城市", sobotId: "903" },
  ]);
  await removeDictionaryEntry(db, "42", "field", "903");

  await importConfig(db, {
    format: "deskbridge-config",
    version: 1,
    integrations: [{ vendor: "udesk", name: "配置机器人", settings: { integrationName: "对接三" } }],
  });
  return crm;
}

async function usersAndSignIn(db: Db) {
  const admin = await createUser(db, { email: "admin@example.com", role: "admin", password: "admin-password-1" });
  const ops = await createUser(db, { email: "ops@example.com", role: "viewer", password: "ops-password-1" });
  await setRole(db, ops.id, "operator");
  await setDisabled(db, ops.id, true, admin.id);
  await setDisabled(db, ops.id, false, admin.id);
  await resetPassword(db, ops.id, "ops-password-2");
  await changeOwnPassword(db, ops.id, "ops-password-2", "ops-password-3");
  await signOutEverywhere(db, ops.id);
  await setUserPreferences(db, ops.id, { locale: "zh-CN", timeZone: "Asia/Shanghai" });
  const write = process.stdout.write;
  process.stdout.write = () => true;
  try {
    await accessCommands["users sign-out"](db, ["--email", "ops@example.com", "--json"]);
  } finally {
    process.stdout.write = write;
  }

  for (const policy of ["admins", "everyone", "off"]) await setTwoFactorPolicy(db, policy);
  const totp = await createUser(db, { email: "totp@example.com", role: "viewer", password: "totp-password-1" });
  const { secret } = await enrolment(db, KEY, totp.id);
  const { codes } = await confirmEnrolment(db, KEY, totp.id, await generate({ secret }));
  const [recovery] = await replaceRecoveryCodes(db, totp.id, "totp-password-1");

  const limits = signInLimits({ kind: "database", client: db }, 100, 100);
  const signIn = (email: string, password: string, code?: string, address = "10.0.0.9") =>
    attemptSignIn(db, limits, { email, password, code, address }, KEY);
  await signIn("ops@example.com", "ops-password-3");
  await signIn("ops@example.com", "wrong-password");
  await signIn("nobody@example.com", "whatever-password", undefined, "");
  await signIn("totp@example.com", "totp-password-1", "000000");
  await signIn("totp@example.com", "totp-password-1", await generate({ secret, epoch: Date.now() / 1000 + 30 }));
  await signIn("totp@example.com", "totp-password-1", recovery);
  expect(codes).not.toContain(recovery);
  const gone = await createUser(db, { email: "gone@example.com", role: "viewer", password: "gone-password-1" });
  await setDisabled(db, gone.id, true, admin.id);
  await signIn("gone@example.com", "gone-password-1");
  const strict = signInLimits({ kind: "database", client: db }, 1, 100);
  for (let i = 0; i < 3; i++)
    await attemptSignIn(db, strict, { email: "gone@example.com", password: "x", address: "" }, KEY);

  await turnOffTwoFactor(db, totp.id, { password: "totp-password-1" });
  const { secret: admins } = await enrolment(db, KEY, admin.id);
  await confirmEnrolment(db, KEY, admin.id, await generate({ secret: admins }));
  await turnOffTwoFactor(db, admin.id, { admin: true });
}

/** A call to the sobot-crm integration, replayed as it was and re-signed, to a server answering 200. */
async function callsAndSettings(db: Db, integrationId: string) {
  await setRetentionDays(db, 45);
  const server = http.createServer((_, res) => res.end("{}"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const call = await db.call.create({
      data: {
        vendor: "sobot-crm",
        kind: "crm",
        integrationId,
        method: "POST",
        path: "/callback",
        requestBody: "{}",
        outcome: "ok",
        status: 200,
      },
    });
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const mode of ["original", "resign"] as const)
      await replayCall(db, KEY, "replay-secret", call.id, mode, origin);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`audit summaries in Chinese on ${provider.name}`, () => {
    let t: TestDatabase;
    let summaries: string[];
    beforeAll(async () => {
      t = await createDatabase(provider.name);
      await customersAndOrders(t.db);
      const crm = await integrations(t.db);
      await usersAndSignIn(t.db);
      await callsAndSettings(t.db, crm.id);
      summaries = (await t.db.auditEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.summary);
    });
    afterAll(async () => {
      await t?.drop();
    });

    it("translates every summary the domain functions wrote, leaving no English word", () => {
      expect(summaries.length).toBeGreaterThan(60);
      const untranslated = summaries
        .map((summary) => ({ summary, zh: translateMessage("zh-CN", summary) }))
        .filter(({ summary, zh }) => zh === summary || englishWords(zh).length > 0);
      expect(untranslated).toEqual([]);
    });

    it("writes every summary form the Chinese lists, so each is checked above", () => {
      const used = new Set(summaries.map(phraseOf));
      const unused = auditPhrases.map(([en]) => en).filter((en) => en !== "an unknown address" && !used.has(en));
      expect(unused).toEqual([]);
    });

    it("keeps the stored summaries in English, as the CLI and the API read them", () => {
      expect(summaries).toContain(
        "changed realname, emails, phones, remark, isVip, vipLevel, labels, " + "customFields, externalIds of 张三",
      );
      for (const summary of summaries) expect(translateMessage("en", summary)).toBe(summary);
    });
  });
}
