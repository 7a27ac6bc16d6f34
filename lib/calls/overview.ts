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

type RollupRow = { integrationId: string; hour: number; calls: number; failures: number; buckets: number[] };

function summarise(rows: RollupRow[]): Window {
  const buckets = new Array<number>(LATENCY_BUCKETS).fill(0);
  let calls = 0;
  let failures = 0;
  for (const row of rows) {
    calls += row.calls;
    failures += row.failures;
    row.buckets.forEach((n, i) => {
      buckets[i] += n;
    });
  }
  return { calls, failures, errorRate: calls ? failures / calls : 0, p95: percentile(buckets) };
}

/** Bars of `size` hours ending with the current hour, oldest first. */
function bars(rows: RollupRow[], currentHour: number, count: number, size: number): Bar[] {
  const first = currentHour - count * size + 1;
  const out = Array.from({ length: count }, (_, i) => ({
    start: new Date((first + i * size) * HOUR_MS),
    calls: 0,
    failures: 0,
  }));
  for (const row of rows) {
    const index = Math.floor((row.hour - first) / size);
    if (index < 0 || index >= count) continue;
    out[index].calls += row.calls;
    out[index].failures += row.failures;
  }
  return out;
}

/** Failing first (the higher error rate over 24 h, then over 7 days), then by name. */
function byConcern(a: IntegrationHealth, b: IntegrationHealth): number {
  return b.day.errorRate - a.day.errorRate || b.week.errorRate - a.week.errorRate || a.name.localeCompare(b.name);
}

export async function readOverview(client: Db, now = new Date()): Promise<Overview> {
  const currentHour = hourOf(now);
  const since = currentHour - WEEK_HOURS + 1;
  const [integrations, raw] = await Promise.all([
    client.integration.findMany({ select: { id: true, name: true, vendor: true, enabled: true } }),
    client.callRollup.findMany({ where: { hour: { gte: since, lte: currentHour } } }),
  ]);
  const rows: RollupRow[] = raw.map((r) => ({
    integrationId: r.integrationId,
    hour: r.hour,
    calls: r.calls,
    failures: r.failures,
    buckets: Array.from({ length: LATENCY_BUCKETS }, (_, i) => (r as unknown as Record<string, number>)[`lat${i}`]),
  }));
  const byIntegration = new Map<string, RollupRow[]>();
  for (const row of rows) byIntegration.set(row.integrationId, [...(byIntegration.get(row.integrationId) ?? []), row]);
  const lastCalls = await Promise.all(
    integrations.map((i) =>
      client.call.findFirst({
        where: { integrationId: i.id },
        orderBy: { createdAt: "desc" },
        select: { id: true, createdAt: true, outcome: true },
      }),
    ),
  );
  const dayStart = currentHour - 23;
  const health = integrations.map((integration, index): IntegrationHealth => {
    const own = byIntegration.get(integration.id) ?? [];
    return {
      ...integration,
      lastCall: lastCalls[index],
      day: summarise(own.filter((r) => r.hour >= dayStart)),
      week: summarise(own),
      bars: bars(own, currentHour, WEEK_HOURS / BIN_HOURS, BIN_HOURS),
    };
  });
  return {
    now,
    integrations: health.sort(byConcern),
    unmatched: summarise((byIntegration.get("") ?? []).filter((r) => r.hour >= dayStart)),
    hourly: bars(
      rows.filter((r) => r.hour >= dayStart),
      currentHour,
      24,
      1,
    ),
  };
}
