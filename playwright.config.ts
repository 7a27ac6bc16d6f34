// End-to-end tests in Chromium against a production build on a throwaway SQLite database.
import fs from "node:fs";
import { createRequire } from "node:module";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
export const baseURL = `http://127.0.0.1:${port}`;
// Per port, like the database (e2e/env.mjs): the test command runs two shards side by side.
const suffix = port === 3210 ? "" : `-${port}`;
const ci = Boolean(process.env.CI);

/** CHROMIUM_PATH, else a system Chromium, else Playwright's own browser (when installed). */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => fs.existsSync(p));
}

/**
 * Chromium features to turn off, Playwright's own among them. Headless Chromium preloads the
 * WebUI of a window's toolbar (tab search, the omnibox popup) for every context, in renderers of
 * their own: measured on two specs (15 tests), those renderers took 23 s of about 165 s of CPU,
 * and 13 s with these features off. Chromium reads one --disable-features switch (the last), so
 * this one repeats Playwright's list, read from its bundle (if that fails, only ours apply).
 */
function disabledFeatures(): string {
  const ours = ["PreloadTopChromeWebUI", "WebUIOmniboxPopup"];
  try {
    const bundle = createRequire(import.meta.url).resolve("playwright-core/lib/coreBundle.js");
    const list =
      /disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/.exec(fs.readFileSync(bundle, "utf8"))?.[1] ?? "";
    return [...[...list.matchAll(/^\s*"(\w+)",?$/gm)].map((m) => m[1]), ...ours].join(",");
  } catch {
    return ours.join(",");
  }
}

export default defineConfig({
  testDir: "e2e",
  outputDir: `test-results${suffix}`,
  fullyParallel: false,
  workers: 1,
  forbidOnly: ci,
  // In CI a failed test runs once more, with a trace, and counts as flaky if it then passes (the
  // report says so); recording a trace of every test took a quarter of the tier's time.
  retries: ci ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: `playwright-report${suffix}` }]],
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: ci ? "on-first-retry" : "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        `--disable-features=${disabledFeatures()}`,
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /global\.setup\.ts/ },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } },
    },
  ],
  webServer: {
    command: "node e2e/serve.mjs",
    url: `${baseURL}/signin`,
    env: { E2E_PORT: String(port) },
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
