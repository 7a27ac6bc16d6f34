// Nothing lost, nothing stalled, against the production server: requests refused before routing
// (bad percent-encoding, TRACE, CONNECT, OPTIONS on a callback URL) are answered with the usual
// headers and logged; an aborted upload is logged as client_aborted and counted as such; an answer
// rule that backtracks on JavaScript's engine answers a 500-character question at once; another
// process holding SQLite's write lock stalls nothing (icon and health stay fast) and loses no
// push; and `deskbridge customers import` of 2,000 rows succeeds while 5 pushes/s arrive.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { messageSign } from "../lib/vendors/udesk/codec";
import { E2E_ENV, TMP_DIR } from "./env.mjs";

// Secrets of this spec's integrations (also listed in zz-secrets-scan.spec.ts).
const NOTHING_LOST_SECRETS = { udesk: "nl-udesk-key-7c2e90", webhook: "nl-webhook-shared-secret-31" };
const UDESK_NAME = "不丢";
const ROOT = path.resolve(import.meta.dirname, "..");
const PORT = Number(process.env.E2E_PORT ?? 3210);
const DB_FILE = path.join(TMP_DIR, "e2e.db");
const METRICS_TOKEN = E2E_ENV.DESKBRIDGE_METRICS_TOKEN;

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ["bin/deskbridge.mjs", ...args, "--json"], {
    cwd: ROOT,
    env: { ...process.env, ...E2E_ENV },
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string; ms: number };

