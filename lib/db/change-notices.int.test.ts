// On PostgreSQL each instance keeps the configuration vendor calls read (integrations with their keys,
// Udesk rules and templates, the Sobot dictionary) while the database's change notices arrive
// (lib/db/change-notices, migration 0017). What an operator would notice: a vendor call on a quiet
// integration asks the database nothing, a change made anywhere (another instance, plain SQL)
// reaches the next calls within moments, a change made on this instance at once, and when the
// notices stop, every call asks the database again until they resume.
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { configurationGeneration } from "@/lib/db/prepared";
import {
  createIntegration,
  loadCallbackIntegration,
  updateIntegration,
  type IntegrationView,
} from "@/lib/integrations/integrations";
import { rotateSecret } from "@/lib/integrations/rotation";
import { defaultConfig } from "@/lib/templates/config";
import { createTemplate, templateFor } from "@/lib/templates/templates";
import { loadDictionary, recordUnnamed } from "@/lib/vendors/sobot/dictionary";
import { answerFor, saveRule } from "@/lib/vendors/udesk/rules";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

const postgres = (await providersUnderTest()).find((p) => p.name === "postgresql")!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds or `ms` pass; whether it held. */
async function eventually(check: () => Promise<boolean> | boolean, ms = 5000): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(25)) if (await check()) return true;
  return check();
}

