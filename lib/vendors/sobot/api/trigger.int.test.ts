// The Sobot token manager and trigger client against a fake Sobot server in its own process,
// on SQLite and PostgreSQL: one token for many triggers, refresh after expiry, re-acquire on
// 900002, at most 50 triggers per second (across two processes too), retries only where the canvas
// cannot have run, codes as messages, all logged.
import { spawn } from "node:child_process";
import path from "node:path";
import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { createDb } from "@/lib/db/client";
import { startFakeSobot, type FakeSobot } from "@/lib/testing/fake-sobot";
import { createIntegration, loadIntegrationWithKeys } from "@/lib/integrations/integrations";
import { addTrigger } from "@/lib/vendors/sobot/api/triggers";
import { sendTrigger } from "@/lib/vendors/sobot/api/trigger";
import { getToken } from "@/lib/vendors/sobot/api/token";

const APPID = "app-e2e";
const APP_KEY = "app-key-for-tests-0001";
const TRIGGER_SECRET = "trigger-secret-for-tests-01";

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`Sobot open API on ${provider.name}`, () => {
    let t: TestDatabase;
    let fake: FakeSobot;
    const masterKey = crypto.randomBytes(32);
    let integrationId = "";

    beforeAll(async () => {
      t = await createDatabase(provider.name);
      fake = await startFakeSobot({ FAKE_SOBOT_APPID: APPID, FAKE_SOBOT_APP_KEY: APP_KEY });
    });
    afterAll(async () => {
      await fake?.stop();
      await t?.drop();
    });
    beforeEach(async () => {
      await fake.control({ reset: true, secrets: { "1760950090021666816": TRIGGER_SECRET } });
      const integration = await createIntegration(t.db, masterKey, {
        vendor: "sobot-api",
        name: `api ${crypto.randomUUID()}`,
        settings: { baseUrl: fake.url, appid: APPID },
        secrets: { appKey: APP_KEY },
      });
      integrationId = integration.id;
      await addTrigger(t.db, masterKey, integrationId, {
        name: "new-order",
        triggerId: "1760950090021666816",
        secret: TRIGGER_SECRET,
      });
    });

    const send = (body: object = { Contact_id: "c1", nick: "John" }) =>
      sendTrigger(t.db, masterKey, integrationId, "new-order", body, { backoffMs: [50, 100] });

    it("fetches one token for many triggers, shared by concurrent callers", async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => send()));
      expect(results.every((r) => r.ok && r.code === "000000")).toBe(true);
      for (let i = 0; i < 5; i++) expect((await send()).ok).toBe(true);
      const stats = await fake.stats();
      expect(stats.tokenRequests).toBe(1);
      expect(stats.triggers).toHaveLength(15);
      expect(new Set(stats.triggers.map((x) => x.token)).size).toBe(1);
      expect(JSON.parse(stats.triggers[0].body)).toEqual({ Contact_id: "c1", nick: "John" });
    });

    it("keeps the token in the database, sealed, so another instance uses the same one", async () => {
      await send();
      const row = await t.db.apiToken.findUniqueOrThrow({ where: { integrationId } });
      const { current } = await fake.stats();
      expect(row.sealed).not.toContain(current!);
      // A fresh process would start with an empty in-memory state and read the database.
      const integration = await loadIntegrationWithKeys(t.db, masterKey, integrationId, "sobot-api");
      expect(await getToken(t.db, masterKey, integration!)).toBe(current);
      expect((await fake.stats()).tokenRequests).toBe(1);
    });

    // Several instances share one database on PostgreSQL (an SQLite file serves one app).
    it.skipIf(provider.name !== "postgresql")(
      "two instances asking for the first token at once fetch it once, and neither fails",
      async () => {
        // A second instance: its own database client and its own copy of the token module (so no
        // in-process promise is shared), racing this one to create the token row and refresh it.
        const otherDb = await createDb(t.url);
        vi.resetModules();
        const other = await import("@/lib/vendors/sobot/api/token");
        expect(other.getToken).not.toBe(getToken);
        try {
          await fake.control({ tokenDelayMs: 300 });
          const [mine, theirs] = await Promise.all([
            loadIntegrationWithKeys(t.db, masterKey, integrationId, "sobot-api"),
            loadIntegrationWithKeys(otherDb, masterKey, integrationId, "sobot-api"),
          ]);
          const tokens = await Promise.all([
            getToken(t.db, masterKey, mine!),
            other.getToken(otherDb, masterKey, theirs!),
          ]);
          const { tokenRequests, current } = await fake.stats();
          expect(tokenRequests).toBe(1);
          expect(tokens).toEqual([current, current]);
        } finally {
          await otherDb.$disconnect();
        }
      },
    );

    it("refreshes the token after it expires", async () => {
      await fake.control({ expiresIn: 1 });
      expect((await send()).ok).toBe(true);
      await new Promise((r) => setTimeout(r, 1_200));
      expect((await send()).ok).toBe(true);
      expect((await fake.stats()).tokenRequests).toBe(2);
    });

    it("re-acquires the token once when Sobot says it expired (900002)", async () => {
      expect((await send()).ok).toBe(true);
      await fake.control({ invalidateToken: true });
      const result = await send();
      expect(result).toMatchObject({ ok: true, attempts: 2 });
      expect((await fake.stats()).tokenRequests).toBe(2);
    });

    it("never exceeds 50 triggers per second at Sobot, and drops none of a burst of 200", async () => {
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) => send({ Contact_id: `c${i}`, nick: `n${i}` })),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      const arrivals = (await fake.stats()).triggers.map((x) => x.at).sort((a, b) => a - b);
      expect(arrivals).toHaveLength(200);
      let worst = 0;
      for (let i = 0; i < arrivals.length; i++) {
        let j = i;
        while (j < arrivals.length && arrivals[j] < arrivals[i] + 1000) j++;
        worst = Math.max(worst, j - i);
      }
      expect(worst).toBeLessThanOrEqual(50);
      expect(arrivals.at(-1)! - arrivals[0]).toBeGreaterThanOrEqual(3000);
    }, 30_000);

    it("retries only what cannot have run the canvas: 503 and 910024, not 502 or business errors", async () => {
      await fake.control({
        failNext: [
          { status: 503, body: {} },
          { status: 400, body: { ret_code: "910024" } },
        ],
      });
      expect(await send()).toMatchObject({ ok: true, attempts: 3 });

      await fake.control({ failNext: [{ status: 502, body: {} }] });
      expect(await send()).toMatchObject({ ok: false, code: "HTTP 502", attempts: 1 });
      const [last] = await t.db.call.findMany({
        where: { integrationId, kind: "trigger" },
        orderBy: { id: "desc" },
        take: 1,
      });
      expect(last.detail).toContain("not retried: Sobot may have run the canvas before answering 502");

      await fake.control({ failNext: [{ status: 400, body: { ret_code: "910025" } }] });
      const canvas = await send();
      expect(canvas).toMatchObject({
        ok: false,
        code: "910025",
        attempts: 1,
        message: "The rule-engine canvas is not activated",
      });
    });

    it("two instances firing one trigger id send at most 50 in any second to Sobot", async () => {
      // Two processes on the same database, each with its own memory, firing at the same moment.
      await send(); // the token, fetched once beforehand
      await fake.control({ reset: true, secrets: { "1760950090021666816": TRIGGER_SECRET } });
      await t.db.apiToken.deleteMany({});
      const at = Date.now() + 8_000;
      const burst = () => {
        const child = spawn(
          process.execPath,
          [
            "--conditions=react-server",
            "--import",
            "tsx",
            path.join(import.meta.dirname, "../../../testing/trigger-burst.ts"),
            integrationId,
            "new-order",
            "100",
          ],
          {
            cwd: path.resolve(import.meta.dirname, "../../../.."),
            env: {
              ...process.env,
              DATABASE_URL: t.url,
              BURST_MASTER_KEY: masterKey.toString("hex"),
              BURST_AT: String(at),
              TSX_TSCONFIG_PATH: path.resolve(import.meta.dirname, "../../../../tsconfig.json"),
            },
            stdio: ["ignore", "pipe", "inherit"],
          },
        );
        let output = "";
        child.stdout.on("data", (d: Buffer) => (output += d.toString()));
        return new Promise<{ code: number | null; output: string }>((resolve) =>
          child.once("exit", (code) => resolve({ code, output })),
        );
      };
      const results = await Promise.all([burst(), burst()]);
      for (const r of results) {
        expect(r.code).toBe(0);
        expect(JSON.parse(r.output)).toEqual({ ok: 100 });
      }
      const stats = await fake.stats();
      expect(stats.triggers).toHaveLength(200);
      const perSecond = Object.values(stats.perSecond["1760950090021666816"]);
      expect(perSecond.reduce((a, b) => a + b, 0)).toBe(200);
      expect(Math.max(...perSecond)).toBeLessThanOrEqual(50);
      // And over any sliding second, not only whole ones.
      const arrivals = stats.triggers.map((x) => x.at).sort((a, b) => a - b);
      let worst = 0;
      for (let i = 0; i < arrivals.length; i++) {
        let j = i;
        while (j < arrivals.length && arrivals[j] < arrivals[i] + 1000) j++;
        worst = Math.max(worst, j - i);
      }
      expect(worst).toBeLessThanOrEqual(50);
    }, 60_000);

    it("logs every outbound request with secrets redacted", async () => {
      await send();
      const calls = await t.db.call.findMany({ where: { integrationId }, orderBy: { id: "asc" } });
      expect(calls.map((c) => [c.direction, c.kind, c.outcome])).toEqual([
        ["out", "get_token", "ok"],
        ["out", "trigger", "ok"],
      ]);
      const { current } = await fake.stats();
      const logged = JSON.stringify(calls);
      for (const secret of [APP_KEY, TRIGGER_SECRET, current!]) expect(logged).not.toContain(secret);
      expect(JSON.parse(calls[1].headers)).toMatchObject({
        "trigger-id": "1760950090021666816",
        secret: "[redacted]",
        token: "[redacted]",
      });
    });

    it("names a wrong app_key (900003) and an unknown trigger", async () => {
      const other = await createIntegration(t.db, masterKey, {
        vendor: "sobot-api",
        name: `bad ${crypto.randomUUID()}`,
        settings: { baseUrl: fake.url, appid: APPID },
        secrets: { appKey: "wrong-app-key-000" },
      });
      await addTrigger(t.db, masterKey, other.id, { name: "t", triggerId: "1", secret: "s" });
      await expect(sendTrigger(t.db, masterKey, other.id, "t", {})).rejects.toMatchObject({
        code: "900003",
        message: "Incorrect signature (check appid and app_key)",
      });
      await expect(sendTrigger(t.db, masterKey, integrationId, "nope", {})).rejects.toMatchObject({
        code: "not_found",
      });
    });
  });
}
