// The callback pipeline end to end in-process, on real databases: replay protection (a call is
// accepted once; the unique key holds across app instances, so two clients on one database are
// two instances), rate limits per integration and per source address with 429 + Retry-After, and
// the answer when the database cannot be reached. Every request, refused or not, is logged.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runCallback } from "@/lib/callbacks/pipeline";
import type { CallbackDefinition } from "@/lib/callbacks/types";
import { closeJournal, flushJournal, journalStatus } from "@/lib/calls/journal";
import { createDb } from "@/lib/db/client";
import { createIntegration, type IntegrationView } from "@/lib/integrations/integrations";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { encrypt, sign as sobotSign } from "@/lib/vendors/sobot/codec";
import { sobotCrm } from "@/lib/vendors/sobot/crm";
import { knowledgeSign, messageSign } from "@/lib/vendors/udesk/codec";
import { udeskKnowledge, udeskMessage } from "@/lib/vendors/udesk/handlers";
import { sobotWebhook } from "@/lib/vendors/sobot/webhook";
import { hyphenateIframe } from "@/lib/vendors/hyphenate/iframe";
import { renderMetrics } from "@/lib/metrics/metrics";

const KEY = "pipeline-udesk-key-7f3a";
const SOBOT_SECRET = "pipeline-sobot-secret-91c2";
const holder = globalThis as unknown as { __deskbridgeDb?: Promise<unknown> };
const ENV_KEYS = [
  "DATABASE_URL",
  "DESKBRIDGE_DATA_DIR",
  "DESKBRIDGE_MASTER_KEY",
  "DESKBRIDGE_DEMO",
  "ADMIN_EMAIL",
  "ADMIN_PASSWORD",
  "DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_INTEGRATION",
  "DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_ADDRESS",
  "DESKBRIDGE_DB_TIMEOUT_MS",
];
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

function useDatabase(url: string) {
  holder.__deskbridgeDb = undefined;
  process.env.DATABASE_URL = url;
}

const now = () => String(Math.floor(Date.now() / 1000));

