// Hostile text through every vendor handler, on SQLite and PostgreSQL: NUL (PostgreSQL cannot
// store it), lone surrogates (escaped in JSON; the database driver refuses them) and JSON nested
// 10,000 levels deep. Each handler must answer or refuse, never fail, and what it returns must fit
// in the call log, as the pipeline records it.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallbackRefusal, type CallbackDefinition, type HandlerResult } from "@/lib/callbacks/types";
import { recordCall } from "@/lib/calls/record";
import { createIntegration, loadCallbackIntegration, type IntegrationView } from "@/lib/integrations/integrations";
import { defaultConfig } from "@/lib/templates/config";
import { createTemplate } from "@/lib/templates/templates";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { desEncrypt } from "@/lib/vendors/hyphenate/codec";
import { hyphenateIframe } from "@/lib/vendors/hyphenate/iframe";
import { encrypt, sign } from "@/lib/vendors/sobot/codec";
import { sobotCrm } from "@/lib/vendors/sobot/crm";
import { sobotWebhook } from "@/lib/vendors/sobot/webhook";
import { knowledgeSign, messageSign, taskSign } from "@/lib/vendors/udesk/codec";
import { udeskKnowledge, udeskMessage, udeskTask } from "@/lib/vendors/udesk/handlers";
import { acceptOnce, replayedRefusal } from "@/lib/callbacks/replay-guard";

const HOSTILE = ["\u0000", "a\u0000b", "\ud800", "x\udfffy", "\udbff\udfff", "😀"];
const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
const NOW = 1_800_000_000;

