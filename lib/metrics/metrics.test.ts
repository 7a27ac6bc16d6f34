// The metrics registry and its Prometheus text rendering.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { DURATION_BUCKETS, observeCallback, renderMetrics, resetMetrics } from "@/lib/metrics/metrics";

/** The sample lines of a rendering as name{labels} → value. */
function samples(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    map.set(line.slice(0, at), line.slice(at + 1));
  }
  return map;
}

describe("metrics", () => {
  beforeEach(() => resetMetrics());

  it("renders the process basics and deskbridge_up with HELP and TYPE lines, ending in a newline", () => {
    const text = renderMetrics();
    expect(text.endsWith("\n")).toBe(true);
    const s = samples(text);
    expect(s.get("deskbridge_up")).toBe("1");
    expect(Number(s.get("process_resident_memory_bytes"))).toBeGreaterThan(1_000_000);
    const start = Number(s.get("process_start_time_seconds"));
    expect(start).toBeGreaterThan(Date.now() / 1000 - process.uptime() - 5);
    expect(start).toBeLessThanOrEqual(Date.now() / 1000);
    expect(text).toContain("# TYPE deskbridge_up gauge");
    expect(text).toContain("# TYPE deskbridge_callback_calls_total counter");
    expect(text).toContain("# TYPE deskbridge_callback_duration_seconds histogram");
    expect(text).toContain("# TYPE process_start_time_seconds gauge");
    // Nothing observed yet: no callback samples.
    expect([...s.keys()].some((k) => k.startsWith("deskbridge_callback"))).toBe(false);
  });

  it("keeps the process start time steady between renderings", () => {
    const a = samples(renderMetrics()).get("process_start_time_seconds");
    const b = samples(renderMetrics()).get("process_start_time_seconds");
    expect(a).toBe(b);
  });

  it("counts calls by vendor, kind and outcome", () => {
    observeCallback("sobot-crm", "crm", "ok", 0.01);
    observeCallback("sobot-crm", "crm", "ok", 0.02);
    observeCallback("sobot-crm", "crm", "bad_signature", 0.001);
    observeCallback("udesk", "task", "ok", 0.3);
    const s = samples(renderMetrics());
    expect(s.get('deskbridge_callback_calls_total{vendor="sobot-crm",kind="crm",outcome="ok"}')).toBe("2");
    expect(s.get('deskbridge_callback_calls_total{vendor="sobot-crm",kind="crm",outcome="bad_signature"}')).toBe("1");
    expect(s.get('deskbridge_callback_calls_total{vendor="udesk",kind="task",outcome="ok"}')).toBe("1");
  });

  it("builds a cumulative histogram per vendor and kind, with +Inf, _sum and _count", () => {
    for (const seconds of [0.004, 0.005, 0.2, 3, 42]) observeCallback("udesk", "message", "ok", seconds);
    observeCallback("udesk", "message", "bad_signature", 0.02);
    const s = samples(renderMetrics());
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

  it("treats a negative or non-finite duration as zero rather than corrupting the sum", () => {
    observeCallback("hyphenate", "iframe", "ok", Number.NaN);
    observeCallback("hyphenate", "iframe", "ok", -1);
    const s = samples(renderMetrics());
    expect(s.get('deskbridge_callback_duration_seconds_sum{vendor="hyphenate",kind="iframe"}')).toBe("0");
    expect(s.get('deskbridge_callback_duration_seconds_bucket{vendor="hyphenate",kind="iframe",le="0.005"}')).toBe("2");
  });

  it("escapes backslashes, quotes and newlines in label values", () => {
    observeCallback('we"ird\\vendor', "line\nbreak", "ok", 0);
    const text = renderMetrics();
    expect(text).toContain(
      'deskbridge_callback_calls_total{vendor="we\\"ird\\\\vendor",kind="line\\nbreak",outcome="ok"} 1',
    );
    // Every sample line is one line: name, optional labels, a value.
    for (const line of text.trimEnd().split("\n")) {
      expect(line).toMatch(/^(# (HELP|TYPE) \S+ .+|[a-z_]+(\{.*\})? \S+)$/);
    }
  });

  it("shares one registry across module copies through globalThis", async () => {
    observeCallback("sobot-webhook", "webhook", "ok", 0.01);
    const holder = globalThis as unknown as { __deskbridgeMetrics?: { calls: Map<string, unknown> } };
    expect(holder.__deskbridgeMetrics?.calls.size).toBe(1);
    // A fresh copy of the module (as Next.js may bundle one per route) sees the same counts.
    vi.resetModules();
    const copy = await import("@/lib/metrics/metrics");
    expect(copy.observeCallback).not.toBe(observeCallback); // really another copy
    expect(copy.renderMetrics()).toContain(
      'deskbridge_callback_calls_total{vendor="sobot-webhook",kind="webhook",outcome="ok"} 1',
    );
  });
});
