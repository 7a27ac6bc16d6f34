#!/usr/bin/env node
// `npm run bench`: Deskbridge's benchmark, end to end, on a throwaway SQLite database.
//
//  1. Builds the app when .next/BUILD_ID is missing, creates a database under
//     scripts/bench/.tmp (removed first), seeds customers with orders, and creates one
//     integration of every inbound kind with the deskbridge CLI.
//  2. Vendor callbacks: first the floor (GET /api/live, a route that touches nothing: the
//     framework's own cost in the same build, measured again beside every other cell, since a
//     shared machine's speed drifts; at c=16 three turns each, pooled), then for each kind (Sobot CRM docking, Sobot
//     webhook push, Udesk message / task / knowledge, Hyphenate panel) and each concurrency,
//     autocannon (in a process of its own, scripts/bench/cannon.mjs) sends correctly signed,
//     all-distinct requests to the production server for a few seconds: req/s, p50, p99,
//     non-2xx. Then the same against the baseline (scripts/bench/baseline.mjs: node:http +
//     better-sqlite3 doing the same crypto, lookups and call-log insert) on a copy of the same
//     database, and the Deskbridge / baseline ratios.
//     Then, at c=16 only, the same kinds on 2 worker processes and with the call log off, each
//     beside a reference server taking turns with it (scripts/bench/variants.mjs).
//  3. Large data: 1,000,000 customers and 5,000,000 logged calls written straight into the
//     SQLite database (and copied into PostgreSQL); then, on each, signed in as the admin,
//     sequential timings of the Customers search and the Calls pages (p50 / p95), and the Sobot
//     CRM lookup at concurrency 16 (its p99 against the small data set's).
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
//   BENCH_SKIP_POSTGRES=1     skip the callbacks on PostgreSQL (BENCH_PG_URL, default
//                             postgres://postgres@127.0.0.1:5432/postgres: database deskbridge_bench
//                             is dropped and created)
//   BENCH_LARGE_CUSTOMERS=1000000, BENCH_LARGE_CALLS=5000000   size of the large data set
//   BENCH_PAGE_REQUESTS=40    sequential requests per dashboard page
//   BENCH_WORKERS=2           also run the kinds at c=16 on DESKBRIDGE_WORKERS=N processes (the
//                             speed-up from 1 to N workers); 1 skips it
//   BENCH_SKIP_NO_LOG=1       skip the run with the call log off (what logging costs)
//   BENCH_VARIANT_ROUNDS=3    turns each server of those two runs takes per kind, pooled
//   BENCH_ROUNDS=3            turns each kind and its floor take at c=16 (the goals'), pooled
//   BENCH_PROFILE=1           run the Deskbridge server under --cpu-prof during the callback
//                             runs and summarise the top self-time functions in the report
//   BENCH_PORT=3510, BENCH_BASELINE_PORT=3511 (also the second server of the workers and
//                             call-log runs)
//   BENCH_OUT=docs/benchmarks.md   where the report goes ("-" prints it only)
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchTargets, loggedOutcomes, machine } from "./load.mjs";
import { env, GOALS, log, OPTS, ROOT, TMP } from "./options.mjs";
import { pagesToTime, signIn, timePage } from "./pages.mjs";
import { appEnv, cli, killAll, startDeskbridge, startProcess, stopProcess } from "./processes.mjs";
import { summarize } from "./profile.mjs";
import { report } from "./report.mjs";
import { generators } from "./requests.mjs";
import { benchVariants, copyDb, largeBesideSmall } from "./variants.mjs";
import { openDb, seedCallbackCustomers, seedLarge, seedUdeskAnswers } from "./seed.mjs";
import { copyToPostgres, dropPostgres, postgresMissing, SMALL_PG } from "./postgres.mjs";

/** Turns per cell: several at concurrency 16, where the goals are, one elsewhere. */
const goalRounds = (c) => (c === 16 ? OPTS.rounds : 1);

