#!/usr/bin/env node
// `npm run bench`: Deskbridge's benchmark, end to end, on a throwaway SQLite database.
//
//  1. Builds the app when .next/BUILD_ID is missing, creates a database under
//     scripts/bench/.tmp (removed first), seeds customers with orders, and creates one
//     integration of every inbound kind with the deskbridge CLI.
//  2. Vendor callbacks: for each kind (Sobot CRM docking, Sobot webhook push, Udesk message /
//     task / knowledge, Hyphenate panel) and each concurrency, autocannon sends correctly signed,
//     all-distinct requests to the production server for a few seconds: req/s, p50, p99,
//     non-2xx. Then the same against the baseline (scripts/bench/baseline.mjs: node:http +
//     better-sqlite3 doing the same crypto, lookups and call-log insert) on a copy of the same
//     database, and the Deskbridge / baseline ratios.
//  3. Large data: 100,000 customers and 1,000,000 logged calls written straight into the
//     database; then, signed in as the admin, sequential timings of the Customers search and
//     the Calls pages (p50 / p95).
//  4. Writes docs/benchmarks.md (the whole file, every run) and prints its tables.
//
// Options (environment):
//   BENCH_BUILD=1             run next build first even when a build exists (after code changes)
//   BENCH_DURATION=6          seconds per measured cell (one kind × one concurrency)
//   BENCH_WARMUP=2            seconds of warm-up per kind and server, not measured
//   BENCH_CONNECTIONS=1,16,64 concurrencies
//   BENCH_KINDS=…             comma list of kinds to run (default: all six)
//   BENCH_CUSTOMERS=2000      customers the vendor calls ask about
//   BENCH_SKIP_BASELINE=1     skip the baseline server (no ratios)
//   BENCH_SKIP_CALLBACKS=1    skip the callback throughput runs
//   BENCH_SKIP_LARGE=1        skip the large-data page timings
//   BENCH_LARGE_CUSTOMERS=100000, BENCH_LARGE_CALLS=1000000   size of the large data set
//   BENCH_PAGE_REQUESTS=40    sequential requests per dashboard page
//   BENCH_PROFILE=1           run the Deskbridge server under --cpu-prof during the callback
//                             runs and summarise the top self-time functions in the report
//   BENCH_PORT=3510, BENCH_BASELINE_PORT=3511
//   BENCH_OUT=docs/benchmarks.md   where the report goes ("-" prints it only)
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { answerLooksRight, generators } from "./requests.mjs";
import { openDb, seedCallbackCustomers, seedLarge, seedUdeskAnswers } from "./seed.mjs";
import { summarize } from "./profile.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const TMP = path.join(ROOT, "scripts", "bench", ".tmp");
const env = process.env;
const num = (name, fallback) => (env[name] === undefined || env[name] === "" ? fallback : Number(env[name]));
const OPTS = {
  duration: num("BENCH_DURATION", 6),
  warmup: num("BENCH_WARMUP", 2),
  connections: (env.BENCH_CONNECTIONS || "1,16,64").split(",").map(Number),
  kinds: env.BENCH_KINDS
    ? env.BENCH_KINDS.split(",")
    : ["sobot-crm", "sobot-webhook", "udesk-message", "udesk-task", "udesk-knowledge", "hyphenate"],
  customers: num("BENCH_CUSTOMERS", 2000),
  skipBaseline: env.BENCH_SKIP_BASELINE === "1",
  skipCallbacks: env.BENCH_SKIP_CALLBACKS === "1",
  skipLarge: env.BENCH_SKIP_LARGE === "1",
  largeCustomers: num("BENCH_LARGE_CUSTOMERS", 100_000),
  largeCalls: num("BENCH_LARGE_CALLS", 1_000_000),
  pageRequests: num("BENCH_PAGE_REQUESTS", 40),
  profile: env.BENCH_PROFILE === "1",
  port: num("BENCH_PORT", 3510),
  baselinePort: num("BENCH_BASELINE_PORT", 3511),
  out: env.BENCH_OUT || path.join(ROOT, "docs", "benchmarks.md"),
};
const GOALS = { ratioC16: 0.5, p99Ms: 50, searchP95Ms: 200, callsP95Ms: 300 };
const ADMIN = { email: "bench@deskbridge.test", password: "bench-admin-password" };

