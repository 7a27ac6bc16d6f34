// Every call-log detail has Chinese, on SQLite and PostgreSQL: refused and answered calls of each
// vendor kind go through the real callback pipeline, and each part of each detail logged is
// translated (translateDetail). A detail a handler starts to write with no phrase for it fails
// here, rather than reaching a Chinese dashboard in English.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCallback } from "@/lib/callbacks/pipeline";
import type { CallbackDefinition } from "@/lib/callbacks/types";
import { createCustomer } from "@/lib/customers/customers";
import { translateDetail } from "@/lib/i18n/domain/detail";
import { createIntegration, type IntegrationView } from "@/lib/integrations/integrations";
import { defaultConfig } from "@/lib/templates/config";
import { createTemplate } from "@/lib/templates/templates";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { hyphenateIframe } from "@/lib/vendors/hyphenate/iframe";
import { encrypt, sign as sobotSign } from "@/lib/vendors/sobot/codec";
import { sobotCrm } from "@/lib/vendors/sobot/crm";
import { sobotWebhook } from "@/lib/vendors/sobot/webhook";
import { knowledgeSign, messageSign, taskSign } from "@/lib/vendors/udesk/codec";
import { udeskKnowledge, udeskMessage, udeskTask } from "@/lib/vendors/udesk/handlers";

const KEY = "details-udesk-key-5d1e";
const SOBOT_SECRET = "details-sobot-secret-c7a0";
const SHARED = "details-shared-secret-0b9f";
const NAME = "详情";
const holder = globalThis as unknown as { __deskbridgeDb?: Promise<unknown> };
const ENV_KEYS = [
  "DATABASE_URL",
  "DESKBRIDGE_DATA_DIR",
  "DESKBRIDGE_MASTER_KEY",
  "DESKBRIDGE_DEMO",
  "ADMIN_EMAIL",
  "ADMIN_PASSWORD",
  "DESKBRIDGE_MAX_BODY_BYTES",
  "DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_INTEGRATION",
  "DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_ADDRESS",
];
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

/**
 * Parts deliberately kept as written: pure values, listed after the first item of a list (a
 * Sobot id the company's dictionary does not name, as `label 12`).
 */
const AS_WRITTEN = [/^(label|vipLevel|field) \S+$/];
/**
 * Words no English sentence of a detail goes without: left in a part (outside quoted values), the
 * part was not translated. Nouns (sign, customer, timestamp) are left out: they are also the names
 * of the fields and headers a vendor sent, which stay as written.
 */
const ENGLISH = new RegExp(
  `\\b(${[
    ...["the", "a", "an", "is", "are", "was", "not", "no", "none", "has", "does", "did", "with", "of", "and", "or"],
    ...["from", "for", "by", "at", "as", "found", "matched", "missing", "invalid", "disabled", "allowed", "tried"],
    ...["answered", "accepted", "left", "more", "than", "after", "could"],
  ].join("|")})\\b`,
  "i",
);
const CJK = /[\u4e00-\u9fff]/;
/** A part without its quoted values, which stay as they came ("主站", “x”). */
const unquoted = (part: string) => part.replace(/"[^"]*"|“[^”]*”/g, "");

/** Each part of `detail`'s Chinese that reads as untranslated. */
function untranslatedParts(detail: string): string[] {
  return translateDetail("zh-CN", detail)
    .split("；")
    .filter((part) => !AS_WRITTEN.some((re) => re.test(part)))
    .filter((part) => !CJK.test(unquoted(part)) || ENGLISH.test(unquoted(part)));
}

const now = () => String(Math.floor(Date.now() / 1000));

type Send = { method?: string; body?: unknown; headers?: Record<string, string>; query?: string; address?: string };

