// The home overview: per integration, its last call, volume, error rate and p95 latency over 24 h
// and 7 days, and its calls and failures over time. Read from the hourly sums (lib/calls/rollup)
// and, for the last call, one index seek per integration: never a scan of the call log.
import type { Db } from "@/lib/db/client";
import { HOUR_MS, LATENCY_BUCKETS, hourOf, percentile } from "@/lib/calls/rollup";

export const WEEK_HOURS = 168;
/** The chart's bars over the week: one per six hours. */
export const BIN_HOURS = 6;

export type Window = { calls: number; failures: number; errorRate: number; p95: { ms: number; over: boolean } | null };
export type Bar = { start: Date; calls: number; failures: number };
export type IntegrationHealth = {
  id: string;
  name: string;
  vendor: string;
  enabled: boolean;
  lastCall: { id: number; createdAt: Date; outcome: string } | null;
  day: Window;
  week: Window;
  bars: Bar[];
};
export type Overview = { now: Date; integrations: IntegrationHealth[]; unmatched: Window; hourly: Bar[] };

const num = (v: unknown) => Number(v ?? 0);

function windowOf(calls: number, failures: number, buckets: number[]): Window {
  return { calls, failures, errorRate: calls ? failures / calls : 0, p95: percentile(buckets) };
}

const EMPTY: Window = windowOf(0, 0, []);

const bucketSums = (since: number, prefix: string) =>
  Array.from(
    { length: LATENCY_BUCKETS },
    (_, i) => `SUM(CASE WHEN "hour" >= ${since} THEN "lat${i}" ELSE 0 END) AS "${prefix}${i}"`,
  ).join(", ");

/** Per integration: the sums of the last 24 h and of the week, in one pass over the week's rows. */
async function windows(client: Db, since: number, dayStart: number, until: number) {
  const rows = await client.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT "integrationId",
       SUM("calls") AS "wc", SUM("failures") AS "wf",
       SUM(CASE WHEN "hour" >= ${dayStart} THEN "calls" ELSE 0 END) AS "dc",
       SUM(CASE WHEN "hour" >= ${dayStart} THEN "failures" ELSE 0 END) AS "df",
       ${bucketSums(since, "w")}, ${bucketSums(dayStart, "d")}
     FROM "CallRollup" WHERE "hour" >= ${since} AND "hour" <= ${until} GROUP BY "integrationId"`,
  );
  const buckets = (row: Record<string, unknown>, prefix: string) =>
    Array.from({ length: LATENCY_BUCKETS }, (_, i) => num(row[`${prefix}${i}`]));
  return new Map(
    rows.map((row) => [
      String(row.integrationId),
      {
        day: windowOf(num(row.dc), num(row.df), buckets(row, "d")),
        week: windowOf(num(row.wc), num(row.wf), buckets(row, "w")),
      },
    ]),
  );
}

/** Calls and failures per integration (or all together) in bins of `size` hours from `first`. */
async function binned(client: Db, first: number, until: number, size: number, perIntegration: boolean) {
  const key = perIntegration ? `"integrationId"` : `''`;
  const rows = await client.$queryRawUnsafe<
    { integrationId: string; bin: unknown; calls: unknown; failures: unknown }[]
  >(
    `SELECT ${key} AS "integrationId", ("hour" - ${first}) / ${size} AS "bin",
       SUM("calls") AS "calls", SUM("failures") AS "failures"
     FROM "CallRollup" WHERE "hour" >= ${first} AND "hour" <= ${until} GROUP BY 1, 2`,
  );
  const count = Math.floor((until - first) / size) + 1;
  const out = new Map<string, Bar[]>();
  for (const row of rows) {
    const id = String(row.integrationId);
    if (!out.has(id)) out.set(id, emptyBars(first, count, size));
    const bar = out.get(id)![num(row.bin)];
    bar.calls += num(row.calls);
    bar.failures += num(row.failures);
  }
  return { get: (id: string) => out.get(id) ?? emptyBars(first, count, size) };
}

const emptyBars = (first: number, count: number, size: number): Bar[] =>
  Array.from({ length: count }, (_, i) => ({ start: new Date((first + i * size) * HOUR_MS), calls: 0, failures: 0 }));

/** Failing first (the higher error rate over 24 h, then over 7 days), then by name. */
function byConcern(a: IntegrationHealth, b: IntegrationHealth): number {
  return b.day.errorRate - a.day.errorRate || b.week.errorRate - a.week.errorRate || a.name.localeCompare(b.name);
}

/** Each integration's last call in one statement: an index seek on (integrationId, createdAt) each. */
async function lastCalls(client: Db) {
  const rows = await client.$queryRawUnsafe<
    { integrationId: string; id: unknown; createdAt: unknown; outcome: string }[]
  >(
    `SELECT c."integrationId", c."id", c."createdAt", c."outcome" FROM "Call" c WHERE c."id" IN (
       SELECT (SELECT x."id" FROM "Call" x WHERE x."integrationId" = i."id"
               ORDER BY x."createdAt" DESC, x."id" DESC LIMIT 1) FROM "Integration" i)`,
  );
  return new Map(
    rows.map((r) => [
      r.integrationId,
      { id: num(r.id), createdAt: new Date(r.createdAt as string | Date), outcome: r.outcome },
    ]),
  );
}

export async function readOverview(client: Db, now = new Date()): Promise<Overview> {
  const currentHour = hourOf(now);
  const since = currentHour - WEEK_HOURS + 1;
  const dayStart = currentHour - 23;
  const [integrations, sums, bars, hourly, last] = await Promise.all([
    client.integration.findMany({ select: { id: true, name: true, vendor: true, enabled: true } }),
    windows(client, since, dayStart, currentHour),
    binned(client, since, currentHour, BIN_HOURS, true),
    binned(client, dayStart, currentHour, 1, false),
    lastCalls(client),
  ]);
  const health = integrations.map(
    (integration): IntegrationHealth => ({
      ...integration,
      lastCall: last.get(integration.id) ?? null,
      day: sums.get(integration.id)?.day ?? EMPTY,
      week: sums.get(integration.id)?.week ?? EMPTY,
      bars: bars.get(integration.id),
    }),
  );
  return {
    now,
    integrations: health.sort(byConcern),
    unmatched: sums.get("")?.day ?? EMPTY,
    hourly: hourly.get(""),
  };
}