async function main() {
  const started = new Date();
  const info = machine();
  log(`bench: ${info.cpu}, ${info.memory}, Node ${info.node}, load ${info.loadStart}`);

  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")) || env.BENCH_BUILD === "1") {
    log("bench: running npm run build (the app and the CLI)");
    const build = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: ["ignore", 2, 2] });
    if (build.status !== 0) throw new Error("npm run build failed");
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

  // PostgreSQL gets the same data, copied before any server writes to it.
  let pgUrl = null;
  let pgSkipped = null;
  if (!OPTS.skipCallbacks && !OPTS.skipPostgres) {
    pgSkipped = await postgresMissing();
    if (!pgSkipped) pgUrl = await copyToPostgres(app, dbFile);
  } else if (!OPTS.skipCallbacks) pgSkipped = "BENCH_SKIP_POSTGRES=1";

  const gens = generators(setup, customers);
  let pgRows = [];
  let deskRows = [];
  let baseRows = [];
  let outcomes = [];
  let baseOutcomes = [];
  let profile = null;
  let variantRows = [];

  if (!OPTS.skipCallbacks) {
    const profileDir = OPTS.profile ? path.join(TMP, "profile") : undefined;
    log(`bench: vendor callbacks (${OPTS.kinds.length} kinds × c=${OPTS.connections.join("/")} × ${OPTS.duration} s)`);
    const targets = [];
    try {
      const server = await startDeskbridge(app, { profileDir });
      // The floor again before each of Deskbridge's cells (the goals' ratios); the baseline needs none.
      const base = `http://127.0.0.1:${OPTS.port}`;
      targets.push({ name: "Deskbridge", base, pid: server.pid, process: server, floorBeside: true });
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
      const rows = await benchTargets(targets, gens, { rounds: goalRounds });
      deskRows = rows.filter((r) => r.server === "Deskbridge");
      baseRows = rows.filter((r) => r.server === "baseline");
    } finally {
      for (const t of targets) await stopProcess(t.process);
    }
    outcomes = loggedOutcomes(dbFile).filter((o) => o.vendor !== "sobot-api");
    if (pgUrl) {
      log("bench: the same calls on PostgreSQL");
      const server = await startDeskbridge({ ...app, DATABASE_URL: pgUrl });
      try {
        const target = {
          name: "Deskbridge (PostgreSQL)",
          base: `http://127.0.0.1:${OPTS.port}`,
          pid: server.pid,
          floorBeside: true,
        };
        pgRows = await benchTargets([target], gens, { rounds: goalRounds });
      } finally {
        await stopProcess(server);
      }
    }
    variantRows = await benchVariants(app, dbFile, gens);
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
  const largeCrm = [];
  let explained = "";
  if (!OPTS.skipLarge) {
    log(
      `bench: seeding ${OPTS.largeCustomers.toLocaleString("en")} customers ` +
        `and ${OPTS.largeCalls.toLocaleString("en")} calls`,
    );
    // The small data set as the callbacks left it: the CRM lookup on the large data is measured
    // beside it, turn about, since p99s taken minutes apart on a shared machine differ by half.
    const smallDb = OPTS.skipCallbacks ? null : copyDb(dbFile, "small-data.db");
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
    // The pages, then the Sobot CRM lookup at concurrency 16 (its p99 against the small data set's),
    // on SQLite and on a PostgreSQL copy of the same data.
    const databases = [["SQLite", dbFile, smallDb && `file:${smallDb}`]];
    if (!OPTS.skipPostgres && !(await postgresMissing()))
      databases.push([
        "PostgreSQL",
        await copyToPostgres(app, dbFile),
        smallDb && (await copyToPostgres(app, smallDb, SMALL_PG)),
      ]);
    for (const [database, location, small] of databases) {
      const server = await startDeskbridge(database === "SQLite" ? app : { ...app, DATABASE_URL: location });
      try {
        const base = `http://127.0.0.1:${OPTS.port}`;
        const cookie = await signIn(base);
        for (const page of pagesToTime(dbFile, seeded)) {
          const t = { ...(await timePage(base, cookie, page)), database };
          pages.push(t);
          log(
            `  ${database.padEnd(10)} ${t.label.padEnd(50)} p50 ${t.p50.toFixed(0).padStart(5)} ms ` +
              `p95 ${t.p95.toFixed(0).padStart(5)} ms`,
          );
        }
        if (small) largeCrm.push({ ...(await largeBesideSmall(app, database, server, small, gens)), database });
      } finally {
        await stopProcess(server);
      }
    }
    if (databases.some(([database, , small]) => database === "PostgreSQL" && small)) await dropPostgres(SMALL_PG);
    const missed = pages.filter(
      (x) => x.database === "SQLite" && x.p95 >= (x.group === "search" ? GOALS.searchP95Ms : GOALS.callsP95Ms),
    );
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
    variantRows,
    pgRows,
    pgSkipped,
    outcomes,
    baseOutcomes,
    profile,
    large,
    pages,
    largeCrm,
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
