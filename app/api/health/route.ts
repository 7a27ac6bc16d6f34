// GET /api/health — for load balancers and orchestrators; public, and never reveals more than
// whether the database answers and takes writes, how many of the app's migrations it holds, and
// how many calls wait in the call journal.
//   200 {"status":"ok","database":"ok","migrations":{"applied":N,"expected":N},"journal":{…}}
//   503 {"status":"unavailable","database":"unreachable"|"disk_full"|"read_only"|"locked"|"ok",…}
//       with Retry-After
// The database gets about 2 s in all (lib/health): the answer comes quickly even when it hangs.
import { db } from "@/lib/db";
import { listMigrations } from "@/lib/db/migrate";
import { readConfig } from "@/lib/config";
import { checkHealth } from "@/lib/health/health";
import { journalStatus } from "@/lib/calls/journal";
import { writeCondition } from "@/lib/db/conditions";

export const dynamic = "force-dynamic";

const RETRY_AFTER_SECONDS = 5;

/** The migrations shipped with this build (read once: they do not change while it runs). */
let expectedNames: string[] | undefined;

export async function GET() {
  expectedNames ??= listMigrations(readConfig().provider).map((m) => m.name);
  const health = await checkHealth(db, expectedNames, 2_000, {
    writeCondition: () => writeCondition().condition,
    journal: journalStatus,
  });
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (health.status !== "ok") headers["retry-after"] = String(RETRY_AFTER_SECONDS);
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers });
}
