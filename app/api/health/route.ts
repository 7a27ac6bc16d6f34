// GET /api/health — for load balancers and orchestrators; public, and never reveals more than
// whether the database answers and how many of the app's migrations it holds.
//   200 {"status":"ok","database":"ok","migrations":{"applied":N,"expected":N}}
//   503 {"status":"unavailable","database":"unreachable"|"ok","migrations":{…}} with Retry-After
// The database gets at most ~2 s: a hung connection (a network partition) must not hang the
// check, so the queries race a timer and the answer comes quickly either way.
import { db } from "@/lib/db";
import { listMigrations } from "@/lib/db/migrate";
import { readConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

const TIMEOUT_MS = 2_000;
const RETRY_AFTER_SECONDS = 5;

class TimedOut extends Error {}

function within<T>(promise: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), Math.max(0, deadline - Date.now()));
  });
  // The losing query may still settle later: keep it from becoming an unhandled rejection.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

type Health = { status: "ok" | "unavailable"; database: "ok" | "unreachable"; migrations: { applied: number | null; expected: number } };

/** The migrations shipped with this build (read once: they do not change while it runs). */
let expectedNames: string[] | undefined;

async function check(): Promise<Health> {
  const deadline = Date.now() + TIMEOUT_MS;
  expectedNames ??= listMigrations(readConfig().provider).map((m) => m.name);
  const migrations = { applied: null as number | null, expected: expectedNames.length };
  let client;
  try {
    client = await within(db(), deadline);
    await within(client.$queryRawUnsafe("SELECT 1"), deadline);
  } catch {
    return { status: "unavailable", database: "unreachable", migrations };
  }
  try {
    const rows = await within(client.$queryRawUnsafe<{ name: string }[]>(`SELECT "name" FROM "_deskbridge_migrations"`), deadline);
    const applied = new Set(rows.map((r) => r.name));
    migrations.applied = expectedNames.filter((name) => applied.has(name)).length;
  } catch (error) {
    // The database answered a moment ago: a timeout now means it went away; otherwise the
    // bookkeeping table is missing, i.e. nothing was applied yet.
    if (error instanceof TimedOut) return { status: "unavailable", database: "unreachable", migrations };
    migrations.applied = 0;
  }
  const ready = migrations.applied === migrations.expected;
  return { status: ready ? "ok" : "unavailable", database: "ok", migrations };
}

export async function GET() {
  const health = await check();
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (health.status !== "ok") headers["retry-after"] = String(RETRY_AFTER_SECONDS);
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers });
}
