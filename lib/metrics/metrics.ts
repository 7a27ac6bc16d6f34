// In-process Prometheus metrics through prom-client: vendor callbacks by outcome and their
// durations, deskbridge_up, and prom-client's default process and Node.js metrics (CPU, memory,
// event-loop lag, garbage collection, heap), which are what a slow p99 needs to be explained.
//
// One registry per process, kept on globalThis: Next.js bundles a copy of this module (and
// possibly of prom-client) per route handler, server action and instrumentation, and reloads it
// in development. Every copy finds the same registry, so nothing is counted twice or registered
// twice (prom-client refuses a second metric of the same name in one registry).
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** Histogram upper bounds in seconds (Prometheus' classic default buckets). */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

type Metrics = {
  registry: Registry;
  calls: Counter<"vendor" | "kind" | "outcome">;
  durations: Histogram<"vendor" | "kind">;
};

const holder = globalThis as unknown as { __deskbridgeMetrics?: Metrics };

function create(): Metrics {
  const registry = new Registry();
  new Gauge({
    name: "deskbridge_up",
    help: "Whether this Deskbridge process is serving (always 1 when it answers).",
    registers: [registry],
    collect() {
      this.set(1);
    },
  });
  const calls = new Counter({
    name: "deskbridge_callback_calls_total",
    help: "Vendor callbacks answered, by vendor, kind and outcome.",
    labelNames: ["vendor", "kind", "outcome"] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: "deskbridge_callback_duration_seconds",
    help: "Time from receiving a vendor callback to having its answer and log entry ready.",
    labelNames: ["vendor", "kind"] as const,
    buckets: [...DURATION_BUCKETS],
    registers: [registry],
  });
  // process_cpu_seconds_total, process_resident_memory_bytes, process_start_time_seconds,
  // nodejs_eventloop_lag_*, nodejs_gc_duration_seconds, nodejs_heap_size_* and the rest.
  collectDefaultMetrics({ register: registry });
  return { registry, calls, durations };
}

function metrics(): Metrics {
  holder.__deskbridgeMetrics ??= create();
  return holder.__deskbridgeMetrics;
}

/** The content type of the exposition (Prometheus text format 0.0.4). */
export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** Records one vendor callback: what it was, how it ended, and how long it took. */
export function observeCallback(vendor: string, kind: string, outcome: string, seconds: number): void {
  const m = metrics();
  m.calls.inc({ vendor, kind, outcome });
  m.durations.observe({ vendor, kind }, Number.isFinite(seconds) && seconds > 0 ? seconds : 0);
}

/** Forgets every callback observation (for tests); the process metrics keep counting. */
export function resetMetrics(): void {
  const m = metrics();
  m.calls.reset();
  m.durations.reset();
}

/** Every metric in Prometheus' text exposition format 0.0.4. */
export function renderMetrics(): Promise<string> {
  return metrics().registry.metrics();
}