const log = (line) => process.stderr.write(`${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- processes
const children = new Set();
function killAll() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
}
process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });

function appEnv(dbFile, masterKey) {
  return {
    DATABASE_URL: `file:${dbFile}`,
    DESKBRIDGE_DATA_DIR: TMP,
    DESKBRIDGE_MASTER_KEY: masterKey,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    DESKBRIDGE_DEMO: "0",
    NEXT_TELEMETRY_DISABLED: "1",
    // Rate limits off: the bench measures the work, not the limiter.
    DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_INTEGRATION: "0",
    DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_ADDRESS: "0",
  };
}

function cli(appEnvironment, args) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "deskbridge.mjs"), ...args], {
    cwd: ROOT,
    env: { ...env, ...appEnvironment },
    encoding: "utf8",
  });
  if (r.status !== 0)
    throw new Error(`deskbridge ${args.slice(0, 3).join(" ")} failed (${r.status}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

async function portIsFree(port) {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
    return false;
  } catch {
    return true;
  }
}

/** Starts a server process and waits until it answers `probe`. */
async function startProcess(name, args, { port, env: extraEnv, probe = "/" }) {
  if (!(await portIsFree(port)))
    throw new Error(`port ${port} is already in use: set BENCH_PORT / BENCH_BASELINE_PORT`);
  const logFile = path.join(TMP, `${name}.log`);
  const out = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  children.add(child);
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  child.exited = exited;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `${name} exited (${child.exitCode}) before answering; see ${logFile}:\n` +
          fs.readFileSync(logFile, "utf8").slice(-2000),
      );
    try {
      const res = await fetch(`http://127.0.0.1:${port}${probe}`, {
        redirect: "manual",
        signal: AbortSignal.timeout(5000),
      });
      await res.arrayBuffer();
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer on port ${port} within 180 s; see ${logFile}`);
    await sleep(300);
  }
  log(`  ${name} is up (pid ${child.pid}, port ${port})`);
  return child;
}

async function stopProcess(child) {
  if (!child || child.exitCode !== null) return;
  child.kill("SIGTERM");
  const timeout = sleep(15_000).then(() => "timeout");
  if ((await Promise.race([child.exited, timeout])) === "timeout") {
    child.kill("SIGKILL");
    await child.exited;
  }
  children.delete(child);
}

function startDeskbridge(appEnvironment, { profileDir } = {}) {
  const serverScript = path.join(ROOT, "bin", "server.mjs");
  const entry = fs.existsSync(serverScript)
    ? [serverScript, "-p", String(OPTS.port), "-H", "127.0.0.1"]
    : [
        path.join(ROOT, "node_modules", "next", "dist", "bin", "next"),
        "start",
        "-p",
        String(OPTS.port),
        "-H",
        "127.0.0.1",
      ];
  const nodeFlags = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  return startProcess("deskbridge", [...nodeFlags, ...entry], {
    port: OPTS.port,
    env: { ...appEnvironment, PORT: String(OPTS.port) },
    probe: "/signin",
  });
}

// ---------------------------------------------------------------- machine
function machine() {
  const cpus = os.cpus();
  let distro = `${os.type()} ${os.release()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(fs.readFileSync("/etc/os-release", "utf8"));
    if (pretty) distro = `${pretty[1]} (${os.type()} ${os.release()})`;
  } catch {
    // not Linux
  }
  const sqlite = new Database(":memory:").prepare("select sqlite_version() as v").get().v;
  return {
    cpu: `${cpus[0]?.model ?? "unknown"} (${cpus.length} logical cores${
      cpus[0]?.speed ? `, ${cpus[0].speed} MHz` : ""
    })`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    os: distro,
    sqlite,
    loadStart: os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" "),
  };
}

// ---------------------------------------------------------------- callbacks
/**
 * One HTTP request on a fresh connection (no keep-alive pool: a pooled socket that the server
 * closed while idle during a load run would fail the next request). Returns status, headers, text.
 */
function request(url, { method = "GET", headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        headers: body ? { ...headers, "content-length": Buffer.byteLength(body) } : headers,
        agent: false,
        timeout: 60_000,
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${url}: no answer within 60 s`)));
    req.on("error", reject);
    req.end(body);
  });
}

async function preflight(base, kind, gen) {
  for (let i = 0; i < 3; i++) {
    const req = gen.next();
    const { status, text } = await request(base + req.path, {
      method: req.method,
      headers: req.headers,
      body: req.body,
    });
    if (!answerLooksRight(kind, status, text))
      throw new Error(`${kind}: the server's answer is not a working call (HTTP ${status}): ${text.slice(0, 300)}`);
  }
}