/** Any method and any raw path (fetch refuses TRACE and normalises paths). */
function raw(method: string, target: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: PORT, method, path: target, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, ms: performance.now() - started }),
      );
    });
    req.on("error", reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${target}: no answer in 15 s`)));
    req.end(body);
  });
}

function calls(where: string, ...args: unknown[]) {
  const db = new Database(DB_FILE, { readonly: true, timeout: 10_000 });
  try {
    return db
      .prepare(`SELECT id, method, path, status, outcome, detail, requestBody FROM "Call" WHERE ${where} ORDER BY id`)
      .all(...args) as {
      method: string;
      path: string;
      status: number;
      outcome: string;
      detail: string;
      requestBody: string | null;
    }[];
  } finally {
    db.close();
  }
}

async function eventually<T>(what: string, probe: () => T | undefined, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function expectSecurityHeaders(headers: http.IncomingHttpHeaders) {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["referrer-policy"]).toBeTruthy();
  expect(headers["permissions-policy"]).toBeTruthy();
}

let udesk: { message: string; knowledge: string; id: string };
let webhook: string;

test.describe
  .serial("nothing lost", () => {
    test.beforeAll(() => {
      const u = cli(
        "integrations",
        "add",
        "udesk",
        "--name",
        "zz Nothing lost Udesk",
        "--integration-name",
        UDESK_NAME,
        "--key",
        NOTHING_LOST_SECRETS.udesk,
      );
      udesk = { ...u.endpoints, id: u.id };
      const w = cli(
        "integrations",
        "add",
        "sobot-webhook",
        "--name",
        "zz Nothing lost push",
        "--auth-mode",
        "header",
        "--shared-secret",
        NOTHING_LOST_SECRETS.webhook,
      );
      webhook = w.endpoints.webhook;
    });

    test("requests refused before routing get their status, the security headers and a log entry", async () => {
      const bad = `${udesk.knowledge.replace(/[^/]+$/, "")}%E0%A4%A`;
      const answers = {
        encoding: await raw("POST", bad, "{}", { "content-type": "application/json" }),
        trace: await raw("TRACE", udesk.knowledge),
        options: await raw("OPTIONS", udesk.knowledge),
        page: await raw("GET", "/customers/%ZZ"),
      };
      expect(answers.encoding.status).toBe(400);
      expect(answers.trace.status).toBe(405);
      expect(answers.trace.headers.allow).toContain("POST");
      expect(answers.options.status).toBe(204);
      expect(answers.options.headers.allow).toBe("POST, OPTIONS");
      expect(answers.page.status).toBe(400);
      for (const a of Object.values(answers)) expectSecurityHeaders(a.headers);

      // CONNECT never reaches an ordinary request handler.
      const connect = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(PORT, "127.0.0.1", () =>
          socket.write(`CONNECT ${udesk.knowledge} HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\n\r\n`),
        );
        let text = "";
        socket.on("data", (d) => (text += d));
        socket.on("end", () => resolve(text));
        socket.on("error", reject);
        socket.setTimeout(10_000, () => socket.destroy(new Error("CONNECT: no answer")));
      });
      expect(connect).toMatch(/^HTTP\/1\.1 405 /);
      expect(connect.toLowerCase()).toContain("x-content-type-options: nosniff");

      const logged = await eventually("the refused requests in the call log", () => {
        const rows = calls(
          `path IN (?, ?) AND method IN ('POST', 'TRACE', 'OPTIONS', 'CONNECT')`,
          bad,
          udesk.knowledge,
        );
        return rows.length >= 4 ? rows : undefined;
      });
      expect(logged.map((r) => [r.method, r.status, r.outcome]).sort()).toEqual(
        [
          ["CONNECT", 405, "malformed"],
          ["OPTIONS", 204, "ok"],
          ["POST", 400, "malformed"],
          ["TRACE", 405, "malformed"],
        ].sort(),
      );
    });

    test("an upload the client aborts is logged as client_aborted and counted as such", async ({ request }) => {
      await new Promise<void>((resolve, reject) => {
        const socket = net.connect(PORT, "127.0.0.1", () => {
          socket.write(
            `POST ${udesk.knowledge} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
              `Content-Length: 1000\r\n\r\n{"timestamp":`,
          );
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 500);
        });
        socket.on("error", reject);
      });
      const [row] = await eventually("the aborted upload in the call log", () => {
        const rows = calls(`path = ? AND outcome = 'client_aborted'`, udesk.knowledge);
        return rows.length ? rows : undefined;
      });
      expect(row).toMatchObject({ status: 499, requestBody: '{"timestamp":' });
      expect(calls(`path = ? AND outcome = 'unavailable'`, udesk.knowledge)).toEqual([]);
      const metrics = await (
        await request.get("/api/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
      ).text();
      expect(metrics).toMatch(/deskbridge_callback_calls_total\{[^}]*outcome="client_aborted"[^}]*\} 1/);
    });

    test("answer rules that backtrack on JavaScript's engine answer a 500-character question at once", async ({
      request,
    }) => {
      const db = new Database(DB_FILE, { timeout: 10_000 });
      try {
        const insert = db.prepare(
          `INSERT INTO "UdeskRule" ("integrationId", "position", "matchType", "pattern", "answer", "updatedAt") ` +
            `VALUES (?, ?, 'question', ?, ?, ?)`,
        );
        insert.run(udesk.id, 1, "^(a|a)+$", "one", new Date().toISOString());
        insert.run(udesk.id, 2, "^(a|aa)+$", "two", new Date().toISOString());
      } finally {
        db.close();
      }
      const ask = async (question: string) => {
        const timestamp = Math.floor(Date.now() / 1000);
        const started = performance.now();
        const r = await request.post(udesk.message, {
          data: {
            timestamp,
            sign: messageSign(UDESK_NAME, NOTHING_LOST_SECRETS.udesk, timestamp),
            integrationName: UDESK_NAME,
            regex: "",
            questionContent: question,
          },
          timeout: 10_000,
        });
        return { status: r.status(), body: await r.json(), ms: performance.now() - started };
      };
      const miss = await ask(`${"a".repeat(499)}!`);
      expect(miss.status).toBe(200);
      expect(miss.ms, "a 500-character question against ^(a|a)+$ and ^(a|aa)+$").toBeLessThan(1000);
      await new Promise((r) => setTimeout(r, 1100)); // a new second: not a replay of the first
      expect((await ask("a".repeat(500))).body).toEqual({ answerContent: "one" });
    });

    test("another process's write lock stalls nothing, and the pushes it delays are all logged", async () => {
      const holder = spawn(
        process.execPath,
        [
          "-e",
          `const D = require("better-sqlite3"); const d = new D(${JSON.stringify(DB_FILE)});` +
            `d.prepare("BEGIN IMMEDIATE").run(); console.log("locked");` +
            `setTimeout(() => { d.prepare("COMMIT").run(); process.exit(0); }, 4000);`,
        ],
        { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
      );
      const released = new Promise((resolve) => holder.once("exit", resolve));
      await new Promise((resolve) => holder.stdout!.once("data", resolve));
      const pushes: Promise<Answer>[] = [];
      const quick: { what: string; status: number; ms: number }[] = [];
      for (let i = 0; i < 6; i++) {
        pushes.push(push(`lock-${i}`));
        for (const what of ["/icon.svg", "/api/health"]) {
          const a = await raw("GET", what);
          quick.push({ what, status: a.status, ms: Math.round(a.ms) });
        }
        await new Promise((r) => setTimeout(r, 400));
      }
      const answered = await Promise.all(pushes);
      await released;
      expect(
        quick.filter((q) => q.status !== 200 || q.ms > 500),
        "icon and health while the lock is held",
      ).toEqual([]);
      for (const a of answered) expect([200, 503]).toContain(a.status);
      // Each push is in the log: answered, or kept in the journal and written after the lock.
      await eventually("every push during the lock in the call log", () => {
        const n = calls(`path = ? AND requestBody LIKE '%"nl-lock-%'`, webhook).length;
        return n === 6 ? true : undefined;
      });
    });

    test("deskbridge customers import of 2,000 rows succeeds while 5 pushes/s arrive", async () => {
      const file = path.join(TMP_DIR, "nothing-lost-import.csv");
      const lines = ["uname,realname,emails,phones,labels"];
      for (let i = 0; i < 2000; i++)
        lines.push(
          `nl-import-${i},导入 ${i},nl.import.${i}@example.com,1380013${String(i).padStart(4, "0")},nothing-lost`,
        );
      fs.writeFileSync(file, `${lines.join("\r\n")}\r\n`);
      const importer = spawn(process.execPath, ["bin/deskbridge.mjs", "customers", "import", file, "--json"], {
        cwd: ROOT,
        env: { ...process.env, ...E2E_ENV },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      importer.stdout!.on("data", (d) => (out += d));
      importer.stderr!.on("data", (d) => (err += d));
      const exited = new Promise<number | null>((resolve) => importer.on("exit", resolve));
      const pushes: Promise<Answer>[] = [];
      let done = false;
      void exited.then(() => (done = true));
      for (let i = 0; !done && i < 600; i++) {
        pushes.push(push(`import-${i}`));
        await new Promise((r) => setTimeout(r, 200));
      }
      const code = await exited;
      expect(code, err).toBe(0);
      const summary = JSON.parse(out);
      expect(summary).toMatchObject({ rows: 2000, created: 2000, failed: 0 });
      const answered = await Promise.all(pushes);
      expect(pushes.length).toBeGreaterThan(3);
      // Pushes wait for the import's chunks (a fraction of a second each). On a loaded machine one
      // may still wait past DESKBRIDGE_DB_TIMEOUT_MS: it must then be a retryable 503, kept and
      // logged, and rare.
      const late = answered.filter((a) => a.status !== 200);
      for (const a of late)
        expect({ status: a.status, retryAfter: a.headers["retry-after"] }).toEqual({ status: 503, retryAfter: "5" });
      expect(late.length, `pushes not answered 200, of ${answered.length}`).toBeLessThanOrEqual(answered.length / 10);
      await eventually("every push during the import in the call log", () => {
        const n = calls(`path = ? AND requestBody LIKE '%"nl-import-%'`, webhook).length;
        return n === answered.length ? true : undefined;
      });
    });
  });

let pushCount = 0;
function push(tag: string): Promise<Answer> {
  const n = ++pushCount;
  const body = JSON.stringify({
    id: `nl-${tag}`,
    nick: `Nothing lost ${n}`,
    email: `nl.${tag}@example.com`,
    tel: `1370099${String(n).padStart(4, "0")}`,
  });
  return raw("POST", webhook, body, {
    "content-type": "application/json",
    "x-deskbridge-token": NOTHING_LOST_SECRETS.webhook,
  });
}
