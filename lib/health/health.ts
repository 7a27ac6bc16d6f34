// The health check behind GET /api/health: does the database answer a trivial query, does it
// hold every migration this build ships, and does it take writes (a full disk, a read-only file or
// a lock held too long show only when writing: lib/db/conditions remembers the last failed write
// until one succeeds)? Everything races one deadline, so a database that hangs (a network
// partition) yields a quick "unreachable" instead of a hung check.
import { type DatabaseCondition, databaseCondition, isDatabaseUnavailable } from "@/lib/errors";

export type JournalHealth = { pending: number; setAside: number; notKept: number };

export type Health = {
  status: "ok" | "unavailable";
  database: "ok" | DatabaseCondition;
  migrations: { applied: number | null; expected: number };
  /** Calls kept in the call journal for the database, set aside, or turned away (journal full). */
  journal?: JournalHealth;
};

export type HealthSources = {
  /** Why writes failed last, when they did and none has succeeded since. */
  writeCondition?: () => DatabaseCondition | null;
  journal?: () => JournalHealth;
};

type Queryable = { $queryRawUnsafe<T = unknown>(query: string): Promise<T> };

class TimedOut extends Error {}

function within<T>(promise: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), Math.max(0, deadline - Date.now()));
  });
  // The loser may still settle later: keep it from becoming an unhandled rejection.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function checkHealth(
  getClient: () => Promise<Queryable>,
  expectedNames: string[],
  timeoutMs = 2_000,
  sources: HealthSources = {},
): Promise<Health> {
  const health = await checkDatabase(getClient, expectedNames, timeoutMs);
  const condition = health.database === "ok" ? (sources.writeCondition?.() ?? null) : null;
  if (condition) Object.assign(health, { status: "unavailable", database: condition });
  if (sources.journal) health.journal = sources.journal();
  return health;
}

async function checkDatabase(
  getClient: () => Promise<Queryable>,
  expectedNames: string[],
  timeoutMs: number,
): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  const migrations = { applied: null as number | null, expected: expectedNames.length };
  let client: Queryable;
  try {
    // A promise from the start (getClient may throw at once) so that `within` can race it.
    client = await within(Promise.resolve().then(getClient), deadline);
    await within(client.$queryRawUnsafe("SELECT 1"), deadline);
  } catch (error) {
    // Opening may fail for a reason worth naming (a read-only SQLite file, a full disk).
    const database =
      !(error instanceof TimedOut) && isDatabaseUnavailable(error) ? databaseCondition(error) : "unreachable";
    return { status: "unavailable", database, migrations };
  }
  try {
    const rows = await within(
      client.$queryRawUnsafe<{ name: string }[]>(`SELECT "name" FROM "_deskbridge_migrations"`),
      deadline,
    );
    const applied = new Set(rows.map((r) => r.name));
    migrations.applied = expectedNames.filter((name) => applied.has(name)).length;
  } catch (error) {
    // The database answered a moment ago: a timeout now means it went away; any other error
    // means the bookkeeping table is missing, i.e. nothing was applied yet.
    if (error instanceof TimedOut) return { status: "unavailable", database: "unreachable", migrations };
    migrations.applied = 0;
  }
  return { status: migrations.applied === migrations.expected ? "ok" : "unavailable", database: "ok", migrations };
}