type Sent = {
  def: CallbackDefinition;
  integration: IntegrationView;
  method?: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string;
};

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`hostile input on ${provider.name}`, () => {
    let t: TestDatabase;
    const masterKey = crypto.randomBytes(32);
    let crm: IntegrationView;
    let webhook: IntegrationView;
    let udesk: IntegrationView;
    let panel: IntegrationView;
    let panelAll: IntegrationView;

    beforeAll(async () => {
      t = await createDatabase(provider.name);
      crm = await createIntegration(t.db, masterKey, {
        vendor: "sobot-crm",
        name: "crm",
        settings: { companyId: "1" },
        secrets: { secretKey: "crm-secret" },
      });
      webhook = await createIntegration(t.db, masterKey, {
        vendor: "sobot-webhook",
        name: "webhook",
        settings: { mergeByContact: true },
        secrets: {},
      });
      udesk = await createIntegration(t.db, masterKey, {
        vendor: "udesk",
        name: "udesk",
        settings: { integrationName: "对接一", defaultAnswer: "{{question}}" },
        secrets: { key: "udesk-key" },
      });
      await createTemplate(t.db, {
        integrationId: udesk.id,
        name: "Node 100",
        taskNodeId: "100",
        config: { ...defaultConfig("bubble_list"), customerVariable: "phone" },
      });
      panel = await createIntegration(t.db, masterKey, {
        vendor: "hyphenate",
        name: "panel",
        settings: {},
        secrets: { key: "12345678-panel" },
      });
      panelAll = await createIntegration(t.db, masterKey, {
        vendor: "hyphenate",
        name: "panel, all encrypted",
        settings: { encryptSystemParams: true },
        secrets: { key: "12345678-panel" },
      });
    });
    afterAll(async () => {
      await t?.drop();
    });

    /** Runs the handler as the pipeline does and records the call; returns the outcome. */
    async function run({
      def,
      integration,
      method = "POST",
      query = "",
      headers = {},
      body,
    }: Sent): Promise<{ status: number; outcome: string }> {
      const url = `http://x/${def.kind}/${integration.slug}${query ? `?${query}` : ""}`;
      const loaded = await loadCallbackIntegration(t.db, masterKey, def.vendor, integration.slug);
      const request = new Request(url, {
        method,
        headers: { "content-type": "application/json", ...headers },
        body: method === "GET" ? undefined : body,
      });
      const bytes = Buffer.from(body ?? "");
      const result: HandlerResult = await def
        .handle({
          client: t.db,
          request,
          url: new URL(url),
          body: bytes,
          integration: loaded!,
          now: new Date(NOW * 1000),
          acceptOnce: async (call, key) => {
            const acceptance = await acceptOnce(t.db, loaded!.id, call);
            if (!("ref" in acceptance)) throw replayedRefusal(acceptance.detail, key);
          },
        })
        .catch((error: unknown) => {
          if (!(error instanceof CallbackRefusal)) throw error;
          return {
            status: error.status,
            outcome: error.outcome,
            detail: error.detail,
            body: def.refusal?.(error.outcome, error.publicMessage, request).body ?? { error: error.outcome },
            ...error.extra,
          };
        });
      await recordCall(t.db, {
        vendor: def.vendor,
        kind: def.kind,
        integrationId: integration.id,
        method,
        path: new URL(url).pathname,
        query,
        headers,
        body: bytes,
        outcome: result.outcome,
        status: result.status,
        detail: result.detail,
        decryptedRequest: result.decryptedRequest,
        decryptedResponse: result.decryptedResponse,
        customerId: result.customerId ?? null,
        responseBody: typeof result.body === "string" ? result.body : JSON.stringify(result.body),
        durationMs: 0,
      });
      return { status: result.status, outcome: result.outcome };
    }

    const crmCall = (query: unknown) => {
      const parameter = encrypt(JSON.stringify(query), "crm-secret");
      return run({
        def: sobotCrm,
        integration: crm,
        headers: { timestamp: String(NOW), sign: sign("1", String(NOW), "crm-secret", parameter) },
        body: JSON.stringify({ parameter }),
      });
    };

    it.each(HOSTILE)("Sobot CRM: a query of %j finds nobody", async (value) => {
      for (const field of ["partnerId", "tel", "email"])
        expect(await crmCall({ [field]: value, ...(field === "partnerId" ? {} : { partnerId: `p${value}` }) })).toEqual(
          { status: 200, outcome: "not_found" },
        );
    });

    it("Sobot CRM: a query nested 10,000 levels is malformed", async () => {
      const parameter = encrypt(`{"tel":"1","x":${deep(10_000)}}`, "crm-secret");
      const headers = { timestamp: String(NOW), sign: sign("1", String(NOW), "crm-secret", parameter) };
      expect(await run({ def: sobotCrm, integration: crm, headers, body: JSON.stringify({ parameter }) })).toEqual({
        status: 400,
        outcome: "malformed",
      });
    });

    it.each(HOSTILE)("Sobot webhook: %j in every text field is stored without NUL", async (value) => {
      const id = `hostile-${HOSTILE.indexOf(value)}`;
      const push = {
        id: `${id}${value}`,
        nick: value,
        uname: `u${value}`,
        remark: value,
        qq: value,
        face: value,
        pid: value,
        vip_level: value,
        user_label: `l${value}`,
        email: `${value}@x.example`,
        ex_fields: { city: value },
      };
      // Merging by contact looks the email up first; whether it is then a valid address or not,
      // the push is answered (200) or refused (400), never failed.
      const result = await run({ def: sobotWebhook, integration: webhook, body: JSON.stringify(push) });
      expect([
        { status: 200, outcome: "ok" },
        { status: 400, outcome: "malformed" },
      ]).toContainEqual(result);
      const again = await run({
        def: sobotWebhook,
        integration: webhook,
        body: JSON.stringify({ ...push, email: "" }),
      });
      expect(again).toEqual({ status: 200, outcome: "ok" });
      const stored = await t.db.customer.findFirst({
        where: { externalIds: { some: { kind: "sobot-customer", value: { startsWith: id } } } },
      });
      expect(stored).not.toBeNull();
      expect(JSON.stringify(stored)).not.toContain("\\u0000");
    });

    it("Sobot webhook: JSON nested 10,000 levels is malformed", async () => {
      expect(await run({ def: sobotWebhook, integration: webhook, body: `{"id":"deep","x":${deep(10_000)}}` })).toEqual(
        { status: 400, outcome: "malformed" },
      );
      expect(await run({ def: sobotWebhook, integration: webhook, body: deep(10_000) })).toEqual({
        status: 400,
        outcome: "malformed",
      });
    });

    it.each(HOSTILE)("Udesk: %j in ids, names and variables is answered", async (value) => {
      const message = {
        timestamp: NOW,
        sign: messageSign("对接一", "udesk-key", NOW),
        integrationName: "对接一",
        regex: value,
        questionContent: value,
        customerExtra: { customerId: value },
      };
      expect(await run({ def: udeskMessage, integration: udesk, body: JSON.stringify(message) })).toEqual({
        status: 200,
        outcome: "ok",
      });
      for (const taskNodeId of [value, "100"]) {
        const task = {
          taskNodeId,
          sessionId: value,
          timestamp: NOW,
          sign: taskSign("udesk-key", taskNodeId, value, NOW),
          variables: { phone: value },
          customerExtra: { customerId: value },
        };
        expect(await run({ def: udeskTask, integration: udesk, body: JSON.stringify(task) })).toEqual({
          status: 200,
          outcome: "not_found",
        });
      }
      const knowledge = {
        timestamp: NOW,
        sign: knowledgeSign("udesk-key", NOW),
        datumId: value,
        datumName: value,
        templateAttributeId: value,
        customer: { [value]: value },
      };
      expect(await run({ def: udeskKnowledge, integration: udesk, body: JSON.stringify(knowledge) })).toEqual({
        status: 200,
        outcome: "not_found",
      });
      // Wrong signs and timestamps carrying the value are refused, and logged.
      expect(
        await run({ def: udeskMessage, integration: udesk, body: JSON.stringify({ ...message, sign: value }) }),
      ).toEqual({ status: 401, outcome: "bad_signature" });
      const ts = { ...message, timestamp: value, sign: messageSign("对接一", "udesk-key", value) };
      expect(await run({ def: udeskMessage, integration: udesk, body: JSON.stringify(ts) })).toEqual({
        status: 400,
        outcome: "malformed",
      });
    });

    it("Udesk: JSON nested 10,000 levels is malformed", async () => {
      for (const def of [udeskMessage, udeskTask, udeskKnowledge]) {
        expect(await run({ def, integration: udesk, body: deep(10_000) })).toEqual({
          status: 400,
          outcome: "malformed",
        });
        expect(
          await run({ def, integration: udesk, body: `{"timestamp":${NOW},"variables":{"x":${deep(10_000)}}}` }),
        ).toEqual({ status: 400, outcome: "malformed" });
      }
    });

    it.each(HOSTILE)("Hyphenate: %j as a visitor id, in clear or decrypted, finds nobody", async (value) => {
      const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
      expect(
        await run({
          def: hyphenateIframe,
          integration: panel,
          method: "GET",
          query: q({ visitorImId: value, name: desEncrypt(value, "12345678-panel") }),
        }),
      ).toEqual({ status: 200, outcome: "not_found" });
      expect(
        await run({
          def: hyphenateIframe,
          integration: panelAll,
          method: "GET",
          query: q({ visitorImId: desEncrypt(value, "12345678-panel") }),
        }),
      ).toEqual({ status: 200, outcome: "not_found" });
    });
  });
}
