// What a run of `npm run bench` measures and where, from the environment (see run.mjs's header for
// every option), and the goals the report checks.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const TMP = path.join(ROOT, "scripts", "bench", ".tmp");
export const env = process.env;
export const num = (name, fallback) => (env[name] === undefined || env[name] === "" ? fallback : Number(env[name]));
export const OPTS = {
  duration: num("BENCH_DURATION", 6),
  warmup: num("BENCH_WARMUP", 2),
  connections: (env.BENCH_CONNECTIONS || "1,16,64").split(",").map(Number),
  // The floor (GET /api/live) always runs first: every goal is a ratio to it.
  kinds: [
    "floor",
    ...(env.BENCH_KINDS
      ? env.BENCH_KINDS.split(",").filter((k) => k && k !== "floor")
      : ["sobot-crm", "sobot-webhook", "udesk-message", "udesk-task", "udesk-knowledge", "hyphenate"]),
  ],
  customers: num("BENCH_CUSTOMERS", 2000),
  skipBaseline: env.BENCH_SKIP_BASELINE === "1",
  skipCallbacks: env.BENCH_SKIP_CALLBACKS === "1",
  skipLarge: env.BENCH_SKIP_LARGE === "1",
  skipPostgres: env.BENCH_SKIP_POSTGRES === "1",
  largeCustomers: num("BENCH_LARGE_CUSTOMERS", 1_000_000),
  largeCalls: num("BENCH_LARGE_CALLS", 5_000_000),
  pageRequests: num("BENCH_PAGE_REQUESTS", 40),
  profile: env.BENCH_PROFILE === "1",
  workers: num("BENCH_WORKERS", 2),
  skipNoLog: env.BENCH_SKIP_NO_LOG === "1",
  // How many turns each kind and the floor beside it take at concurrency 16, the goals' (pooled).
  rounds: num("BENCH_ROUNDS", 3),
  // How many turns each of the two servers of a variant takes per kind (alternating A B, B A…).
  variantRounds: num("BENCH_VARIANT_ROUNDS", 3),
  port: num("BENCH_PORT", 3510),
  baselinePort: num("BENCH_BASELINE_PORT", 3511),
  out: env.BENCH_OUT || path.join(ROOT, "docs", "benchmarks.md"),
};
export const GOALS = {
  // Throughput at concurrency 16 as a share of the floor's: read-only kinds, and the webhook push.
  readOnlyRatio: 0.5,
  webhookRatio: 0.33,
  p99VsFloor: 3, // p99 at concurrency 16 at most this many times the floor's
  p99C64Ms: 1000, // p99 at concurrency 64
  loggingCost: 0.2, // share of a call's server CPU spent on the call log
  searchP95Ms: 200,
  callsP95Ms: 300,
  largeCrmP99: 1.5, // the Sobot CRM lookup's p99 on the large data at most this many times the small data's
};
export const WEBHOOK_KINDS = new Set(["sobot-webhook"]);
export const ADMIN = { email: "bench@deskbridge.test", password: "bench-admin-password" };

export const log = (line) => process.stderr.write(`${line}\n`);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
