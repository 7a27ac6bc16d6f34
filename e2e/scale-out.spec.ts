// Two production instances on one PostgreSQL database, as behind a load balancer: vendor calls
// spread over both are each logged exactly once, a call accepted by one instance is refused as a
// replay by the other, both share one Sobot token, and both ride out a short database outage
// without a restart. PostgreSQL is reached through a TCP proxy the test can cut and restore, so
// the database server itself (which others use) is never stopped. Skipped, with the reason,
// when no PostgreSQL is reachable.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { encrypt as sobotEncrypt, sign as sobotSign } from "../lib/vendors/sobot/codec";
import { knowledgeSign, messageSign, taskSign } from "../lib/vendors/udesk/codec";
import { startFakeSobot, type FakeSobot } from "../lib/testing/fake-sobot";
import { ACCOUNTS, E2E_ENV, TMP_DIR } from "./env.mjs";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";

// Secrets of this spec's integrations (also listed in zz-secrets-scan.spec.ts).
const SCALE_OUT_SECRETS = {
  sobotCrm: "scale-S0bot-secret-Key-2b8d",
  udesk: "scale-udesk-key-41c9e7",
  webhook: "scale-webhook-shared-secret-5e",
  appKey: "scale-app-key-8841",
  trigger: "scale-trigger-secret-a3",
};
const COMPANY_ID = "scale-company";
const UDESK_NAME = "对接一";
const APPID = "scale-app";
const PER_KIND = 20;

const ROOT = path.resolve(import.meta.dirname, "..");
const BASE_PORT = Number(process.env.E2E_PORT ?? 3210);
const PORTS = { a: BASE_PORT + 1, b: BASE_PORT + 2, sobot: BASE_PORT + 3, proxy: BASE_PORT + 4 };
const ORIGINS = { a: `http://127.0.0.1:${PORTS.a}`, b: `http://127.0.0.1:${PORTS.b}` };
type Name = keyof typeof ORIGINS;
const NAMES: Name[] = ["a", "b"];

const ADMIN_URL = process.env.PG_TEST_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB_NAME = `deskbridge_scaleout_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
const withDatabase = (url: string, database: string, port?: number) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (port) {
    u.hostname = "127.0.0.1";
    u.port = String(port);
  }
  return u.toString();
};
const DIRECT_URL = withDatabase(ADMIN_URL, DB_NAME);
const PROXIED_URL = withDatabase(ADMIN_URL, DB_NAME, PORTS.proxy);
const MASTER_KEY = crypto.randomBytes(32).toString("hex");

type Instance = { name: Name; origin: string; child: ChildProcess; logFile: string; output: string[] };
const instances: Partial<Record<Name, Instance>> = {};
let proxy: TcpProxy | undefined;
let fake: FakeSobot | undefined;
let sql: pg.Pool | undefined;
let databaseCreated = false;

type Integrations = {
  crm: string;
  udesk: { message: string; task: string; knowledge: string };
  iframe: string;
  webhook: string;
  apiId: string;
  ids: Record<string, string>;
};
let integrations: Integrations;
let people: { partnerId: string; udeskId: string; visitorId: string; customerId: number };

// ---------------------------------------------------------------- helpers

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function postgresUnavailable(): Promise<string | null> {
  try {
    await adminQuery("SELECT 1");
    return null;
  } catch (error) {
    return (
      `PostgreSQL at ${ADMIN_URL.replace(/\/\/[^@]*@/, "//")} is not reachable (${(error as Error).message}); ` +
      "set PG_TEST_URL to run the scale-out test"
    );
  }
}

const instanceEnv = () => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...E2E_ENV,
    DATABASE_URL: PROXIED_URL,
    DESKBRIDGE_DATA_DIR: path.join(TMP_DIR, "scaleout-data"),
    DESKBRIDGE_MASTER_KEY: MASTER_KEY,
    ADMIN_EMAIL: ACCOUNTS.admin.email,
    ADMIN_PASSWORD: ACCOUNTS.admin.password,
    DESKBRIDGE_DEMO: "1",
    DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_INTEGRATION: "0",
    DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_ADDRESS: "0",
  };
  delete env.NEXTAUTH_URL; // each instance answers on its own origin
  return env;
};

function startInstance(name: Name): Instance {
  const port = String(PORTS[name]);
  const server = path.join(ROOT, "bin", "server.mjs");
  // The production server as `npm start` runs it.
  const child = spawn(process.execPath, [server, "-p", port, "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: instanceEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Named after the worker too: a worker that restarts after a failure starts a second pair.
  const logFile = path.join(TMP_DIR, `scaleout-${name}-${process.pid}.log`);
  const log = fs.createWriteStream(logFile);
  const output: string[] = [];
  const keep = (d: Buffer) => {
    output.push(d.toString());
    log.write(d);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  child.on("exit", (code, signal) => log.end(`\n[instance ${name} exited: ${signal ?? code}]\n`));
  return { name, origin: ORIGINS[name], child, logFile, output };
}

async function stopInstance(instance: Instance | undefined) {
  if (!instance || instance.child.exitCode !== null || instance.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => instance.child.once("exit", () => resolve()));
  instance.child.kill("SIGTERM");
  const timer = setTimeout(() => instance.child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

const alive = (name: Name) => instances[name]!.child.exitCode === null && instances[name]!.child.signalCode === null;

/** fetch with a deadline; returns the response and how long it took. */
async function timed(url: string, init: RequestInit = {}, ms = 10_000): Promise<{ response: Response; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(ms) });
  return { response, ms: performance.now() - started };
}

async function health(name: Name, ms = 10_000) {
  const { response, ms: took } = await timed(`${ORIGINS[name]}/api/health`, {}, ms);
  return {
    status: response.status,
    body: (await response.json()) as {
      status: string;
      database: string;
      migrations: { applied: number | null; expected: number };
      journal?: { pending: number; setAside: number; notKept: number };
    },
    retryAfter: response.headers.get("retry-after"),
    cacheControl: response.headers.get("cache-control"),
    ms: took,
  };
}

async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  stepMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${(last as Error).message})` : ""}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