function post(
  def: CallbackDefinition,
  slug: string,
  body: unknown,
  headers: Record<string, string> = {},
  address = "203.0.113.7",
) {
  const kindPath = def.vendor === "sobot" ? `sobot/${def.kind}` : `${def.vendor}/${def.kind}`;
  const request = new Request(`http://localhost/api/callbacks/${kindPath}/${slug}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return runCallback(def, request, slug);
}

const knowledgeBody = (timestamp: string, datumId: string) => ({
  timestamp,
  sign: knowledgeSign(KEY, timestamp),
  datumId,
  datumName: "退货",
  sessionId: 1,
});

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`the callback pipeline on ${provider.name}`, () => {
    let t: TestDatabase;
    let udesk: IntegrationView;
    let sobot: IntegrationView;
    const masterKeyHex = crypto.randomBytes(32).toString("hex");
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-pipeline-"));

    const calls = (integrationId: string | null) =>
      t.db.call.findMany({
        where: integrationId ? { integrationId } : { integrationId: null },
        orderBy: { id: "asc" },
        select: { outcome: true, status: true },
      });

    beforeAll(async () => {
      t = await createDatabase(provider.name);
      Object.assign(process.env, {
        DESKBRIDGE_DATA_DIR: dataDir,
        DESKBRIDGE_MASTER_KEY: masterKeyHex,
        DESKBRIDGE_DEMO: "0",
        ADMIN_EMAIL: "admin@pipeline.test",
        ADMIN_PASSWORD: "pipeline-admin-password",
      });
      useDatabase(t.url);
      const key = Buffer.from(masterKeyHex, "hex");
      udesk = await createIntegration(t.db, key, {
        vendor: "udesk",
        name: "Pipeline Udesk",
        settings: { integrationName: "管道", knowledgeFallback: "暂无" },
        secrets: { key: KEY },
      });
      sobot = await createIntegration(t.db, key, {
        vendor: "sobot-crm",
        name: "Pipeline Sobot",
        settings: { companyId: "c-pipe" },
        secrets: { secretKey: SOBOT_SECRET },
      });
    });
    afterEach(() => {
      delete process.env.DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_INTEGRATION;
      delete process.env.DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_ADDRESS;
      useDatabase(t.url);
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

    it("answers a copy of a lookup as usual and logs it as a duplicate (counted in metrics)", async () => {
      const before = (await calls(udesk.id)).length;
      const ts = now();
      const first = await post(udeskKnowledge, udesk.slug, knowledgeBody(ts, "d-1"));
      expect(first.status).toBe(200);
      const firstAnswer = await first.json();
      const again = await post(udeskKnowledge, udesk.slug, knowledgeBody(ts, "d-1"));
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(firstAnswer);
      const logged = (await calls(udesk.id)).slice(before);
      expect(logged.map((c) => [c.outcome, c.status])).toEqual([
        ["not_found", 200],
        ["duplicate", 200],
      ]);
      expect(await renderMetrics()).toMatch(
        /deskbridge_callback_calls_total\{vendor="udesk",kind="knowledge",outcome="duplicate"\} [1-9]/,
      );
    });

    it("refuses a copy as replayed (409) when the integration refuses duplicates", async () => {
      const key = Buffer.from(masterKeyHex, "hex");
      const strict = await createIntegration(t.db, key, {
        vendor: "udesk",
        name: "Pipeline Udesk (strict)",
        settings: { integrationName: "管道", knowledgeFallback: "暂无", refuseDuplicates: true },
        secrets: { key: KEY },
      });
      const ts = now();
      expect((await post(udeskKnowledge, strict.slug, knowledgeBody(ts, "d-9"))).status).toBe(200);
      const again = await post(udeskKnowledge, strict.slug, knowledgeBody(ts, "d-9"));
      expect(again.status).toBe(409);
      expect(await again.json()).toEqual({
        resCode: -1,
        resError: "This call was already accepted; a vendor sends each call once with a fresh timestamp.",
        error: "replayed",
      });
      expect((await calls(strict.id)).map((c) => [c.outcome, c.status])).toEqual([
        ["not_found", 200],
        ["replayed", 409],
      ]);
    });

    it("tells apart two different Udesk calls in the same second (the sign leaves out the payload)", async () => {
      const ts = now();
      expect((await post(udeskKnowledge, udesk.slug, knowledgeBody(ts, "d-2"))).status).toBe(200);
      expect((await post(udeskKnowledge, udesk.slug, knowledgeBody(ts, "d-3"))).status).toBe(200);
      // Re-encoding the JSON does not make a copy new.
      const copy = JSON.stringify(knowledgeBody(ts, "d-3"), null, 2);
      expect((await post(udeskKnowledge, udesk.slug, copy)).status).toBe(200);
      expect((await calls(udesk.id)).slice(-3).map((c) => c.outcome)).toEqual(["not_found", "not_found", "duplicate"]);
    });

    it("knows a copy on another app instance too: the unique key is in the database", async () => {
      const ts = now();
      const body = {
        timestamp: ts,
        sign: messageSign("管道", KEY, ts),
        integrationName: "管道",
        questionContent: "你好",
      };
      expect((await post(udeskMessage, udesk.slug, body)).status).toBe(200);
      // A second instance: its own client on the same database.
      const other = await createDb(t.url);
      try {
        const { acceptOnce } = await import("@/lib/callbacks/replay-guard");
        expect(await acceptOnce(other, udesk.id, { sign: body.sign, timestamp: ts, payload: body })).toMatchObject({
          duplicateOf: expect.any(Date),
        });
      } finally {
        await other.$disconnect();
      }
    });

    it("answers a Sobot CRM lookup retried with the same sign and timestamp with the same profile", async () => {
      const ts = now();
      const parameter = encrypt(JSON.stringify({ partnerid: "nobody-here" }), SOBOT_SECRET);
      const headers = { timestamp: ts, sign: sobotSign("c-pipe", ts, SOBOT_SECRET, parameter) };
      const first = await post(sobotCrm, sobot.slug, { parameter }, headers);
      expect(first.status).toBe(200);
      const again = await post(sobotCrm, sobot.slug, { parameter }, headers);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ data: "" });
      const logged = await calls(sobot.id);
      expect(logged.at(-1)).toMatchObject({ outcome: "duplicate", status: 200 });
    });

    it("marks the Hyphenate panel loaded twice in the same second as a duplicate, and answers both", async () => {
      const key = Buffer.from(masterKeyHex, "hex");
      const panel = await createIntegration(t.db, key, {
        vendor: "hyphenate",
        name: "Pipeline panel",
        settings: {},
        secrets: {},
      });
      const load = () =>
        runCallback(
          hyphenateIframe,
          new Request(`http://localhost/hyphenate/${panel.slug}?visitorImId=nobody-${ts}`, {
            headers: { "x-forwarded-for": "203.0.113.8" },
          }),
          panel.slug,
        );
      const ts = Date.now();
      // Both loads inside one second: start just after a second begins.
      await new Promise((r) => setTimeout(r, 1010 - (Date.now() % 1000)));
      const [a, b] = [await load(), await load()];
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(await b.text()).toBe(await a.text());
      expect((await calls(panel.id)).map((c) => c.outcome)).toEqual(["not_found", "duplicate"]);
    });

    it("never logs a secret a caller sent: the webhook app's own header name, or a key in query or body", async () => {
      const key = Buffer.from(masterKeyHex, "hex");
      const shared = "pipeline-shared-header-secret-77";
      const hook = await createIntegration(t.db, key, {
        vendor: "sobot-webhook",
        name: "Pipeline hook",
        settings: { authMode: "header", headerName: "x-probe-auth" },
        secrets: { sharedSecret: shared },
      });
      const request = (headers: Record<string, string>, body: unknown) =>
        runCallback(
          sobotWebhook,
          new Request(`http://localhost/api/callbacks/sobot/webhook/${hook.slug}?echo=${encodeURIComponent(shared)}`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.9", ...headers },
            body: JSON.stringify(body),
          }),
          hook.slug,
        );
      expect((await request({ "x-probe-auth": shared }, { id: "redact-1" })).status).toBe(200);
      // The right secret under a wrong header name, and inside the body.
      expect((await request({ "x-probe-autth": shared }, { id: "redact-2", remark: shared })).status).toBe(401);
      const logged = JSON.stringify(await t.db.call.findMany({ where: { integrationId: hook.id } }));
      expect(logged).not.toContain(shared);
      expect(logged).toContain('\\"x-probe-auth\\":\\"[redacted]\\"');
    });

    it("answers an integration segment that is not base64url with 404 without a lookup", async () => {
      const r = await post(udeskKnowledge, "a\u0000b", knowledgeBody(now(), "nul"));
      expect(r.status).toBe(404);
      expect(
        await t.db.call.findFirst({ where: { outcome: "unknown_integration", path: { endsWith: "/a%00b" } } }),
      ).toBeTruthy();
    });

    it("limits calls per integration with 429 and Retry-After, and logs the refusals", async () => {
      process.env.DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_INTEGRATION = "3";
      const before = (await calls(udesk.id)).length;
      const statuses: number[] = [];
      let limited: Response | undefined;
      for (let i = 0; i < 5; i++) {
        const r = await post(udeskKnowledge, udesk.slug, knowledgeBody(now(), `rate-${i}`), {}, `198.51.100.${i}`);
        statuses.push(r.status);
        if (r.status === 429) limited ??= r;
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(await limited!.json()).toEqual({
        resCode: -1,
        resError: "Too many calls; retry later.",
        error: "rate_limited",
      });
      const logged = (await calls(udesk.id)).slice(before);
      expect(logged.map((c) => c.outcome)).toEqual([
        "not_found",
        "not_found",
        "not_found",
        "rate_limited",
        "rate_limited",
      ]);
    });

    it("limits calls per source address, before the database is touched, and logs them", async () => {
      process.env.DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_ADDRESS = "2";
      const limitedBefore = await t.db.call.count({ where: { outcome: "rate_limited" } });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push(
          (await post(udeskKnowledge, udesk.slug, knowledgeBody(now(), `addr-${i}`), {}, "192.0.2.55")).status,
        );
      // Another address is not affected.
      statuses.push(
        (await post(udeskKnowledge, udesk.slug, knowledgeBody(now(), "addr-other"), {}, "192.0.2.56")).status,
      );
      expect(statuses).toEqual([200, 200, 429, 200]);
      const refused = await t.db.call.findMany({
        where: { outcome: "rate_limited" },
        orderBy: { id: "asc" },
        skip: limitedBefore,
      });
      expect(refused).toEqual([expect.objectContaining({ status: 429, vendor: "udesk", kind: "knowledge" })]);
    });

    it.skipIf(provider.name !== "postgresql")(
      "answers 503 with Retry-After at once when the database cannot be reached, and logs the call when it is back",
      async () => {
        // Nothing listens on this port: the connection is refused.
        useDatabase("postgres://postgres@127.0.0.1:1/nowhere");
        const started = Date.now();
        const r = await post(udeskKnowledge, udesk.slug, knowledgeBody(now(), "outage"));
        expect(Date.now() - started).toBeLessThan(5000);
        expect(r.status).toBe(503);
        expect(r.headers.get("retry-after")).toBe("5");
        expect(journalStatus().pending).toBeGreaterThan(0);
        // The database is back: the entry kept during the outage is written with its arrival time.
        useDatabase(t.url);
        const { db } = await import("@/lib/db");
        expect(await flushJournal(db)).toBeGreaterThan(0);
        await closeJournal();
        const logged = await t.db.call.findFirst({ where: { outcome: "unavailable" }, orderBy: { id: "desc" } });
        expect(logged).toMatchObject({ status: 503, path: `/api/callbacks/udesk/knowledge/${udesk.slug}` });
      },
    );
  });
}
