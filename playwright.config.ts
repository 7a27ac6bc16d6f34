// End-to-end tests in Chromium against a production build on a throwaway SQLite database.
import fs from "node:fs";
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