async function waitHealthy(name: Name, timeoutMs: number) {
  return waitUntil(
    `instance ${name} healthy`,
    async () => {
      if (!alive(name)) throw new Error(`instance ${name} exited:\n${instances[name]!.output.join("").slice(-4000)}`);
      const h = await health(name, 3_000);
      return h.status === 200 ? h : undefined;
    },
    timeoutMs,
  );
}

/** What `deskbridge integrations add … --json` prints (the fields this spec reads). */
type AddedIntegration = { id: string; endpoints: Record<string, string> };

/** The CLI against the shared database (directly, not through the proxy). */
function cli(...args: string[]): Promise<AddedIntegration> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/deskbridge.mjs", ...args, "--json"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: DIRECT_URL,
        DESKBRIDGE_MASTER_KEY: MASTER_KEY,
        DESKBRIDGE_DATA_DIR: path.join(TMP_DIR, "scaleout-data"),
        DESKBRIDGE_ACTOR: "cli:scale-out-test",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`deskbridge ${args.join(" ")} exited ${code}: ${err}`)),
    );
  });
}

// Signed vendor calls. Every signed call gets its own timestamp and its own payload, so no two
// are the same call (nor look like one to a replay check keyed on sign and timestamp, which for
// Udesk's knowledge calls depend on the timestamp alone). Timestamps count down from now, one
// second per call: a run signs far fewer calls than the 300-second tolerance window.
const now = () => Math.floor(Date.now() / 1000);
let lastTimestamp = Infinity;
const freshTimestamp = () => (lastTimestamp = Math.min(now(), lastTimestamp - 1));
type Call = { url: string; init: RequestInit; identity: string };

function crmCall(origin: string, i: number, timestamp = freshTimestamp()): Call {
  const parameter = sobotEncrypt(
    JSON.stringify({ partnerId: people.partnerId, tel: `1390000${String(i).padStart(4, "0")}` }),
    SCALE_OUT_SECRETS.sobotCrm,
  );
  const body = JSON.stringify({ parameter });
  return {
    url: `${origin}${integrations.crm}`,
    init: {
      method: "POST",
      headers: {
        "content-type": "application/json",
        timestamp: String(timestamp),
        sign: sobotSign(COMPANY_ID, String(timestamp), SCALE_OUT_SECRETS.sobotCrm, parameter),
      },
      body,
    },
    identity: body,
  };
}