function cannon(base, gen, connections, seconds) {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        timeout: 30,
        requests: [{ setupRequest: (reqData) => ({ ...reqData, ...gen.next(), host: url.host }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux only; else NaN). */
const CLOCK_TICKS = (() => {
  const r = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  return Number(r.stdout?.trim()) || 100;
})();
function cpuSeconds(pid) {
  try {
    // Fields after the command name (which is in parentheses and may hold spaces).
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/**
 * Every kind × concurrency on every target ({name, base, pid}). The targets take turns cell by
 * cell (their order alternating from one kind to the next), so that both see the same
 * background load on a shared machine, and the server's own CPU time per request is measured
 * too: unlike req/s, it hardly depends on what else runs.
 */
async function benchTargets(targets, gens) {
  const rows = [];
  for (const [k, kind] of OPTS.kinds.entries()) {
    const gen = gens[kind];
    const ready = [];
    for (const t of k % 2 ? [...targets].reverse() : targets) {
      try {
        await preflight(t.base, kind, gen);
        if (OPTS.warmup > 0) await cannon(t.base, gen, 16, OPTS.warmup);
        ready.push(t);
      } catch (error) {
        // Reported in the table, and the other kinds still run.
        log(`  ${t.name.padEnd(10)} ${kind.padEnd(16)} FAILED: ${error.message}`);
        for (const c of OPTS.connections)
          rows.push({ server: t.name, kind, connections: c, failed: error.message.slice(0, 200) });
      }
    }
    for (const c of OPTS.connections) {
      for (const t of ready) {
        const cpuBefore = cpuSeconds(t.pid);
        const r = await cannon(t.base, gen, c, OPTS.duration);
        const cpu = cpuSeconds(t.pid) - cpuBefore;
        const statuses = Object.entries(r.statusCodeStats ?? {})
          .filter(([s]) => !s.startsWith("2"))
          .map(([s, v]) => `${s}×${v.count}`);
        const row = {
          server: t.name,
          kind,
          connections: c,
          rps: r.requests.total / r.duration,
          p50: r.latency.p50,
          p99: r.latency.p99,
          total: r.requests.total,
          cpuMsPerRequest: r.requests.total ? (cpu * 1000) / r.requests.total : NaN,
          cpuShare: cpu / r.duration,
          non2xx: r.non2xx,
          errors: r.errors,
          timeouts: r.timeouts,
          statuses: statuses.join(" "),
        };
        rows.push(row);
        log(
          `  ${t.name.padEnd(10)} ${kind.padEnd(16)} c=${String(c).padStart(2)}  ` +
            `${row.rps.toFixed(0).padStart(6)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  ` +
            `cpu ${row.cpuMsPerRequest.toFixed(2)} ms/req` +
            (row.non2xx || row.errors ? `  non-2xx ${row.non2xx} errors ${row.errors} ${row.statuses}` : ""),
        );
      }
    }
  }
  return rows;
}

/** What the server logged for the benchmarked calls, per vendor/kind and outcome. */
function loggedOutcomes(dbFile) {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  const rows = db
    .prepare(
      'SELECT vendor, kind, outcome, status, COUNT(*) AS n FROM "Call" GROUP BY vendor, kind, outcome, status ' +
        "ORDER BY vendor, kind, n DESC",
    )
    .all();
  db.close();
  return rows;
}

// ---------------------------------------------------------------- dashboard pages
async function signIn(base) {
  const jar = new Map();
  const keep = (headers) => {
    for (const c of headers["set-cookie"] ?? []) {
      const [pair] = c.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await request(`${base}/api/auth/csrf`);
  keep(csrf.headers);
  const { csrfToken } = JSON.parse(csrf.text);
  const res = await request(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({
      csrfToken,
      email: ADMIN.email,
      password: ADMIN.password,
      callbackUrl: `${base}/customers`,
      json: "true",
    }).toString(),
  });
  keep(res.headers);
  if (![...jar.keys()].some((k) => k.includes("session-token")))
    throw new Error(`sign-in failed (HTTP ${res.status}): no session cookie`);
  return cookie();
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

async function timePage(base, cookie, page) {
  const times = [];
  let bytes = 0;
  for (let i = -3; i < OPTS.pageRequests; i++) {
    const started = performance.now();
    const { status, text } = await request(base + page.url, { headers: { cookie } });
    const ms = performance.now() - started;
    if (status !== 200 || !page.expect.test(text))
      throw new Error(`${page.url}: HTTP ${status}, or the page lacks ${page.expect}: ${text.slice(0, 200)}`);
    if (i >= 0) times.push(ms);
    bytes = text.length;
  }
  times.sort((a, b) => a - b);
  return {
    ...page,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times[times.length - 1],
    n: times.length,
    bytes,
  };
}

/** Picks real search terms and a deep cursor from the seeded data. */
function pagesToTime(dbFile, { firstCustomer, lastCustomer }) {
  const db = new Database(dbFile, { readonly: true });
  const one = (sql, ...args) => db.prepare(sql).get(...args);
  // A customer from the middle of the large set: its email, phone and external id are searched for.
  const target = Math.floor((firstCustomer + lastCustomer) / 2);
  const email = one('SELECT email FROM "CustomerEmail" WHERE customerId = ?', target).email;
  const phone = one('SELECT phone FROM "CustomerPhone" WHERE customerId = ?', target).phone;
  const external = one(
    "SELECT value FROM \"ExternalId\" WHERE customerId = ? AND kind = 'sobot-partner'",
    target,
  ).value;
  const calls = one('SELECT MIN(id) AS a, MAX(id) AS b, COUNT(*) AS n FROM "Call"');
  const deep = Math.floor(calls.a + (calls.b - calls.a) * 0.1);
  db.close();
  const rows = /<tbody>[\s\S]*?<tr/;
  return [
    { group: "search", label: "Customers, first page (no search)", url: "/customers", expect: rows },
    {
      group: "search",
      label: "Customers, name fragment",
      url: `/customers?q=${encodeURIComponent("王芳")}`,
      expect: rows,
    },
    { group: "search", label: "Customers, name fragment (Latin)", url: `/customers?q=olivia`, expect: rows },
    {
      group: "search",
      label: "Customers, exact email",
      url: `/customers?q=${encodeURIComponent(email)}`,
      expect: rows,
    },
    {
      group: "search",
      label: "Customers, phone (as typed: 138 0000-0000)",
      url: `/customers?q=${encodeURIComponent(`${phone.slice(0, 3)} ${phone.slice(3, 7)}-${phone.slice(7)}`)}`,
      expect: rows,
    },
    {
      group: "search",
      label: "Customers, external id",
      url: `/customers?q=${encodeURIComponent(external)}`,
      expect: rows,
    },
    { group: "calls", label: "Calls, first page", url: "/calls", expect: rows },
    { group: "calls", label: "Calls, vendor = udesk", url: "/calls?vendor=udesk", expect: rows },
    {
      group: "calls",
      label: "Calls, vendor = sobot-crm and outcome = bad_signature",
      url: "/calls?vendor=sobot-crm&outcome=bad_signature",
      expect: rows,
    },
    {
      group: "calls",
      label: "Calls, outcome = internal_error (rare)",
      url: "/calls?outcome=internal_error",
      expect: rows,
    },
    { group: "calls", label: "Calls, deep page (keyset cursor, 90% down)", url: `/calls?before=${deep}`, expect: rows },
    {
      group: "calls",
      label: "Calls, deep page filtered (vendor = hyphenate)",
      url: `/calls?vendor=hyphenate&before=${deep}`,
      expect: rows,
    },
  ];
}

// ---------------------------------------------------------------- report
const fmt = (x, digits = 0) => (x === undefined || x === null || Number.isNaN(x) ? "–" : Number(x).toFixed(digits));
const yes = (ok) => (ok ? "✅ yes" : "❌ no");

function report({
  info,
  started,
  finished,
  setupNotes,
  deskRows,
  baseRows,
  outcomes,
  baseOutcomes,
  profile,
  large,
  pages,
  explained,
}) {
  const lines = [];
  const p = (s = "") => lines.push(s);
  p("# Benchmarks");
  p();
  p("Written by `npm run bench` (scripts/bench/run.mjs) on every run: do not edit by hand. See the");
  p("README's *Benchmarks* section for what is measured and how to run it.");
  p();
  p(
    `Run: ${started.toISOString().slice(0, 16).replace("T", " ")} UTC, ` +
      `${((finished - started) / 60000).toFixed(1)} min.`,
  );
  p();
  p("| machine | |");
  p("|---|---|");
  p(`| CPU | ${info.cpu} |`);
  p(`| memory | ${info.memory} |`);
  p(`| OS | ${info.os} |`);
  p(`| Node.js | ${info.node} |`);
  p(`| SQLite | ${info.sqlite} (better-sqlite3), WAL, synchronous=NORMAL |`);
  p(`| load average (1/5/15 min) | at start ${info.loadStart}; at end ${info.loadEnd} |`);
  p();
  p(`The machine is shared: the load average shows how much else ran. The load generator (autocannon,`);
  p(`which also signs and encrypts every request) runs on the same cores as the server under test.`);
  p();
  // The verdicts first; the tables below hold the numbers.
  const c16 = OPTS.connections.includes(16) ? 16 : OPTS.connections[Math.min(1, OPTS.connections.length - 1)];
  const verdicts = [];
  const pairs = [...new Set(deskRows.map((r) => r.kind))].map((kind) => [
    kind,
    deskRows.find((r) => r.kind === kind && r.connections === c16),
    baseRows.find((r) => r.kind === kind && r.connections === c16),
  ]);
  if (pairs.length && baseRows.length) {
    const ratios = pairs.map(([, d, b]) => (d && b && !d.failed && !b.failed ? d.rps / b.rps : NaN));
    verdicts.push(
      `Throughput at concurrency ${c16} ≥ ${GOALS.ratioC16} × baseline: ` +
        `${yes(ratios.every((x) => x >= GOALS.ratioC16))} ` +
        `(ratios ${fmt(Math.min(...ratios), 2)}–${fmt(Math.max(...ratios), 2)})`,
    );
  }
  if (pairs.length) {
    const p99s = pairs.map(([, d]) => (d && !d.failed ? d.p99 : NaN));
    verdicts.push(
      `Deskbridge p99 < ${GOALS.p99Ms} ms at concurrency ${c16}: ${yes(p99s.every((x) => x < GOALS.p99Ms))} ` +
        `(${fmt(Math.min(...p99s))}–${fmt(Math.max(...p99s))} ms)`,
    );
  }
  for (const [group, goal, label] of [
    ["search", GOALS.searchP95Ms, "Customer search"],
    ["calls", GOALS.callsP95Ms, "Calls pages"],
  ]) {
    const p95s = pages.filter((x) => x.group === group).map((x) => x.p95);
    if (p95s.length)
      verdicts.push(
        `${label} p95 < ${goal} ms: ${yes(p95s.every((x) => x < goal))} (worst ${fmt(Math.max(...p95s))} ms)`,
      );
  }
  if (verdicts.length) {
    p("## Goals");
    p();
    for (const v of verdicts) p(`- ${v}`);
    p();
  }

  for (const note of setupNotes) p(note);
  if (setupNotes.length) p();

  if (deskRows.length) {
    const kinds = [...new Set(deskRows.map((r) => r.kind))];
    const find = (rows, kind, c) => rows.find((r) => r.kind === kind && r.connections === c);
    p("## Vendor callbacks: Deskbridge against the baseline");
    p();
    p(
      `Concurrency ${c16}, ${OPTS.duration} s per cell. ` +
        `Goals: Deskbridge reaches at least ${GOALS.ratioC16} × the baseline's throughput, ` +
        `and its p99 stays under ${GOALS.p99Ms} ms (SQLite).`,
    );
    p(
      "The two servers took turns cell by cell, so both met the same background load. " +
        "*CPU ms/req* is the server process's own CPU time",
    );
    p(
      "(user + system) divided by the requests it answered: it hardly depends on the machine's load, " +
        "and the *CPU ratio* (baseline ÷ Deskbridge)",
    );
    p("is the throughput ratio to expect when each server has a core to itself.");
    if (OPTS.profile) p("Deskbridge ran under `node --cpu-prof` (BENCH_PROFILE=1), which costs it a few percent.");
    p();
    p(
      `| call kind | Deskbridge req/s | baseline req/s | ratio | ≥ ${GOALS.ratioC16}? | Deskbridge p99 ms ` +
        `| baseline p99 ms | p99 < ${GOALS.p99Ms} ms? | Deskbridge p99 ms at c=${OPTS.connections[0]} ` +
        "| Deskbridge CPU ms/req | baseline CPU ms/req | CPU ratio |",
    );
    p("|---|---:|---:|---:|:-:|---:|---:|:-:|---:|---:|---:|---:|");
    for (const kind of kinds) {
      const d = find(deskRows, kind, c16);
      const b = find(baseRows, kind, c16);
      const ratio = d && b ? d.rps / b.rps : NaN;
      const cell = (r, value) => (r?.failed ? "**failed**" : value);
      p(
        `| ${kind} | ${cell(d, fmt(d?.rps))} | ${cell(b, fmt(b?.rps))} | ${fmt(ratio, 2)} ` +
          `| ${b && d ? yes(ratio >= GOALS.ratioC16) : "–"} | ${cell(d, fmt(d?.p99))} | ${cell(b, fmt(b?.p99))} ` +
          `| ${d ? yes(!d.failed && d.p99 < GOALS.p99Ms && !d.non2xx && !d.errors) : "–"} ` +
          `| ${fmt(find(deskRows, kind, OPTS.connections[0])?.p99)} | ${cell(d, fmt(d?.cpuMsPerRequest, 2))} ` +
          `| ${cell(b, fmt(b?.cpuMsPerRequest, 2))} ` +
          `| ${fmt(b && d ? b.cpuMsPerRequest / d.cpuMsPerRequest : NaN, 2)} |`,
      );
    }
    p();
    p(
      "Every cell (req/s = completed responses per second; latencies in ms; " +
        "any non-2xx answer or socket error is counted and shown):",
    );
    p();
    p("| call kind | server | connections | req/s | p50 | p99 | CPU ms/req | requests | non-2xx | errors |");
    p("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const kind of kinds) {
      for (const rows of [deskRows, baseRows]) {
        for (const r of rows.filter((x) => x.kind === kind)) {
          if (r.failed) {
            p(
              `| ${kind} | ${r.server} | ${r.connections} | **failed** | | | | | ` +
                `| ${r.failed.replace(/\|/g, "\\|").replace(/\n/g, " ")} |`,
            );
            continue;
          }
          const bad = r.non2xx || r.errors || r.timeouts;
          p(
            `| ${kind} | ${r.server} | ${r.connections} | ${fmt(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p99)} ` +
              `| ${fmt(r.cpuMsPerRequest, 2)} | ${r.total} ` +
              `| ${bad ? `**${r.non2xx}**${r.statuses ? ` (${r.statuses})` : ""}` : 0} ` +
              `| ${r.errors || r.timeouts ? `**${r.errors}** (${r.timeouts} timeouts)` : 0} |`,
          );
        }
      }
    }
    p();
    if (outcomes.length) {
      p(
        "Outcomes Deskbridge logged for these calls (each request is one call in its call log; " +
          "the baseline logs one row per request too):",
      );
      p();
      p("| vendor / kind | outcome | HTTP | calls (Deskbridge) | calls (baseline) |");
      p("|---|---|---:|---:|---:|");
      for (const o of outcomes) {
        const b = baseOutcomes.find(
          (x) => x.vendor === o.vendor && x.kind === o.kind && x.outcome === o.outcome && x.status === o.status,
        );
        p(`| ${o.vendor} / ${o.kind} | ${o.outcome} | ${o.status} | ${o.n} | ${b?.n ?? "–"} |`);
      }
      p();
    }
  }

  if (profile) {
    p("## Where Deskbridge's time goes (CPU profile of the server during the callback runs)");
    p();
    p(
      `\`node --cpu-prof\` on the server process; ${fmt(profile.busyMs / 1000, 1)} s of CPU busy time ` +
        `over ${fmt(profile.totalMs / 1000, 1)} s. Self time, as a share of busy time.`,
    );
    p();
    p("| package / location | self time | share |");
    p("|---|---:|---:|");
    for (const x of profile.packages) p(`| ${x.where} | ${fmt(x.ms)} ms | ${x.share} |`);
    p();
    p("| function | where | share |");
    p("|---|---|---:|");
    for (const f of profile.functions)
      p(`| \`${f.name.replace(/\|/g, "\\|")}\` | ${f.where.replace(/\|/g, "\\|")} | ${f.share} |`);
    p();
  }

  if (large) {
    p("## Large data: dashboard pages");
    p();
    p(
      `${large.customers.toLocaleString("en")} customers and ${large.calls.toLocaleString("en")} logged calls ` +
        `in the database (${OPTS.largeCustomers.toLocaleString("en")} and ${OPTS.largeCalls.toLocaleString("en")} ` +
        `of them seeded in ${fmt(large.seconds, 1)} s, straight into SQLite:`,
    );
    p(
      `mixed vendors, kinds and outcomes over ${large.months} months; ` +
        "bodies of calls older than 30 days pruned, as retention does).",
    );
    p(
      `Signed in as an admin, ${OPTS.pageRequests} sequential requests per page after 3 unmeasured ones; ` +
        "the time is the whole server-rendered page, read to the end.",
    );
    p(
      `Goals: p95 under ${GOALS.searchP95Ms} ms for customer search, under ${GOALS.callsP95Ms} ms for the Calls pages.`,
    );
    p();
    p("| page | URL | p50 ms | p95 ms | max ms | goal met? |");
    p("|---|---|---:|---:|---:|:-:|");
    for (const x of pages) {
      const goal = x.group === "search" ? GOALS.searchP95Ms : GOALS.callsP95Ms;
      p(
        `| ${x.label} | \`${x.url.length > 60 ? `${x.url.slice(0, 57)}…` : x.url}\` ` +
          `| ${fmt(x.p50)} | ${fmt(x.p95)} | ${fmt(x.max)} | ${yes(x.p95 < goal)} (< ${goal}) |`,
      );
    }
    p();
    if (explained) {
      p("### The SQL behind the pages that missed their goal");
      p();
      p(
        "Each statement Prisma ran for the page's query (captured from its query log), " +
          "its time when run again alone on the same database (median of 3),",
      );
      p(
        "and SQLite's `EXPLAIN QUERY PLAN` (scripts/bench/explain.ts). " +
          "The page time also includes the session check, rendering and the load of the machine.",
      );
      p();
      p(explained.trim());
      p();
    }
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------- main
async function main() {
  const started = new Date();
  const info = machine();
  log(`bench: ${info.cpu}, ${info.memory}, Node ${info.node}, load ${info.loadStart}`);

  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")) || env.BENCH_BUILD === "1") {
    log("bench: running next build");
    const build = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "build"],
      { cwd: ROOT, stdio: ["ignore", 2, 2] },
    );
    if (build.status !== 0) throw new Error("next build failed");
  }

  fs.rmSync(TMP, { recursive: true, force: true });
  fs.mkdirSync(TMP, { recursive: true });
  const dbFile = path.join(TMP, "deskbridge.db");
  const masterKey = crypto.randomBytes(32).toString("base64");
  const app = appEnv(dbFile, masterKey);
  const setupNotes = [];

  log("bench: migrating and seeding a fresh database");
  cli(app, ["db", "migrate"]);
  const customers = seedCallbackCustomers(dbFile, OPTS.customers);
  const secret = (n) => crypto.randomBytes(n).toString("hex").slice(0, n);
  const setup = {
    sobotCrm: { companyId: "1001", secret: secret(24) },
    sobotWebhook: { headerName: "x-deskbridge-token", sharedSecret: secret(32) },
    udesk: { integrationName: "对接一", key: secret(32) },
    hyphenate: { key: secret(16) },
  };
  const add = (args) => JSON.parse(cli(app, ["integrations", "add", ...args, "--json"]));
  const slugOf = (view, endpoint) => view.endpoints[endpoint].split("/").pop();
  const crm = add([
    "sobot-crm",
    "--name",
    "Sobot CRM (bench)",
    "--company-id",
    setup.sobotCrm.companyId,
    "--secret",
    setup.sobotCrm.secret,
  ]);
  const webhook = add([
    "sobot-webhook",
    "--name",
    "Sobot push (bench)",
    "--auth-mode",
    "header",
    "--shared-secret",
    setup.sobotWebhook.sharedSecret,
  ]);
  const udesk = add([
    "udesk",
    "--name",
    "Udesk robot (bench)",
    "--integration-name",
    setup.udesk.integrationName,
    "--key",
    setup.udesk.key,
  ]);
  const hyphenate = add([
    "hyphenate",
    "--name",
    "Easemob panel (bench)",
    "--key",
    setup.hyphenate.key,
    "--encrypt-system-params",
  ]);
  setup.sobotCrm.slug = slugOf(crm, "crm");
  setup.sobotWebhook.slug = slugOf(webhook, "webhook");
  setup.udesk.slug = slugOf(udesk, "message");
  setup.hyphenate.slug = slugOf(hyphenate, "iframe");
  seedUdeskAnswers(dbFile, udesk.id);
  // For debugging a run by hand (throwaway secrets of a throwaway database).
  fs.writeFileSync(
    path.join(TMP, "setup.json"),
    JSON.stringify({ env: app, setup, customers: customers.slice(0, 20) }, null, 2),
  );
  setupNotes.push(
    `Callback data: ${OPTS.customers.toLocaleString("en")} customers, each with all four external ids ` +
      "and 1–3 orders (with shipment events); one integration of each kind, created with the CLI " +
      "(the webhook app requires a shared header token; the Hyphenate key encrypts system parameters too); " +
      "a Udesk question rule, a knowledge entry and a default card template (orders as a bubble list). " +
      "Every request is distinct: a fresh timestamp and a sequence number inside the signed or encrypted part.",
  );

  // The baseline works on a copy of the same database, taken before either server writes to it.
  const baselineDb = path.join(TMP, "baseline.db");
  const copy = openDb(dbFile);
  copy.exec(`VACUUM INTO '${baselineDb.replace(/'/g, "''")}'`);
  copy.close();

  const gens = generators(setup, customers);
  let deskRows = [];
  let baseRows = [];
  let outcomes = [];
  let baseOutcomes = [];
  let profile = null;

  if (!OPTS.skipCallbacks) {
    const profileDir = OPTS.profile ? path.join(TMP, "profile") : undefined;
    log(`bench: vendor callbacks (${OPTS.kinds.length} kinds × c=${OPTS.connections.join("/")} × ${OPTS.duration} s)`);
    const targets = [];
    try {
      const server = await startDeskbridge(app, { profileDir });
      targets.push({ name: "Deskbridge", base: `http://127.0.0.1:${OPTS.port}`, pid: server.pid, process: server });
      if (!OPTS.skipBaseline) {
        const integrations = {
          sobotCrm: { slug: setup.sobotCrm.slug, secret: setup.sobotCrm.secret },
          sobotWebhook: { slug: setup.sobotWebhook.slug, secret: setup.sobotWebhook.sharedSecret },
          udesk: { slug: setup.udesk.slug, secret: setup.udesk.key },
          hyphenate: { slug: setup.hyphenate.slug, secret: setup.hyphenate.key },
        };
        const baseline = await startProcess("baseline", [path.join(ROOT, "scripts", "bench", "baseline.mjs")], {
          port: OPTS.baselinePort,
          env: { BENCH_BASELINE_CONFIG: JSON.stringify({ db: baselineDb, port: OPTS.baselinePort, integrations }) },
          probe: "/health",
        });
        targets.push({
          name: "baseline",
          base: `http://127.0.0.1:${OPTS.baselinePort}`,
          pid: baseline.pid,
          process: baseline,
        });
      }
      const rows = await benchTargets(targets, gens);
      deskRows = rows.filter((r) => r.server === "Deskbridge");
      baseRows = rows.filter((r) => r.server === "baseline");
    } finally {
      for (const t of targets) await stopProcess(t.process);
    }
    outcomes = loggedOutcomes(dbFile).filter((o) => o.vendor !== "sobot-api");
    if (!OPTS.skipBaseline) baseOutcomes = loggedOutcomes(baselineDb);
    if (profileDir) {
      const file =
        fs.existsSync(profileDir) &&
        fs
          .readdirSync(profileDir)
          .filter((f) => f.endsWith(".cpuprofile"))
          .map((f) => path.join(profileDir, f))
          .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
      if (file) profile = summarize(file, 30);
      else log("bench: no CPU profile was written (the server did not exit cleanly?)");
    }
  }

  let large = null;
  const pages = [];
  let explained = "";
  if (!OPTS.skipLarge) {
    log(
      `bench: seeding ${OPTS.largeCustomers.toLocaleString("en")} customers ` +
        `and ${OPTS.largeCalls.toLocaleString("en")} calls`,
    );
    const integrations = [crm, webhook, udesk, hyphenate].map((i) => ({
      id: i.id,
      vendor: i.vendor,
      slug: i.slug ?? Object.values(i.endpoints)[0].split("/").pop(),
    }));
    const seeded = seedLarge(dbFile, {
      customers: OPTS.largeCustomers,
      calls: OPTS.largeCalls,
      months: 6,
      integrations,
      log,
    });
    large = { ...seeded, months: 6 };
    log(
      `  done in ${seeded.seconds.toFixed(1)} s: ${seeded.customers} customers, ${seeded.calls} calls in the database`,
    );
    const server = await startDeskbridge(app);
    try {
      const base = `http://127.0.0.1:${OPTS.port}`;
      const cookie = await signIn(base);
      for (const page of pagesToTime(dbFile, seeded)) {
        const t = await timePage(base, cookie, page);
        pages.push(t);
        log(`  ${t.label.padEnd(56)} p50 ${t.p50.toFixed(0).padStart(5)} ms  p95 ${t.p95.toFixed(0).padStart(5)} ms`);
      }
    } finally {
      await stopProcess(server);
    }
    const missed = pages.filter((x) => x.p95 >= (x.group === "search" ? GOALS.searchP95Ms : GOALS.callsP95Ms));
    if (missed.length) {
      log(`bench: ${missed.length} page(s) missed the goal: their SQL and query plans (scripts/bench/explain.ts)`);
      const args = missed.flatMap((x) => [x.group === "search" ? "customers" : "calls", x.url.split("?")[1] ?? ""]);
      const r = spawnSync(
        process.execPath,
        [
          "--conditions=react-server",
          "--no-warnings",
          "--import",
          "tsx",
          path.join(ROOT, "scripts", "bench", "explain.ts"),
          dbFile,
          ...args,
        ],
        {
          cwd: ROOT,
          env: { ...env, TSX_TSCONFIG_PATH: path.join(ROOT, "tsconfig.json") },
          encoding: "utf8",
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      explained = r.status === 0 ? r.stdout : `(explain.ts failed: ${r.stderr.slice(0, 500)})`;
    }
  }

  info.loadEnd = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
  const markdown = report({
    info,
    started,
    finished: new Date(),
    setupNotes,
    deskRows,
    baseRows,
    outcomes,
    baseOutcomes,
    profile,
    large,
    pages,
    explained,
  });
  if (OPTS.out !== "-") {
    fs.mkdirSync(path.dirname(OPTS.out), { recursive: true });
    fs.writeFileSync(OPTS.out, `${markdown}\n`);
    log(`bench: wrote ${path.relative(ROOT, OPTS.out)}`);
  }
  process.stdout.write(`${markdown}\n`);
}

main().catch((error) => {
  log(`bench: ${error.stack ?? error}`);
  killAll();
  process.exit(1);
});
