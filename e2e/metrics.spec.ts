// GET /api/metrics: Prometheus text for admins and for a scraper with the bearer token; nobody
// else. The counters move with the vendor callbacks this server answers.
import { expect, test } from "@playwright/test";
import { AUTH_DIR, E2E_ENV } from "./env.mjs";

const TOKEN = E2E_ENV.DESKBRIDGE_METRICS_TOKEN;

/** A series as name{labels} with its labels sorted: Prometheus does not order labels, nor do we. */
function canonical(series: string): string {
  const at = series.indexOf("{");
  if (at < 0) return series;
  const labels = [...series.slice(at).matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => `${m[1]}="${m[2]}"`);
  return `${series.slice(0, at)}{${labels.sort().join(",")}}`;
}

/** The value of one series (name{labels}, in any label order), or 0 when it does not exist yet. */
function sample(text: string, series: string): number {
  const wanted = canonical(series);
  const line = text.split("\n").find((l) => !l.startsWith("#") && canonical(l.slice(0, l.lastIndexOf(" "))) === wanted);
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

test.describe("metrics endpoint", () => {
  test("anonymous callers get 401, and a wrong bearer token too", async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const response = await anonymous.get("/api/metrics");
    expect(response.status()).toBe(401);
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(await response.text()).not.toContain("deskbridge_");
    const wrong = await anonymous.get("/api/metrics", { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status()).toBe(401);
    await anonymous.dispose();
  });

  test("a signed-in viewer gets 403", async ({ playwright, baseURL }) => {
    const viewer = await playwright.request.newContext({ baseURL, storageState: `${AUTH_DIR}/viewer.json` });
    const response = await viewer.get("/api/metrics");
    expect(response.status()).toBe(403);
    expect(await response.text()).not.toContain("deskbridge_");
    await viewer.dispose();
  });

  test("an admin reads the metrics, and they count the callbacks just made", async ({ playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL, storageState: `${AUTH_DIR}/admin.json` });
    const anonymous = await playwright.request.newContext({ baseURL });
    const series = {
      calls: 'deskbridge_callback_calls_total{vendor="sobot-crm",kind="crm",outcome="unknown_integration"}',
      fast: 'deskbridge_callback_duration_seconds_bucket{vendor="sobot-crm",kind="crm",le="10"}',
      all: 'deskbridge_callback_duration_seconds_bucket{vendor="sobot-crm",kind="crm",le="+Inf"}',
      count: 'deskbridge_callback_duration_seconds_count{vendor="sobot-crm",kind="crm"}',
      panel: 'deskbridge_callback_calls_total{vendor="hyphenate",kind="iframe",outcome="unknown_integration"}',
    };
    const before = await (await admin.get("/api/metrics")).text();

    // Callbacks through the real pipeline (to URLs no integration has: answered 404 and logged).
    for (let i = 0; i < 3; i++)
      expect(
        (
          await anonymous.post(`/api/callbacks/sobot/crm/metrics-e2e-nobody-${i}`, { data: { parameter: "00" } })
        ).status(),
      ).toBe(404);
    expect((await anonymous.get("/hyphenate/metrics-e2e-nobody?visitorImId=x")).status()).toBe(404);

    const response = await admin.get("/api/metrics");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers()["cache-control"]).toBe("no-store");
    const text = await response.text();
    for (const name of [
      "deskbridge_up 1",
      "# TYPE deskbridge_callback_calls_total counter",
      "# TYPE deskbridge_callback_duration_seconds histogram",
      "process_start_time_seconds ",
      "process_resident_memory_bytes ",
      // The runtime metrics a slow p99 needs: event-loop lag, garbage collection, heap.
      "# TYPE nodejs_eventloop_lag_p99_seconds gauge",
      "# TYPE nodejs_gc_duration_seconds histogram",
      "# TYPE nodejs_heap_size_used_bytes gauge",
      "# TYPE process_cpu_seconds_total counter",
    ]) {
      expect(text).toContain(name);
    }
    expect(sample(text, series.calls) - sample(before, series.calls)).toBe(3);
    expect(sample(text, series.panel) - sample(before, series.panel)).toBe(1);
    expect(sample(text, series.count) - sample(before, series.count)).toBe(
      sample(text, series.all) - sample(before, series.all),
    );
    expect(sample(text, series.all)).toBeGreaterThanOrEqual(3);
    expect(sample(text, series.fast)).toBeGreaterThanOrEqual(3); // a 404 takes well under 10 s
    expect(text).toContain('deskbridge_callback_duration_seconds_sum{vendor="sobot-crm",kind="crm"} ');
    expect(sample(text, "nodejs_heap_size_used_bytes")).toBeGreaterThan(1_000_000);
    expect(sample(text, "deskbridge_up")).toBe(1);
    // Each metric once: the route, the pipeline and the instrumentation share one registry.
    const types = text.split("\n").filter((l) => l.startsWith("# TYPE "));
    expect(new Set(types).size).toBe(types.length);
    await admin.dispose();
    await anonymous.dispose();
  });

  test("a scraper with the bearer token reads them without a session", async ({ playwright, baseURL }) => {
    const scraper = await playwright.request.newContext({ baseURL });
    const response = await scraper.get("/api/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain("deskbridge_up 1");
    expect(text).toContain("deskbridge_callback_calls_total{");
    expect(text).not.toContain(TOKEN);
    await scraper.dispose();
  });
});

test("GET /api/health reports the database and every migration applied", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const response = await anonymous.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  const body = await response.json();
  expect(body).toEqual({
    status: "ok",
    database: "ok",
    migrations: { applied: body.migrations.expected, expected: body.migrations.expected },
    journal: { pending: 0, setAside: 0, notKept: 0 },
  });
  expect(body.migrations.expected).toBeGreaterThanOrEqual(7);
  await anonymous.dispose();
});
