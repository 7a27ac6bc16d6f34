// The call log summed per integration and hour (the CallRollup table). Every call recordCall writes
// adds one to its hour in the same transaction, so the sums never drift from the log; the overview
// reads a week of hours (at most 168 rows per integration) instead of the calls themselves.
// Migration 0012_call_rollup filled it from the calls logged before it existed.
import { Prisma } from "@/lib/generated/sqlite/client";
import { FAILURE_OUTCOMES } from "@/lib/calls/outcomes";

/** Upper bounds (inclusive, ms) of the latency buckets lat0…lat14; lat15 holds what is slower. */
export const LATENCY_BOUNDS_MS = [5, 10, 25, 50, 75, 100, 150, 250, 400, 600, 1000, 1500, 2500, 5000, 10000] as const;
export const LATENCY_BUCKETS = LATENCY_BOUNDS_MS.length + 1;
export const HOUR_MS = 3_600_000;

/** Hours since 1970-01-01 00:00 UTC. */
export const hourOf = (at: Date): number => Math.floor(at.getTime() / HOUR_MS);

export function bucketOf(durationMs: number): number {
  const index = LATENCY_BOUNDS_MS.findIndex((bound) => durationMs <= bound);
  return index < 0 ? LATENCY_BUCKETS - 1 : index;
}

export const isFailure = (outcome: string): boolean => (FAILURE_OUTCOMES as readonly string[]).includes(outcome);

/** The statement that counts one call in its hour (same SQL for SQLite and PostgreSQL). */
export function countCall(call: {
  integrationId?: string | null;
  createdAt: Date;
  outcome: string;
  durationMs: number;
}) {
  const column = Prisma.raw(`"lat${bucketOf(Math.round(call.durationMs))}"`);
  const failed = isFailure(call.outcome) ? 1 : 0;
  return Prisma.sql`
    INSERT INTO "CallRollup" ("integrationId", "hour", "calls", "failures", ${column})
    VALUES (${call.integrationId ?? ""}, ${hourOf(call.createdAt)}, 1, ${failed}, 1)
    ON CONFLICT ("integrationId", "hour") DO UPDATE SET
      "calls" = "CallRollup"."calls" + 1,
      "failures" = "CallRollup"."failures" + ${failed},
      ${column} = "CallRollup".${column} + 1`;
}

/**
 * The latency under which `share` of the calls fall, read from bucket counts: the upper bound of
 * the bucket holding that rank (null with no calls; the last bound, marked as "over", beyond it).
 */
export function percentile(buckets: number[], share = 0.95): { ms: number; over: boolean } | null {
  const total = buckets.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.ceil(total * share);
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i];
    if (seen >= rank) {
      return i < LATENCY_BOUNDS_MS.length
        ? { ms: LATENCY_BOUNDS_MS[i], over: false }
        : { ms: LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1], over: true };
    }
  }
  return null;
}
