// Nothing a vendor sent is lost when the database does not take writes. Through the real callback
// pipeline, on real files: a call answered 503 during an outage is in the journal file before the
// answer, and a process that starts later (after the first stopped) writes it to the log with its
// arrival time; an entry the database refuses for another reason is set aside with the reason and
// the others are written; a full disk (a real tmpfs filled to the last byte) and a read-only
// database file (an immutable file: even root cannot write it) both answer 503 with Retry-After,
// keep the call, show in the health check, and recover by themselves; a client that aborts its
// upload gets its own outcome.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runCallback } from "@/lib/callbacks/pipeline";
import { closeJournal, flushJournal, journalStatus, keepCall, startJournal } from "@/lib/calls/journal";
import { createDb, type Db } from "@/lib/db/client";
import { writeCondition } from "@/lib/db/conditions";
import { listMigrations, migrate } from "@/lib/db/migrate";
import { checkHealth } from "@/lib/health/health";
import { createIntegration, type IntegrationView } from "@/lib/integrations/integrations";
import { createDatabase, type TestDatabase } from "@/lib/testing/databases";
import { mountSmallDisk, type SmallDisk } from "@/lib/testing/small-disk";
import { knowledgeSign } from "@/lib/vendors/udesk/codec";
import { udeskKnowledge } from "@/lib/vendors/udesk/handlers";

const KEY = "journal-udesk-key-5d1e";
const holder = globalThis as unknown as { __deskbridgeDb?: Promise<unknown> };
const ENV_KEYS = [
  "DATABASE_URL",
  "DESKBRIDGE_DATA_DIR",
  "DESKBRIDGE_MASTER_KEY",
  "DESKBRIDGE_DEMO",
  "DESKBRIDGE_DB_TIMEOUT_MS",
];
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
const masterKeyHex = crypto.randomBytes(32).toString("hex");

function pointAppAt(url: string) {
  holder.__deskbridgeDb = undefined;
  process.env.DATABASE_URL = url;
}
const app = async () => (await import("@/lib/db")).db;