function udeskCall(origin: string, kind: "message" | "task" | "knowledge", i: number): Call {
  const timestamp = freshTimestamp();
  const key = SCALE_OUT_SECRETS.udesk;
  const payload =
    kind === "message"
      ? {
          timestamp,
          sign: messageSign(UDESK_NAME, key, timestamp),
          integrationName: UDESK_NAME,
          regex: "",
          questionContent: `scale-out question ${i}`,
          customerExtra: { customerId: people.udeskId },
        }
      : kind === "task"
        ? {
            taskNodeId: 100,
            sessionId: 5000 + i,
            timestamp,
            sign: taskSign(key, 100, 5000 + i, timestamp),
            variables: { n: i },
            pageNum: 1,
            pageSize: 5,
            customerExtra: { customerId: people.udeskId },
          }
        : {
            timestamp,
            sign: knowledgeSign(key, timestamp),
            datumId: `d-${i}`,
            datumName: `datum ${i}`,
            sessionId: 6000 + i,
            templateAttributeId: "a-1",
          };
  const body = JSON.stringify(payload);
  return {
    url: `${origin}${integrations.udesk[kind]}`,
    init: { method: "POST", headers: { "content-type": "application/json" }, body },
    identity: body,
  };
}

function webhookCall(origin: string, i: number): Call {
  const body = JSON.stringify({
    id: `scale-push-${i}`,
    nick: `Scale push ${i}`,
    uname: `推送 ${i}`,
    email: `scale.push.${i}@example.com`,
    tel: `1370000${String(i).padStart(4, "0")}`,
    is_vip: "0",
  });
  return {
    url: `${origin}${integrations.webhook}`,
    init: {
      method: "POST",
      headers: { "content-type": "application/json", "x-deskbridge-token": SCALE_OUT_SECRETS.webhook },
      body,
    },
    identity: body,
  };
}

function iframeCall(origin: string, i: number): Call {
  const query = new URLSearchParams({
    easemobId: "scale-channel",
    visitorImId: people.visitorId,
    to: "gh_scale",
    lang: i % 2 ? "en" : "zh",
    n: String(i),
  }).toString();
  return { url: `${origin}${integrations.iframe}?${query}`, init: { method: "GET" }, identity: query };
}

async function signIn(browser: Browser, name: Name): Promise<Page> {
  const context = await browser.newContext({ baseURL: ORIGINS[name] });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(ACCOUNTS.admin.email);
  await page.getByLabel("Password").fill(ACCOUNTS.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/:\d+\/$/);
  return page;
}

let probes = 0;

/** After an outage: both instances healthy and answering a vendor call again. */
async function waitRecovered(timeoutMs: number) {
  await Promise.all(
    NAMES.map((name) =>
      waitUntil(
        `instance ${name} answering again`,
        async () => {
          const h = await health(name, 3_000);
          if (h.status !== 200) return undefined;
          // The panel reads the database and is logged, and has no sign that a replay check could refuse.
          const call = iframeCall(ORIGINS[name], 1000 + probes++);
          const { response } = await timed(call.url, call.init, 3_000);
          return response.status === 200 ? true : undefined;
        },
        timeoutMs,
      ),
    ),
  );
}

// ---------------------------------------------------------------- setup

