// The end-to-end environment: one throwaway database and known accounts.
import path from "node:path";
import { fileURLToPath } from "node:url";

// Per port, so that two runs (the test command's two shards) never share a database or a session.
const PORT = process.env.E2E_PORT ?? "3210";
const suffix = PORT === "3210" ? "" : `-${PORT}`;
export const TMP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), `.tmp${suffix}`);
/** Where the setup keeps each role's signed-in browser state (relative to the project). */
export const AUTH_DIR = `e2e/.auth${suffix}`;

export const ACCOUNTS = {
  admin: { email: "admin@e2e.test", password: "admin-e2e-password" },
  operator: { email: "operator@e2e.test", password: "operator-e2e-password" },
  viewer: { email: "viewer@e2e.test", password: "viewer-e2e-password" },
};

export const E2E_ENV = {
  DATABASE_URL: `file:${path.join(TMP_DIR, "e2e.db")}`,
  DESKBRIDGE_DATA_DIR: TMP_DIR,
  ADMIN_EMAIL: ACCOUNTS.admin.email,
  ADMIN_PASSWORD: ACCOUNTS.admin.password,
  DESKBRIDGE_DEMO: "1",
  // The bad-input suite sends hundreds of calls in seconds; rate limits have their own tests.
  DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_INTEGRATION: "0",
  DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_ADDRESS: "0",
  // The bearer token a Prometheus scraper presents to /api/metrics.
  DESKBRIDGE_METRICS_TOKEN: "e2e-metrics-token-0c7d5a91",
};