let sequence = 0;
function knowledgeCall(slug: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const body =
    init.body ??
    JSON.stringify({ timestamp, sign: knowledgeSign(KEY, timestamp), datumId: `j-${++sequence}`, sessionId: 1 });
  const request = new Request(`http://localhost/api/callbacks/udesk/knowledge/${slug}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.9", ...init.headers },
    body,
    duplex: "half",
  } as RequestInit);
  return { response: runCallback(udeskKnowledge, request, slug), datumId: `j-${sequence}` };
}

const journalFiles = (dataDir: string) =>
  fs.readdirSync(path.join(dataDir, "journal")).filter((name) => /^calls-.*\.jsonl$/.test(name));
/** The bodies of the calls waiting in the journal files (each line: a status byte, then JSON). */
const journalText = (dataDir: string) =>
  journalFiles(dataDir)
    .flatMap((name) => fs.readFileSync(path.join(dataDir, "journal", name), "utf8").split(/[\n\0]+/))
    .filter((line) => line.startsWith("P"))
    .map((line) => Buffer.from(JSON.parse(line.slice(1)).body ?? "", "base64").toString("utf8"))
    .join("\n");

async function health(getClient: () => Promise<Db>) {
  return checkHealth(
    getClient,
    listMigrations("sqlite").map((m) => m.name),
    2000,
    {
      writeCondition: () => writeCondition().condition,
      journal: journalStatus,
    },
  );
}

async function setUp(url: string, db: Db, dataDir: string): Promise<IntegrationView> {
  Object.assign(process.env, {
    DESKBRIDGE_DATA_DIR: dataDir,
    DESKBRIDGE_MASTER_KEY: masterKeyHex,
    DESKBRIDGE_DEMO: "0",
  });
  pointAppAt(url);
  return createIntegration(db, Buffer.from(masterKeyHex, "hex"), {
    vendor: "udesk",
    name: `Journal ${crypto.randomBytes(3).toString("hex")}`,
    settings: { integrationName: "日志", knowledgeFallback: "暂无" },
    secrets: { key: KEY },
  });
}

afterEach(async () => {
  await closeJournal();
});
afterAll(() => {
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  holder.__deskbridgeDb = undefined;
});

describe("the call journal during an outage, across a restart", () => {
  let t: TestDatabase;
  let udesk: IntegrationView;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-journal-"));
  beforeAll(async () => {
    t = await createDatabase("sqlite");
    udesk = await setUp(t.url, t.db, dataDir);
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("journals each 503'd call before answering, and a later process writes them with their arrival time", async () => {
    // PostgreSQL that refuses connections: every call is answered 503.
    pointAppAt("postgres://postgres@127.0.0.1:1/nowhere");
    const sent: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { response, datumId } = knowledgeCall(udesk.slug);
      const r = await response;
      expect(r.status).toBe(503);
      expect(r.headers.get("retry-after")).toBe("5");
      // Already on disk when the answer is given.
      expect(journalText(dataDir)).toContain(datumId);
      sent.push(datumId);
    }
    const arrived = new Date();
    // The process stops (its lock is released, as on SIGTERM; a killed one's goes stale).
    await closeJournal();
    expect(await t.db.call.count({ where: { outcome: "unavailable" } })).toBe(0);

    // A new process, with the database back, takes over the journal at start.
    pointAppAt(t.url);
    await startJournal(await app(), path.join(dataDir, "journal"));
    const logged = await t.db.call.findMany({ where: { outcome: "unavailable" }, orderBy: { id: "asc" } });
    expect(logged.map((c) => JSON.parse(c.requestBody ?? "{}").datumId)).toEqual(sent);
    for (const c of logged) {
      expect(c).toMatchObject({ status: 503, path: `/api/callbacks/udesk/knowledge/${udesk.slug}` });
      expect(c.createdAt.getTime()).toBeLessThanOrEqual(arrived.getTime());
      expect(c.detail).toMatch(/could not be reached/);
    }
    expect(journalStatus().pending).toBe(0);
    // Written once: the taken-over file is gone, and nothing is replayed twice.
    expect(journalText(dataDir)).not.toContain(sent[0]);
    expect(await flushJournal(await app(), path.join(dataDir, "journal"))).toBe(0);
    expect(await t.db.call.count({ where: { outcome: "unavailable" } })).toBe(3);
  });

  it("sets aside an entry the database refuses for another reason, with the reason, and writes the rest", async () => {
    const dir = path.join(dataDir, "journal");
    const unreachable = async () => {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    };
    const base = {
      vendor: "udesk",
      kind: "knowledge",
      method: "POST",
      headers: {},
      body: Buffer.from("{}"),
      status: 503,
    };
    // No vendor: a NOT NULL column the database will not fill in, with or without links.
    await keepCall(
      {
        ...base,
        vendor: null as unknown as string,
        path: "/bad",
        outcome: "unavailable",
        detail: "bad",
        durationMs: 1,
      },
      unreachable,
      dir,
    );
    await keepCall(
      { ...base, path: "/good-1", outcome: "unavailable", detail: "good", durationMs: 1 },
      unreachable,
      dir,
    );
    await keepCall(
      { ...base, path: "/good-2", outcome: "unavailable", detail: "good", durationMs: 1 },
      unreachable,
      dir,
    );
    expect(journalStatus().pending).toBe(3);
    pointAppAt(t.url);
    expect(await flushJournal(await app(), dir)).toBe(3);
    expect(await t.db.call.count({ where: { path: { in: ["/good-1", "/good-2"] } } })).toBe(2);
    const aside = fs
      .readFileSync(path.join(dir, "set-aside.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(aside).toEqual([
      expect.objectContaining({
        reason: expect.stringMatching(/NOT NULL|null/i),
        entry: expect.objectContaining({ path: "/bad" }),
      }),
    ]);
    expect(journalStatus()).toMatchObject({ pending: 0, setAside: 1 });
  });

  it("logs an aborted upload as client_aborted, with what arrived", async () => {
    pointAppAt(t.url);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"timestamp":"1","sign":"x","da'));
      },
      pull(controller) {
        controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      },
    });
    const { response } = knowledgeCall(udesk.slug, { body, headers: { "content-length": "500" } });
    expect((await response).status).toBe(499);
    const logged = await t.db.call.findFirst({ where: { outcome: "client_aborted" } });
    expect(logged).toMatchObject({ status: 499, requestBody: '{"timestamp":"1","sign":"x","da' });
    expect(logged?.detail).toMatch(/closed the connection after 31 bytes/);
    expect(await t.db.call.count({ where: { outcome: "unavailable", path: { contains: udesk.slug } } })).toBe(3);
  });
});

describe("a full disk", () => {
  let disk: SmallDisk | string;
  let db: Db;
  let url: string;
  let udesk: IntegrationView;
  beforeAll(async () => {
    disk = mountSmallDisk(24);
    if (typeof disk === "string") return console.warn(`[integration] skipping the full-disk test: ${disk}`);
    url = `file:${path.join(disk.dir, "deskbridge.db")}`;
    db = await createDb(url);
    await migrate(db, "sqlite");
    udesk = await setUp(url, db, disk.dir);
  });
  afterAll(async () => {
    holder.__deskbridgeDb = undefined;
    await db?.$disconnect();
    if (typeof disk !== "string") disk.unmount();
  });

  it("answers 503 with Retry-After, keeps the call, reports disk_full, and recovers once space is freed", async ({
    skip,
  }) => {
    if (typeof disk === "string") return skip(disk);
    const getDb = await app();
    await startJournal(getDb); // at start: the journal file and its reserve exist
    expect(fs.existsSync(path.join(disk.dir, "journal", "reserve"))).toBe(true);
    disk.fill();
    const { response, datumId } = knowledgeCall(udesk.slug);
    const r = await response;
    expect(r.status).toBe(503);
    expect(r.headers.get("retry-after")).toBe("5");
    expect(journalText(disk.dir)).toContain(datumId);
    const h = await health(getDb);
    expect(h).toMatchObject({ status: "unavailable", database: "disk_full", journal: { pending: 1 } });

    disk.free();
    await flushJournal(getDb);
    const logged = await db.call.findFirst({ where: { requestBody: { contains: datumId } } });
    expect(logged).toMatchObject({ status: 503, outcome: "unavailable" });
    expect(logged?.detail).toMatch(/disk is full/);
    expect(await health(getDb)).toMatchObject({ status: "ok", database: "ok", journal: { pending: 0 } });
    // The next call is answered and logged as usual; the reserve is back.
    expect((await knowledgeCall(udesk.slug).response).status).toBe(200);
    expect(fs.existsSync(path.join(disk.dir, "journal", "reserve"))).toBe(true);
  });
});

describe("a read-only database file", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-readonly-"));
  const file = path.join(dir, "deskbridge.db");
  let t: Db;
  let udesk: IntegrationView;
  let immutable = "";
  beforeAll(async () => {
    t = await createDb(`file:${file}`);
    await migrate(t, "sqlite");
    udesk = await setUp(`file:${file}`, t, dir);
    await (await app())(); // bootstrapped while writable
    await t.$executeRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    try {
      execFileSync("chattr", ["+i", file], { stdio: "pipe" });
    } catch (error) {
      const why = String((error as { stderr?: Buffer }).stderr ?? error).trim();
      immutable = `cannot make a file immutable here (${why})`;
      console.warn(`[integration] skipping the read-only test: ${immutable}`);
    }
  });
  afterAll(async () => {
    if (!immutable) execFileSync("chattr", ["-i", file]);
    holder.__deskbridgeDb = undefined;
    await t?.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers 503 with Retry-After (not an unlogged 500), reports read_only, and recovers", async ({ skip }) => {
    if (immutable) return skip(immutable);
    pointAppAt(`file:${file}`); // the app (re)opens the file, as after a restart
    const getDb = await app();
    const { response, datumId } = knowledgeCall(udesk.slug);
    const r = await response;
    expect(r.status).toBe(503);
    expect(r.headers.get("retry-after")).toBe("5");
    expect(journalText(dir)).toContain(datumId);
    expect(await health(getDb)).toMatchObject({
      status: "unavailable",
      database: "read_only",
      journal: { pending: 1 },
    });

    execFileSync("chattr", ["-i", file]);
    await flushJournal(getDb);
    expect(await t.call.findFirst({ where: { requestBody: { contains: datumId } } })).toMatchObject({
      status: 503,
      outcome: "unavailable",
      detail: expect.stringMatching(/cannot be written/),
    });
    expect(await health(getDb)).toMatchObject({ status: "ok", database: "ok" });
    execFileSync("chattr", ["+i", file]); // for afterAll's symmetry
  });
});