test.describe("scale-out: two instances on one PostgreSQL database", () => {
  test.describe.configure({ timeout: 90_000 });

  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixtures from a destructured first argument
  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(150_000);
    const reason = await postgresUnavailable();
    testInfo.skip(reason !== null, reason ?? "");

    await adminQuery(`CREATE DATABASE "${DB_NAME}"`);
    databaseCreated = true;
    sql = new pg.Pool({ connectionString: DIRECT_URL, max: 3 });
    // An idle connection the server closes (the database dropped at the end) is no test failure:
    // without a listener, pg turns it into an uncaught exception in the test process.
    sql.on("error", (error) => console.warn(`scale-out: an idle connection closed: ${error.message}`));
    const target = new URL(ADMIN_URL);
    proxy = await startTcpProxy({
      port: PORTS.proxy,
      targetHost: target.hostname,
      targetPort: Number(target.port || 5432),
    });
    fake = await startFakeSobot({
      FAKE_SOBOT_PORT: String(PORTS.sobot),
      FAKE_SOBOT_APPID: APPID,
      FAKE_SOBOT_APP_KEY: SCALE_OUT_SECRETS.appKey,
    });

    // Both start at once on the empty database: one migrates and seeds, the other waits for it.
    instances.a = startInstance("a");
    instances.b = startInstance("b");
    const [ha, hb] = await Promise.all([waitHealthy("a", 120_000), waitHealthy("b", 120_000)]);
    for (const h of [ha, hb]) {
      expect(h.body).toEqual({
        status: "ok",
        database: "ok",
        migrations: { applied: h.body.migrations.expected, expected: h.body.migrations.expected },
        journal: { pending: 0, setAside: 0, notKept: 0 },
      });
      expect(h.body.migrations.expected).toBeGreaterThan(0);
    }

    const [crm, udesk, hyphenate, webhook, api] = await Promise.all([
      cli(
        "integrations",
        "add",
        "sobot-crm",
        "--name",
        "Scale-out Sobot CRM",
        "--company-id",
        COMPANY_ID,
        "--secret",
        SCALE_OUT_SECRETS.sobotCrm,
      ),
      cli(
        "integrations",
        "add",
        "udesk",
        "--name",
        "Scale-out Udesk",
        "--integration-name",
        UDESK_NAME,
        "--key",
        SCALE_OUT_SECRETS.udesk,
      ),
      cli("integrations", "add", "hyphenate", "--name", "Scale-out Hyphenate"),
      cli(
        "integrations",
        "add",
        "sobot-webhook",
        "--name",
        "Scale-out webhook",
        "--auth-mode",
        "header",
        "--shared-secret",
        SCALE_OUT_SECRETS.webhook,
      ),
      cli(
        "integrations",
        "add",
        "sobot-api",
        "--name",
        "Scale-out Sobot API",
        "--appid",
        APPID,
        "--app-key",
        SCALE_OUT_SECRETS.appKey,
        "--base-url",
        fake.url,
      ).then(async (added) => {
        await cli(
          "sobot",
          "add-trigger",
          "Scale-out Sobot API",
          "--name",
          "scale-welcome",
          "--trigger-id",
          "1760950090021666999",
          "--secret",
          SCALE_OUT_SECRETS.trigger,
        );
        return added;
      }),
    ]);
    integrations = {
      crm: crm.endpoints.crm,
      udesk: udesk.endpoints as Integrations["udesk"],
      iframe: hyphenate.endpoints.iframe,
      webhook: webhook.endpoints.webhook,
      apiId: api.id,
      ids: { crm: crm.id, udesk: udesk.id, iframe: hyphenate.id, webhook: webhook.id, api: api.id },
    };

    // Demo customers carrying each kind of external id.
    const idOf = async (kind: string) =>
      (
        await sql!.query<{ value: string; customerId: number }>(
          `SELECT value, "customerId" FROM "ExternalId" WHERE kind = $1 ORDER BY id LIMIT 1`,
          [kind],
        )
      ).rows[0];
    const [partner, udeskCustomer, visitor] = await Promise.all([
      idOf("sobot-partner"),
      idOf("udesk-customer"),
      idOf("hyphenate-visitor"),
    ]);
    expect(
      partner && udeskCustomer && visitor,
      "the demo data has customers with each kind of external id",
    ).toBeTruthy();
    people = {
      partnerId: partner.value,
      udeskId: udeskCustomer.value,
      visitorId: visitor.value,
      customerId: partner.customerId,
    };
  });

  test.afterAll(async () => {
    await Promise.all([stopInstance(instances.a), stopInstance(instances.b)]);
    await fake?.stop();
    await proxy?.close();
    await sql?.end();
    if (databaseCreated) await adminQuery(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  });

  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixtures from a destructured first argument
  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status === testInfo.expectedStatus) return;
    for (const name of NAMES) {
      const instance = instances[name];
      if (instance)
        await testInfo.attach(`instance ${name} output`, {
          body: instance.output.join("").slice(-20_000),
          contentType: "text/plain",
        });
      if (instance)
        console.log(
          `\n──── instance ${name} (${instance.logFile}), last output ────\n${instance.output.join("").slice(-6_000)}`,
        );
    }
  });

  // -------------------------------------------------------------- tests

  test("signed calls of every kind, spread over both instances at once, are each logged exactly once", async () => {
    type Kind = "crm" | "message" | "task" | "knowledge" | "webhook" | "iframe";
    const build: Record<Kind, (origin: string, i: number) => Call> = {
      crm: (o, i) => crmCall(o, i),
      message: (o, i) => udeskCall(o, "message", i),
      task: (o, i) => udeskCall(o, "task", i),
      knowledge: (o, i) => udeskCall(o, "knowledge", i),
      webhook: webhookCall,
      iframe: iframeCall,
    };
    const sent: { kind: Kind; instance: Name; call: Call }[] = [];
    for (let i = 0; i < PER_KIND; i++) {
      for (const kind of Object.keys(build) as Kind[]) {
        const instance = NAMES[(i + sent.length) % 2];
        sent.push({ kind, instance, call: build[kind](ORIGINS[instance], i) });
      }
    }
    const before = (await sql!.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "Call" WHERE direction = 'in'`)).rows[0]
      .n;
    expect(Number(before)).toBe(0);

    const answers = await Promise.all(
      sent.map(async ({ kind, instance, call }) => {
        const { response } = await timed(call.url, call.init, 30_000);
        const text = await response.text();
        return { kind, instance, status: response.status, text };
      }),
    );
    const failed = answers.filter((a) => a.status !== 200);
    expect(failed.map((a) => `${a.kind} on ${a.instance}: ${a.status} ${a.text.slice(0, 200)}`)).toEqual([]);
    expect(new Set(sent.map((s) => s.instance))).toEqual(new Set(NAMES));

    // The call log, read straight from PostgreSQL.
    const rows = (
      await sql!.query<{
        integrationId: string;
        kind: string;
        requestBody: string | null;
        query: string;
        status: number;
        outcome: string;
      }>(`SELECT "integrationId", kind, "requestBody", query, status, outcome FROM "Call" WHERE direction = 'in'`)
    ).rows;
    const integrationOf: Record<Kind, string> = {
      crm: integrations.ids.crm,
      message: integrations.ids.udesk,
      task: integrations.ids.udesk,
      knowledge: integrations.ids.udesk,
      webhook: integrations.ids.webhook,
      iframe: integrations.ids.iframe,
    };
    const counts: Record<string, number> = {};
    for (const r of rows) counts[`${r.integrationId}/${r.kind}`] = (counts[`${r.integrationId}/${r.kind}`] ?? 0) + 1;
    const expected = Object.fromEntries(
      (Object.keys(build) as Kind[]).map((k) => [`${integrationOf[k]}/${k}`, PER_KIND]),
    );
    expect(counts).toEqual(expected);
    // One row per call sent: the set of logged requests is exactly the set sent, no duplicates.
    for (const kind of Object.keys(build) as Kind[]) {
      const logged = rows
        .filter((r) => r.kind === kind && r.integrationId === integrationOf[kind])
        .map((r) => (kind === "iframe" ? r.query : (r.requestBody ?? "")));
      const identities = sent.filter((s) => s.kind === kind).map((s) => s.call.identity);
      expect(logged.sort(), `${kind} calls in the log`).toEqual(identities.sort());
    }
    expect(rows.every((r) => r.status === 200)).toBe(true);
    expect(rows.filter((r) => !["ok", "not_found"].includes(r.outcome))).toEqual([]);

    // The pushes created 20 customers, one each, whichever instance took them.
    const pushed = await sql!.query<{ value: string; n: string }>(
      `SELECT value, COUNT(*) AS n FROM "ExternalId"
       WHERE kind = 'sobot-customer' AND value LIKE 'scale-push-%' GROUP BY value`,
    );
    expect(pushed.rows).toHaveLength(PER_KIND);
    expect(pushed.rows.every((r) => Number(r.n) === 1)).toBe(true);
  });

  test("one Sobot token is shared: triggers sent from both instances at once fetch it once", async ({ browser }) => {
    // A slow get_token widens the window in which both instances want a token.
    await fake!.control({ reset: true });
    await fake!.control({ tokenDelayMs: 800, secrets: { "1760950090021666999": SCALE_OUT_SECRETS.trigger } });
    const pages = await Promise.all(NAMES.map((name) => signIn(browser, name)));
    const forms = await Promise.all(
      pages.map(async (page) => {
        await page.goto(`/customers/${people.customerId}`);
        const form = page.getByRole("form", { name: "Send a Sobot rule trigger" });
        await expect(form.getByLabel("Trigger")).toContainText("Scale-out Sobot API · scale-welcome");
        return form;
      }),
    );
    await Promise.all(forms.map((form) => form.getByRole("button", { name: "Send trigger" }).click()));
    await Promise.all(
      forms.map((form) =>
        expect(form.getByText("Sobot accepted the trigger (ret_code 000000).")).toBeVisible({ timeout: 20_000 }),
      ),
    );

    const stats = await fake!.stats();
    expect(stats.tokenRequests, "get_token requests").toBe(1);
    expect(stats.triggers).toHaveLength(2);
    expect(stats.triggers[0].token).toBeTruthy();
    expect(stats.triggers[1].token).toBe(stats.triggers[0].token);
    expect(stats.triggers[0].token).toBe(stats.current);
    const logged = await sql!.query<{ kind: string; n: string }>(
      `SELECT kind, COUNT(*) AS n FROM "Call"
       WHERE direction = 'out' AND "integrationId" = $1 GROUP BY kind ORDER BY kind`,
      [integrations.apiId],
    );
    expect(logged.rows.map((r) => [r.kind, Number(r.n)])).toEqual([
      ["get_token", 1],
      ["trigger", 2],
    ]);
    await Promise.all(pages.map((page) => page.context().close()));
  });

  test("health answers 503 at once while the database is cut off; both instances recover with no restart", async () => {
    const pids = NAMES.map((name) => instances[name]!.child.pid);
    try {
      // A network partition: connections hang. Then a refusing server (a restart).
      for (const mode of ["hold", "refuse"] as const) {
        const before = proxy!.stats();
        proxy!.cut(mode);
        for (const name of NAMES) {
          const h = await health(name);
          expect(h.status, `health on ${name} while the database is cut (${mode})`).toBe(503);
          expect(h.ms, `health on ${name} answers quickly (${mode})`).toBeLessThan(5_000);
          expect(h.retryAfter).toMatch(/^\d+$/);
          expect(h.cacheControl).toBe("no-store");
          expect(h.body.status).toBe("unavailable");
          expect(h.body.database).toBe("unreachable");
          const text = JSON.stringify(h.body);
          for (const leak of [DB_NAME, String(PORTS.proxy), "postgres://"]) expect(text).not.toContain(leak);
        }
        // The outage this test meant was met: the proxy cut live connections or turned new ones away
        // (a pooled connection that just died can fail the check without a new attempt).
        const after = proxy!.stats();
        expect(after.held + after.refused + (before.live > 0 ? 1 : 0)).toBeGreaterThan(before.held + before.refused);
      }
    } finally {
      proxy!.restore();
    }
    const started = Date.now();
    await waitRecovered(15_000);
    console.log(`scale-out: both instances answered again ${Date.now() - started} ms after the database came back`);
    for (const name of NAMES) {
      expect(alive(name), `instance ${name} still running`).toBe(true);
      expect((await health(name)).body.status).toBe("ok");
    }
    expect(NAMES.map((name) => instances[name]!.child.pid)).toEqual(pids);
  });

  // Replay protection's unique key is in the database: the other instance knows the copy. A lookup's
  // copy is answered (a vendor's retry gets its profile) and logged as a duplicate.
  test("a call accepted by one instance is known as a duplicate by the other", async () => {
    const call = crmCall(ORIGINS.a, 99);
    const first = await timed(call.url, call.init);
    expect(first.response.status).toBe(200);
    const again = await timed(`${ORIGINS.b}${integrations.crm}`, call.init);
    const rows = (
      await sql!.query<{ status: number; outcome: string }>(
        `SELECT status, outcome FROM "Call"
         WHERE direction = 'in' AND "integrationId" = $1 AND "requestBody" = $2 ORDER BY id`,
        [integrations.ids.crm, call.identity],
      )
    ).rows;
    // Both checks at once, so that a failure shows what happened to the copy and its log entry.
    expect({ status: again.response.status, logged: rows }, "the same signed call sent to the other instance").toEqual({
      status: 200,
      logged: [
        { status: 200, outcome: "ok" },
        { status: 200, outcome: "duplicate" },
      ],
    });
  });

  // Depends on the pipeline's database-outage handling, being improved separately: the target is
  // a quick 503 with Retry-After (so the vendor retries), not a 500 or a hang.
  test("a callback while the database is cut off gets a quick, retryable 503", async () => {
    // Both kinds of outage on both instances, all observed before asserting, so that a failure
    // shows every answer: a refusing server (a restart), then a partition (connections hang).
    const answers: { where: string; answer: { status: number; retryAfter: string | null; quick: boolean } | string }[] =
      [];
    try {
      let n = 0;
      for (const mode of ["refuse", "hold"] as const) {
        proxy!.cut(mode);
        await Promise.all(
          NAMES.map(async (name) => {
            const call = udeskCall(ORIGINS[name], "knowledge", 30 + n++);
            const where = `instance ${name}, database ${mode === "refuse" ? "refusing connections" : "not answering"}`;
            try {
              const { response, ms } = await timed(call.url, call.init, 8_000);
              answers.push({
                where,
                answer: { status: response.status, retryAfter: response.headers.get("retry-after"), quick: ms < 5_000 },
              });
            } catch (error) {
              answers.push({ where, answer: `no answer within 8 s (${(error as Error).name})` });
            }
          }),
        );
      }
    } finally {
      proxy!.restore();
    }
    await waitRecovered(15_000);
    answers.sort((x, y) => x.where.localeCompare(y.where));
    expect(answers, "callbacks while the database is cut off").toEqual(
      answers.map(({ where }) => ({
        where,
        answer: { status: 503, retryAfter: expect.stringMatching(/^\d+$/), quick: true },
      })),
    );
    // Nothing is lost: each instance kept its entries and writes them once the database is back.
    const bodies = ["d-30", "d-31", "d-32", "d-33"];
    await waitUntil(
      "the calls made during the outage in the log",
      async () => {
        const { rows } = await sql!.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "Call"
           WHERE path = $1 AND outcome = 'unavailable' AND status = 503 AND "requestBody" ~ $2`,
          // The integration could not be looked up during the outage: the entry names the URL.
          [integrations.udesk.knowledge, `"datumId":"(${bodies.join("|")})"`],
        );
        if (rows[0].n === bodies.length) return true;
        const seen = await sql!.query(
          `SELECT id, outcome, status, left("requestBody", 120) AS body FROM "Call"
           WHERE outcome = 'unavailable' ORDER BY id`,
        );
        throw new Error(`${rows[0].n} of ${bodies.length}; unavailable calls so far: ${JSON.stringify(seen.rows)}`);
      },
      20_000,
    );
  });

  test("calls answered 503 in an outage survive a kill of the instance: after a restart, all are logged", async () => {
    // A killed process's journal lock goes stale after 10 s before another may take it over.
    test.setTimeout(150_000);
    const sent: string[] = [];
    const answers: number[] = [];
    try {
      proxy!.cut("refuse");
      for (let i = 0; i < 5; i++) {
        const call = udeskCall(ORIGINS.a, "knowledge", 60 + i);
        const { response } = await timed(call.url, call.init, 8_000);
        answers.push(response.status);
        sent.push(JSON.parse(call.identity).datumId);
      }
      const journal = (await health("a")).body.journal;
      expect(answers, "every call during the outage").toEqual(sent.map(() => 503));
      expect(journal?.pending, "calls waiting in the journal of instance a").toBeGreaterThanOrEqual(sent.length);
      // No graceful stop: the process is killed with its calls only in the journal file.
      const killed = new Promise<void>((resolve) => instances.a!.child.once("exit", () => resolve()));
      instances.a!.child.kill("SIGKILL");
      await killed;
      instances.a = startInstance("a");
    } finally {
      proxy!.restore();
    }
    await waitHealthy("a", 60_000);
    await waitUntil(
      "every call answered 503 before the kill in the log",
      async () => {
        const { rows } = await sql!.query<{ body: string; status: number; outcome: string }>(
          `SELECT "requestBody" AS body, status, outcome FROM "Call" WHERE path = $1 AND "requestBody" ~ $2`,
          [integrations.udesk.knowledge, `"datumId":"(${sent.join("|")})"`],
        );
        const found = rows.map((r) => JSON.parse(r.body).datumId).sort();
        if (found.length === sent.length) {
          expect(rows.every((r) => r.status === 503 && r.outcome === "unavailable")).toBe(true);
          return true;
        }
        throw new Error(`${found.length} of ${sent.length} in the log: ${found.join(", ")}`);
      },
      45_000,
    );
  });
});