describe.skipIf(postgres.skip)("integration change notices on postgresql", () => {
  const masterKey = crypto.randomBytes(32);
  let t: TestDatabase;
  // A second instance of Deskbridge on the same database: its own client, runner and listener.
  let other: Db;
  let admin: pg.Client;
  let name: string;

  beforeAll(async () => {
    t = await createDatabase("postgresql");
    other = await createDb(t.url);
    name = decodeURIComponent(new URL(t.url).pathname.slice(1));
    admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await other?.$disconnect();
    await t?.drop();
  });

  const udesk = (label: string) =>
    createIntegration(t.db, masterKey, {
      vendor: "udesk",
      name: label,
      settings: { integrationName: label },
      secrets: { key: `key-of-${label}-0123456789` },
    });
  const load = (db: Db, integration: IntegrationView) =>
    loadCallbackIntegration(db, masterKey, "udesk", integration.endpoints.message.split("/").pop()!);
  /** Loads until the instance listens and has confirmed the integration under its generation. */
  const warm = async (db: Db, integration: IntegrationView) => {
    expect(await eventually(() => configurationGeneration(db) !== null)).toBe(true);
    await load(db, integration);
    await load(db, integration);
  };

  it("answers a call on a quiet integration without asking the database", async () => {
    const integration = await udesk("quiet");
    await warm(other, integration);
    // Another session holds the integrations' table: a query about it would wait.
    const holder = new pg.Client({ connectionString: t.url });
    await holder.connect();
    try {
      await holder.query('BEGIN; LOCK TABLE "Integration" IN ACCESS EXCLUSIVE MODE');
      const loaded = await Promise.race([load(other, integration), sleep(1500).then(() => "waited" as const)]);
      expect(loaded).not.toBe("waited");
      expect(loaded).toMatchObject({ id: integration.id, enabled: true });
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
  });

  const answer = (db: Db, integration: IntegrationView) =>
    answerFor(db, integration.id, {}, { regex: "", question: "退货", customer: null, latestOrder: null });

  it("answers from kept rules, templates and dictionary without asking the database", async () => {
    const integration = await udesk("kept");
    await saveRule(t.db, integration.id, { matchType: "always", pattern: "", answer: "请稍候" });
    await createTemplate(t.db, {
      integrationId: integration.id,
      name: "Orders",
      taskNodeId: "100",
      config: defaultConfig("bubble_list"),
    });
    await recordUnnamed(t.db, "company-kept", [{ type: "label", id: "tag-1" }]);
    await warm(other, integration);
    for (let i = 0; i < 2; i++) {
      await answer(other, integration);
      await templateFor(other, integration.id, "100");
      await loadDictionary(other, "company-kept");
    }
    const holder = new pg.Client({ connectionString: t.url });
    await holder.connect();
    try {
      await holder.query(
        'BEGIN; LOCK TABLE "UdeskRule", "CardTemplate", "SobotDictionaryEntry" IN ACCESS EXCLUSIVE MODE',
      );
      const all = Promise.all([
        answer(other, integration),
        templateFor(other, integration.id, "100"),
        loadDictionary(other, "company-kept"),
      ]);
      const kept = await Promise.race([all, sleep(1500).then(() => "waited" as const)]);
      expect(kept).not.toBe("waited");
      const [rule, template, dictionary] = kept as Awaited<typeof all>;
      expect(rule.answer).toBe("请稍候");
      expect(template?.name).toBe("Orders");
      expect([...dictionary.byId.label.keys()]).toEqual(["tag-1"]);
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
  });

  it("answers with a rule and a tag name added by plain SQL once their notice arrives", async () => {
    const integration = await udesk("rules by SQL");
    await recordUnnamed(t.db, "company-sql", [{ type: "label", id: "tag-2" }]);
    await warm(other, integration);
    expect((await answer(other, integration)).rule).toBeNull();
    expect((await loadDictionary(other, "company-sql")).byId.label.get("tag-2")).toBeNull();
    await admin.query(
      `INSERT INTO "UdeskRule" ("integrationId", "position", "matchType", "pattern", "answer", "updatedAt")
       VALUES ($1, 1, 'always', '', '新的答案', now())`,
      [integration.id],
    );
    await admin.query(
      `UPDATE "SobotDictionaryEntry" SET "name" = '重要客户' WHERE "companyId" = 'company-sql' AND "sobotId" = 'tag-2'`,
    );
    expect(await eventually(async () => (await answer(other, integration)).answer === "新的答案", 3000)).toBe(true);
    expect((await loadDictionary(other, "company-sql")).byId.label.get("tag-2")).toBe("重要客户");
  });

  it("keeps what it read when a push brings only ids already known", async () => {
    await recordUnnamed(t.db, "company-known", [{ type: "label", id: "tag-3" }]);
    expect(await eventually(() => configurationGeneration(other) !== null)).toBe(true);
    await sleep(200);
    const before = configurationGeneration(other);
    await recordUnnamed(t.db, "company-known", [{ type: "label", id: "tag-3" }]);
    await sleep(300);
    expect(configurationGeneration(other)).toBe(before);
  });

  it("applies a change made elsewhere, even by plain SQL, to the calls after its notice", async () => {
    const integration = await udesk("elsewhere");
    await warm(other, integration);
    // Plain SQL leaves updatedAt as it was: only the notice tells.
    await admin.query(`UPDATE "Integration" SET "enabled" = false WHERE "id" = $1`, [integration.id]);
    expect(await eventually(async () => (await load(other, integration))?.enabled === false, 3000)).toBe(true);
  });

  it("applies a change made on this instance to the very next call", async () => {
    const integration = await udesk("here");
    await warm(t.db, integration);
    await warm(other, integration);
    await rotateSecret(t.db, masterKey, integration.id, "key", "the-new-key-9876543210", 0);
    expect((await load(other, integration))?.keys.key.map((k) => k.value)).toEqual(["the-new-key-9876543210"]);
    await updateIntegration(t.db, integration.id, { enabled: false });
    expect((await load(t.db, integration))?.enabled).toBe(false);
  });

  it("asks the database on every call while the notices are lost, and listens again", async () => {
    const integration = await udesk("lost");
    await warm(other, integration);
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = $1 AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
      [name],
    );
    expect(await eventually(() => configurationGeneration(other) === null)).toBe(true);
    // No listener hears this one; the call asks the database and sees it.
    await admin.query(`UPDATE "Integration" SET "enabled" = false, "updatedAt" = now() WHERE "id" = $1`, [
      integration.id,
    ]);
    expect((await load(other, integration))?.enabled).toBe(false);
    expect(await eventually(() => configurationGeneration(other) !== null)).toBe(true);
  });
});
