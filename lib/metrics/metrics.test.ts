// The metrics registry (prom-client) and its Prometheus text rendering.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { DURATION_BUCKETS, observeCallback, renderMetrics, resetMetrics } from "@/lib/metrics/metrics";

/** A series as name{labels} with its labels sorted: Prometheus does not order labels, nor do we. */
function canonical(series: string): string {
  const at = series.indexOf("{");
  if (at < 0) return series;
  const labels = [...series.slice(at).matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => `${m[1]}="${m[2]}"`);
  return `${series.slice(0, at)}{${labels.sort().join(",")}}`;
}

/** The sample lines of a rendering, looked up by name{labels} in any label order. */
function samples(text: string): { get: (series: string) => string | undefined; keys: () => string[] } {
  const map = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    map.set(canonical(line.slice(0, at)), line.slice(at + 1));
  }
  return { get: (series) => map.get(canonical(series)), keys: () => [...map.keys()] };
}

describe("metrics", () => {
  beforeEach(() => resetMetrics());

  it("renders the process basics and deskbridge_up with HELP and TYPE lines, ending in a newline", async () => {
    const text = await renderMetrics();
    expect(text.endsWith("\n")).toBe(true);
    const s = samples(text);
    expect(s.get("deskbridge_up")).toBe("1");
    expect(Number(s.get("process_resident_memory_bytes"))).toBeGreaterThan(1_000_000);
    const start = Number(s.get("process_start_time_seconds"));
    expect(start).toBeGreaterThan(Date.now() / 1000 - process.uptime() - 5);
    // prom-client rounds the start time to whole seconds: up to half a second after "now" when the
    // process has just started.
    expect(start).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    expect(text).toContain("# TYPE deskbridge_up gauge");
    expect(text).toContain("# TYPE deskbridge_callback_calls_total counter");
    expect(text).toContain("# TYPE deskbridge_callback_duration_seconds histogram");
    expect(text).toContain("# TYPE process_start_time_seconds gauge");
    // Nothing observed yet: no callback samples.
    expect(s.keys().some((k) => k.startsWith("deskbridge_callback"))).toBe(false);
  });

  it("keeps the process start time steady between renderings", async () => {
    const a = samples(await renderMetrics()).get("process_start_time_seconds");
    const b = samples(await renderMetrics()).get("process_start_time_seconds");
    expect(a).toBe(b);
  });

  it("counts calls by vendor, kind and outcome", async () => {
    observeCallback("sobot-crm", "crm", "ok", 0.01);
    observeCallback("sobot-crm", "crm", "ok", 0.02);
    observeCallback("sobot-crm", "crm", "bad_signature", 0.001);
    observeCallback("udesk", "task", "ok", 0.3);
    const s = samples(await renderMetrics());
    expect(s.get('deskbridge_callback_calls_total{vendor="sobot-crm",kind="crm",outcome="ok"}')).toBe("2");
    expect(s.get('deskbridge_callback_calls_total{vendor="sobot-crm",kind="crm",outcome="bad_signature"}')).toBe("1");
    expect(s.get('deskbridge_callback_calls_total{vendor="udesk",kind="task",outcome="ok"}')).toBe("1");
  });

  it("builds a cumulative histogram per vendor and kind, with +Inf, _sum and _count", async () => {
    for (const seconds of [0.004, 0.005, 0.2, 3, 42]) observeCallback("udesk", "message", "ok", seconds);
    observeCallback("udesk", "message", "bad_signature", 0.02);
    const s = samples(await renderMetrics());
    const bucket = (le: string) =>
      s.get(`deskbridge_callback_duration_seconds_bucket{vendor="udesk",kind="message",le="${le}"}`);
    expect(bucket("0.005")).toBe("2"); // le is inclusive
    expect(bucket("0.01")).toBe("2");
    expect(bucket("0.025")).toBe("3");
    expect(bucket("0.25")).toBe("4");
    expect(bucket("2.5")).toBe("4");
    expect(bucket("5")).toBe("5");
    expect(bucket("10")).toBe("5");
    expect(bucket("+Inf")).toBe("6");
    expect(s.get('deskbridge_callback_duration_seconds_count{vendor="udesk",kind="message"}')).toBe("6");
    expect(Number(s.get('deskbridge_callback_duration_seconds_sum{vendor="udesk",kind="message"}'))).toBeCloseTo(
      45.229,
      6,
    );
    // Every bucket is rendered, in order, and counts never decrease.
    const values = [...DURATION_BUCKETS.map(String), "+Inf"].map((le) => Number(bucket(le)));
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it("treats a negative or non-finite duration as zero rather than corrupting the sum", async () => {
    observeCallback("hyphenate", "iframe", "ok", Number.NaN);
    observeCallback("hyphenate", "iframe", "ok", -1);
    const s = samples(await renderMetrics());
    expect(s.get('deskbridge_callback_duration_seconds_sum{vendor="hyphenate",kind="iframe"}')).toBe("0");
    expect(s.get('deskbridge_callback_duration_seconds_bucket{vendor="hyphenate",kind="iframe",le="0.005"}')).toBe("2");
  });

  it("escapes backslashes, quotes and newlines in label values", async () => {
    observeCallback('we"ird\\vendor', "line\nbreak", "ok", 0);
    const text = await renderMetrics();
    expect(text).toContain(
      'deskbridge_callback_calls_total{vendor="we\\"ird\\\\vendor",kind="line\\nbreak",outcome="ok"} 1',
    );
    // Every line is empty, a HELP or TYPE line, or one sample: name, optional labels, a value.
    for (const line of text.trimEnd().split("\n")) {
      expect(line).toMatch(/^(|# (HELP|TYPE) \S+ .+|[a-z_][a-z0-9_]*(\{.*\})? \S+)$/);
    }
  });

  it("includes the runtime metrics a slow p99 needs: event-loop lag, garbage collection, heap, CPU", async () => {
    const text = await renderMetrics();
    const s = samples(text);
    for (const [name, type] of [
      ["nodejs_eventloop_lag_seconds", "gauge"],
      ["nodejs_eventloop_lag_p99_seconds", "gauge"],
      ["nodejs_gc_duration_seconds", "histogram"],
      ["nodejs_heap_size_used_bytes", "gauge"],
      ["nodejs_heap_size_total_bytes", "gauge"],
      ["process_cpu_seconds_total", "counter"],
      ["process_resident_memory_bytes", "gauge"],
    ]) {
      expect(text).toContain(`# TYPE ${name} ${type}`);
    }
    expect(Number(s.get("nodejs_heap_size_used_bytes"))).toBeGreaterThan(1_000_000);
    expect(Number(s.get("process_cpu_seconds_total"))).toBeGreaterThan(0);
    expect(s.keys().some((k) => k.startsWith("nodejs_heap_space_size_used_bytes{space="))).toBe(true);
  });

  it("shares one registry across module copies through globalThis, registering each metric once", async () => {
    observeCallback("sobot-webhook", "webhook", "ok", 0.01);
    // A fresh copy of the module (as Next.js bundles one per route, and reloads it in development)
    // sees the same counts, and loading it again registers nothing twice (prom-client would throw).
    vi.resetModules();
    const copy = await import("@/lib/metrics/metrics");
    expect(copy.observeCallback).not.toBe(observeCallback); // really another copy
    copy.observeCallback("sobot-webhook", "webhook", "ok", 0.01);
    vi.resetModules();
    const third = await import("@/lib/metrics/metrics");
    const text = await third.renderMetrics();
    expect(text).toContain('deskbridge_callback_calls_total{vendor="sobot-webhook",kind="webhook",outcome="ok"} 2');
    // Each metric appears once, however many copies were loaded.
    for (const name of ["deskbridge_up", "deskbridge_callback_calls_total", "process_cpu_seconds_total"]) {
      expect(
        text.split("\n").filter((l) => l === `# TYPE ${name} ${name === "deskbridge_up" ? "gauge" : "counter"}`),
      ).toHaveLength(1);
    }
  });
});
