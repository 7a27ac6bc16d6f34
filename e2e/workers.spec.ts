// `npm start` with DESKBRIDGE_WORKERS=2 on SQLite: the primary prepares the database once, signed
// vendor calls are answered by both workers and each is logged exactly once, a worker that dies is
// replaced, and SIGTERM ends every process cleanly. No browser: vendors call over plain HTTP.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { encrypt as sobotEncrypt, sign as sobotSign } from "../lib/vendors/sobot/codec";
import { TMP_DIR } from "./env.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const DIR = path.join(TMP_DIR, "workers");
const PORT = Number(process.env.E2E_PORT ?? 3210) + 6;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SECRET = "workers-S0bot-secret-7f3a";
const COMPANY_ID = "workers-company";
const ENV = {
  ...process.env,
  DATABASE_URL: `file:${path.join(DIR, "workers.db")}`,
  DESKBRIDGE_DATA_DIR: DIR,
  DESKBRIDGE_MASTER_KEY: crypto.randomBytes(32).toString("hex"),
  ADMIN_EMAIL: "admin@workers.test",
  ADMIN_PASSWORD: "workers-admin-password",
  DESKBRIDGE_DEMO: "0",
  DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_INTEGRATION: "0",
  DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_ADDRESS: "0",
  DESKBRIDGE_WORKERS: "2",
  DESKBRIDGE_WORKER_HEADER: "1",
};

let primary: ChildProcess;
let output = "";
let crmPath = "";
let integrationId = "";

/** One request on its own connection (the cluster hands connections to workers in turn). */
function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; worker: number; text: string }>((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", headers: init.headers, agent: false }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, worker: Number(res.headers["x-deskbridge-worker"]), text }),
      );
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

let seq = 0;
function crmCall() {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const parameter = sobotEncrypt(JSON.stringify({ partnerId: `workers-${++seq}` }), SECRET);
  return send(`${ORIGIN}${crmPath}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      timestamp,
      sign: sobotSign(COMPANY_ID, timestamp, SECRET, parameter),
    },
    body: JSON.stringify({ parameter }),
  });
}

/** The primary's worker processes, from /proc. */
function workerPids(): number[] {
  const dir = `/proc/${primary.pid}/task`;
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .flatMap((t) => fs.readFileSync(`${dir}/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean))
    .map(Number);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const loggedCalls = () => {
  const db = new Database(path.join(DIR, "workers.db"), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM "Call" WHERE integrationId = ?').get(integrationId) as { n: number })
      .n;
  } finally {
    db.close();
  }
};

test.describe.configure({ mode: "serial" });
test.skip(process.platform !== "linux", "reads worker processes from /proc");

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  primary = spawn(process.execPath, [path.join(ROOT, "bin", "server.mjs"), "-p", String(PORT), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: ENV,
    stdio: ["ignore", "pipe", "pipe"],
  });
  primary.stdout?.on("data", (d) => (output += d));
  primary.stderr?.on("data", (d) => (output += d));
  await expect
    .poll(
      () =>
        send(`${ORIGIN}/api/live`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 150_000 },
    )
    .toBe(200);
  const added = spawnSync(
    process.execPath,
    [
      "bin/deskbridge.mjs",
      "integrations",
      "add",
      "sobot-crm",
      "--name",
      "Workers CRM",
      "--company-id",
      COMPANY_ID,
    ].concat(["--secret", SECRET, "--json"]),
    { cwd: ROOT, env: ENV, encoding: "utf8" },
  );
  expect(added.status, added.stderr).toBe(0);
  const view = JSON.parse(added.stdout) as { id: string; endpoints: Record<string, string> };
  integrationId = String(view.id);
  crmPath = new URL(view.endpoints.crm, ORIGIN).pathname;
});

test.afterAll(() => {
  if (primary?.exitCode === null) primary.kill("SIGKILL");
  for (const pid of primary ? workerPids() : []) if (alive(pid)) process.kill(pid, "SIGKILL");
});

test("the primary prepares the database once and starts two workers", async () => {
  await expect.poll(() => (output.match(/listening on/g) ?? []).length, { timeout: 60_000 }).toBe(2);
  expect(output.match(/applied migrations/g)).toHaveLength(1);
  expect(output.match(/created the first admin/g)).toHaveLength(1);
  expect(workerPids()).toHaveLength(2);
});

test("signed calls are answered by both workers, each logged once", async () => {
  const answers = [];
  for (let i = 0; i < 16; i++) answers.push(await crmCall());
  for (const a of answers) expect(a.status, a.text).toBe(200);
  const answeredBy = new Set(answers.map((a) => a.worker));
  expect([...answeredBy].sort()).toEqual(workerPids().sort());
  expect(answeredBy.has(primary.pid ?? -1)).toBe(false);
  expect(loggedCalls()).toBe(16);
  expect(output).not.toContain(SECRET);
});

test("a worker that dies is replaced, and calls go on", async () => {
  const [victim, survivor] = workerPids();
  process.kill(victim, "SIGKILL");
  await expect
    .poll(() => workerPids().filter((p) => p !== survivor && p !== victim).length, { timeout: 60_000 })
    .toBe(1);
  const replacement = workerPids().find((p) => p !== survivor) ?? -1;
  await expect.poll(() => (output.match(/listening on/g) ?? []).length, { timeout: 60_000 }).toBe(3);
  const seen = new Set<number>();
  for (let i = 0; i < 8; i++) {
    const a = await crmCall();
    expect(a.status, a.text).toBe(200);
    seen.add(a.worker);
  }
  expect([...seen].sort()).toEqual([survivor, replacement].sort());
  expect(loggedCalls()).toBe(24);
});

test("SIGTERM ends the primary and every worker cleanly", async () => {
  const pids = workerPids();
  const exited = new Promise<number | null>((resolve) => primary.once("exit", (code) => resolve(code)));
  primary.kill("SIGTERM");
  expect(await exited).toBe(0);
  await expect.poll(() => pids.filter(alive).length, { timeout: 20_000 }).toBe(0);
});
