// In-process Prometheus metrics: vendor callbacks by outcome and their durations, plus the
// process basics. One registry per process, kept on globalThis so that every copy of this
// module Next.js bundles (route handlers, server actions, instrumentation) shares it.

/** Histogram upper bounds in seconds (Prometheus' classic default buckets). */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

type Counter = { labels: Record<string, string>; value: number };
type Histogram = { labels: Record<string, string>; buckets: number[]; sum: number; count: number };
type Registry = { calls: Map<string, Counter>; durations: Map<string, Histogram>; startSeconds: number };

const holder = globalThis as unknown as { __deskbridgeMetrics?: Registry };

/** Computed once, so that it does not wobble between scrapes. */
const processStart = () => Math.round((Date.now() / 1000 - process.uptime()) * 1000) / 1000;

function registry(): Registry {
  holder.__deskbridgeMetrics ??= { calls: new Map(), durations: new Map(), startSeconds: processStart() };
  return holder.__deskbridgeMetrics;
}

/** Records one vendor callback: what it was, how it ended, and how long it took. */
export function observeCallback(vendor: string, kind: string, outcome: string, seconds: number): void {
  const r = registry();
  const callKey = JSON.stringify([vendor, kind, outcome]);
  let counter = r.calls.get(callKey);
  if (!counter) {
    counter = { labels: { vendor, kind, outcome }, value: 0 };
    r.calls.set(callKey, counter);
  }
  counter.value++;

  const value = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  const durationKey = JSON.stringify([vendor, kind]);
  let histogram = r.durations.get(durationKey);
  if (!histogram) {
    histogram = { labels: { vendor, kind }, buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 };
    r.durations.set(durationKey, histogram);
  }
  DURATION_BUCKETS.forEach((le, i) => {
    if (value <= le) histogram.buckets[i]++;
  });
  histogram.sum += value;
  histogram.count++;
}

/** Forgets every observation (for tests). */
export function resetMetrics(): void {
  holder.__deskbridgeMetrics = { calls: new Map(), durations: new Map(), startSeconds: processStart() };
}

/** A label value as the exposition format wants it: backslash, quote and newline escaped. */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function labelText(labels: Record<string, string>, extra?: [string, string]): string {
  const pairs = Object.entries(labels);
  if (extra) pairs.push(extra);
  return pairs.length ? `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}` : "";
}

/** Go's %g-like rendering Prometheus clients use: integers plainly, others shortest round-trip. */
function num(value: number): string {
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  if (Number.isNaN(value)) return "NaN";
  return String(value);
}

const byLabels = <T extends { labels: Record<string, string> }>(items: Iterable<T>) =>
  [...items].sort((a, b) =>
    JSON.stringify(Object.values(a.labels)).localeCompare(JSON.stringify(Object.values(b.labels))),
  );

/** Every metric in Prometheus' text exposition format 0.0.4. */
export function renderMetrics(): string {
  const r = registry();
  const lines: string[] = [];

  lines.push("# HELP deskbridge_up Whether this Deskbridge process is serving (always 1 when it answers).");
  lines.push("# TYPE deskbridge_up gauge");
  lines.push("deskbridge_up 1");

  lines.push("# HELP deskbridge_callback_calls_total Vendor callbacks answered, by vendor, kind and outcome.");
  lines.push("# TYPE deskbridge_callback_calls_total counter");
  for (const c of byLabels(r.calls.values()))
    lines.push(`deskbridge_callback_calls_total${labelText(c.labels)} ${num(c.value)}`);

  lines.push(
    "# HELP deskbridge_callback_duration_seconds " +
      "Time from receiving a vendor callback to having its answer and log entry ready.",
  );
  lines.push("# TYPE deskbridge_callback_duration_seconds histogram");
  for (const h of byLabels(r.durations.values())) {
    DURATION_BUCKETS.forEach((le, i) => {
      lines.push(`deskbridge_callback_duration_seconds_bucket${labelText(h.labels, ["le", num(le)])} ${h.buckets[i]}`);
    });
    lines.push(`deskbridge_callback_duration_seconds_bucket${labelText(h.labels, ["le", "+Inf"])} ${h.count}`);
    lines.push(`deskbridge_callback_duration_seconds_sum${labelText(h.labels)} ${num(h.sum)}`);
    lines.push(`deskbridge_callback_duration_seconds_count${labelText(h.labels)} ${h.count}`);
  }

  lines.push("# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.");
  lines.push("# TYPE process_start_time_seconds gauge");
  lines.push(`process_start_time_seconds ${num(r.startSeconds)}`);

  lines.push("# HELP process_resident_memory_bytes Resident memory size in bytes.");
  lines.push("# TYPE process_resident_memory_bytes gauge");
  lines.push(`process_resident_memory_bytes ${process.memoryUsage.rss()}`);

  const cpu = process.cpuUsage();
  lines.push("# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.");
  lines.push("# TYPE process_cpu_seconds_total counter");
  lines.push(`process_cpu_seconds_total ${num((cpu.user + cpu.system) / 1e6)}`);

  return `${lines.join("\n")}\n`;
}