function send(def: CallbackDefinition, slug: string, { method = "POST", body, headers, query, address }: Send = {}) {
  const url = `http://localhost/api/callbacks/${def.vendor}/${def.kind}/${slug}${query ? `?${query}` : ""}`;
  const request = new Request(url, {
    method,
    headers: { "content-type": "application/json", "x-forwarded-for": address ?? "203.0.113.40", ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return runCallback(def, request, slug);
}

const knowledge = (timestamp: string, datumId: string, extra: Record<string, unknown> = {}) => ({
  timestamp,
  sign: knowledgeSign(KEY, timestamp),
  datumId,
  datumName: "退货",
  sessionId: 1,
  ...extra,
});
const message = (timestamp: string, extra: Record<string, unknown> = {}) => ({
  timestamp,
  sign: messageSign(NAME, KEY, timestamp),
  integrationName: NAME,
  questionContent: "你好",
  ...extra,
});
const crm = (query: unknown, ts = now(), key = SOBOT_SECRET) => {
  const parameter = encrypt(JSON.stringify(query), key);
  return {
    body: { parameter },
    headers: { timestamp: ts, sign: sobotSign("c-details", ts, SOBOT_SECRET, parameter) },
  };
};

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`call details in Chinese on ${provider.name}`, () => {
    let t: TestDatabase;
    const masterKeyHex = crypto.randomBytes(32).toString("hex");
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-details-"));
    let udesk: IntegrationView;
    let strict: IntegrationView;
    let sobot: IntegrationView;
    let webhook: IntegrationView;
    let guarded: IntegrationView;
    let panel: IntegrationView;
    let encryptedPanel: IntegrationView;
    let disabled: IntegrationView;

    beforeAll(async () => {
      t = await createDatabase(provider.name);
      Object.assign(process.env, {
        DESKBRIDGE_DATA_DIR: dataDir,
        DESKBRIDGE_MASTER_KEY: masterKeyHex,
        DESKBRIDGE_DEMO: "0",
        ADMIN_EMAIL: "admin@details.test",
        ADMIN_PASSWORD: "details-admin-password",
        DATABASE_URL: t.url,
      });
      holder.__deskbridgeDb = undefined;
      const key = Buffer.from(masterKeyHex, "hex");
      const udeskSettings = { integrationName: NAME, knowledgeFallback: "暂无", defaultAnswer: "{{question}}" };
      udesk = await createIntegration(t.db, key, {
        vendor: "udesk",
        name: "Udesk 详情",
        settings: udeskSettings,
        secrets: { key: KEY },
      });
      strict = await createIntegration(t.db, key, {
        vendor: "udesk",
        name: "Udesk strict",
        settings: { ...udeskSettings, refuseDuplicates: true },
        secrets: { key: KEY },
      });
      sobot = await createIntegration(t.db, key, {
        vendor: "sobot-crm",
        name: "Sobot CRM",
        settings: { companyId: "c-details" },
        secrets: { secretKey: SOBOT_SECRET },
      });
      webhook = await createIntegration(t.db, key, {
        vendor: "sobot-webhook",
        name: "Sobot webhook",
        settings: { mergeByContact: true },
        secrets: {},
      });
      guarded = await createIntegration(t.db, key, {
        vendor: "sobot-webhook",
        name: "Sobot webhook (header)",
        settings: { authMode: "header", headerName: "x-details-token" },
        secrets: { sharedSecret: SHARED },
      });
      panel = await createIntegration(t.db, key, { vendor: "hyphenate", name: "面板", settings: {}, secrets: {} });
      encryptedPanel = await createIntegration(t.db, key, {
        vendor: "hyphenate",
        name: "面板 (encrypted)",
        settings: { encryptSystemParams: true },
        secrets: { key: "12345678-details" },
      });
      disabled = await createIntegration(t.db, key, {
        vendor: "udesk",
        name: "主站",
        settings: udeskSettings,
        secrets: { key: KEY },
      });
      await t.db.integration.update({ where: { id: disabled.id }, data: { enabled: false } });
      await createTemplate(t.db, {
        integrationId: udesk.id,
        name: "Orders",
        taskNodeId: "100",
        config: defaultConfig("bubble_list"),
      });
      await createCustomer(t.db, {
        realname: "详情客户",
        phones: ["13911112222"],
        emails: ["details@example.com"],
        externalIds: [
          { kind: "udesk-customer", value: "7000249" },
          { kind: "sobot-partner", value: "p-249" },
          { kind: "hyphenate-visitor", value: "visitor-249" },
        ],
      });
    });
    afterAll(async () => {
      for (const k of ENV_KEYS) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      holder.__deskbridgeDb = undefined;
      await t?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it("logs refusals and answers whose every part reads in Chinese", async () => {
      const old = String(Math.floor(Date.now() / 1000) - 4000);
      const future = String(Math.floor(Date.now() / 1000) + 4000);
      const ts = now();
      // Refused before the handler: no such integration, disabled, wrong method, too large, OPTIONS.
      await send(udeskKnowledge, "no-such-segment", { body: knowledge(now(), "d") });
      await send(udeskKnowledge, disabled.slug, { body: knowledge(now(), "d") });
      await send(udeskKnowledge, udesk.slug, { method: "GET" });
      await send(udeskKnowledge, udesk.slug, { method: "OPTIONS" });
      process.env.DESKBRIDGE_MAX_BODY_BYTES = "1024";
      await send(udeskKnowledge, udesk.slug, { body: knowledge(now(), "x".repeat(2000)) });
      delete process.env.DESKBRIDGE_MAX_BODY_BYTES;
      process.env.DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_ADDRESS = "1";
      await send(udeskKnowledge, udesk.slug, { body: knowledge(now(), "r1"), address: "192.0.2.201" });
      await send(udeskKnowledge, udesk.slug, { body: knowledge(now(), "r2"), address: "192.0.2.201" });
      delete process.env.DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_ADDRESS;
      process.env.DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_INTEGRATION = "1";
      await send(udeskKnowledge, strict.slug, { body: knowledge(now(), "i1"), address: "192.0.2.202" });
      await send(udeskKnowledge, strict.slug, { body: knowledge(now(), "i2"), address: "192.0.2.203" });
      delete process.env.DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_INTEGRATION;
      // Udesk: body, sign, timestamp, copies, the integration's name.
      await send(udeskKnowledge, udesk.slug, { body: "not json" });
      await send(udeskKnowledge, udesk.slug, { body: "[".repeat(300) + "]".repeat(300) });
      await send(udeskMessage, udesk.slug, { body: { questionContent: "缺字段" } });
      await send(udeskKnowledge, udesk.slug, { body: { ...knowledge(now(), "d"), sign: "0badc0de" } });
      await send(udeskKnowledge, udesk.slug, { body: knowledge(old, "d") });
      await send(udeskKnowledge, udesk.slug, { body: knowledge(future, "d") });
      await send(udeskKnowledge, udesk.slug, { body: knowledge("soon", "d") });
      await send(udeskMessage, udesk.slug, {
        body: { ...message(now()), integrationName: "别的", sign: messageSign("别的", KEY, now()) },
      });
      await send(udeskKnowledge, strict.slug, { body: knowledge(ts, "copy") });
      await send(udeskKnowledge, strict.slug, { body: knowledge(ts, "copy") });
      await send(udeskKnowledge, udesk.slug, { body: knowledge(ts, "copy") });
      await send(udeskKnowledge, udesk.slug, { body: knowledge(ts, "copy") });
      // Udesk answers: default answer, a customer found and not, a template, no template.
      await send(udeskMessage, udesk.slug, { body: message(now(), { customerExtra: { customerId: "7000249" } }) });
      await send(udeskMessage, udesk.slug, {
        body: message(now(), { customerExtra: { callerNumber: "13000000000" } }),
      });
      await send(udeskMessage, udesk.slug, { body: message(now()) });
      const task = (node: string | null) => {
        const t0 = now();
        return { timestamp: t0, sessionId: "s-1", taskNodeId: node, sign: taskSign(KEY, node, "s-1", t0) };
      };
      await send(udeskTask, udesk.slug, { body: { ...task("100"), customerExtra: { customerId: "7000249" } } });
      await send(udeskTask, udesk.slug, { body: task("999") });
      await send(udeskKnowledge, udesk.slug, { body: knowledge(now(), "k-1", { customer: { email: "x@y.cn" } }) });
      // Sobot CRM: headers, parameter, decryption, query, lookups.
      await send(sobotCrm, sobot.slug, { body: { parameter: "00" } });
      const signed = (body: unknown, t0 = now()) => {
        const parameter = (body as { parameter?: string }).parameter ?? "";
        return { body, headers: { timestamp: t0, sign: sobotSign("c-details", t0, SOBOT_SECRET, parameter) } };
      };
      await send(sobotCrm, sobot.slug, signed({ parameter: 12 }));
      await send(sobotCrm, sobot.slug, {
        body: { parameter: "a".repeat(32) },
        headers: { timestamp: now(), sign: "f00" },
      });
      await send(sobotCrm, sobot.slug, signed({ parameter: "zz".repeat(16) }));
      await send(sobotCrm, sobot.slug, crm({ partnerid: "p-249" }, now(), "another-secret-key-0000"));
      await send(sobotCrm, sobot.slug, signed({ parameter: encrypt("plain words", SOBOT_SECRET) }));
      await send(sobotCrm, sobot.slug, signed({ parameter: encrypt("[1, 2]", SOBOT_SECRET) }));
      await send(sobotCrm, sobot.slug, crm({ partnerid: 7 }));
      await send(sobotCrm, sobot.slug, crm({ nickname: "x" }));
      await send(sobotCrm, sobot.slug, crm({ partnerid: "p-nobody", tel: "13000000001" }));
      await send(sobotCrm, sobot.slug, crm({ partnerid: "p-249" }));
      await send(sobotCrm, sobot.slug, crm({ tel: "13911112222" }));
      // Sobot webhook: authentication, the push, what is left out.
      await send(sobotWebhook, guarded.slug, { body: { id: "s-1" } });
      await send(sobotWebhook, guarded.slug, { body: { id: "s-1" }, headers: { "x-details-token": "wrong" } });
      await send(sobotWebhook, webhook.slug, { body: "{" });
      await send(sobotWebhook, webhook.slug, { body: { uname: "无编号" } });
      await send(sobotWebhook, webhook.slug, { body: { id: "s-2", uname: "新客户", email: "bad-address" } });
      await send(sobotWebhook, webhook.slug, { body: { id: "s-2", uname: "新客户", email: "bad-address" } });
      await send(sobotWebhook, webhook.slug, {
        body: {
          id: "s-3",
          uname: "x".repeat(300),
          pid: "c-dict",
          user_label: "11,12",
          is_vip: "2",
          tel: "13911112222",
        },
      });
      // Hyphenate: no customer, found, a parameter that does not decrypt.
      await send(hyphenateIframe, panel.slug, { method: "GET", query: "visitorImId=visitor-nobody" });
      await send(hyphenateIframe, panel.slug, { method: "GET", query: "easemobId=e1" });
      await send(hyphenateIframe, panel.slug, { method: "GET", query: "visitorImId=visitor-249" });
      await send(hyphenateIframe, encryptedPanel.slug, { method: "GET", query: "visitorImId=zz" });

      const logged = await t.db.call.findMany({ orderBy: { id: "asc" }, select: { outcome: true, detail: true } });
      const outcomes = new Set(logged.map((c) => c.outcome));
      for (const outcome of [
        "ok",
        "not_found",
        "duplicate",
        "replayed",
        "bad_signature",
        "stale_timestamp",
        "malformed",
        "decrypt_failed",
        "unknown_integration",
        "disabled",
        "too_large",
        "rate_limited",
      ])
        expect(outcomes, outcome).toContain(outcome);
      const untranslated = logged
        .map((c) => ({ detail: c.detail, parts: untranslatedParts(c.detail) }))
        .filter((c) => c.parts.length);
      if (process.env.SHOW_DETAILS)
        for (const c of logged) console.log(`${c.detail}\n  ${translateDetail("zh-CN", c.detail)}`);
      expect(untranslated).toEqual([]);
    });
  });
}
