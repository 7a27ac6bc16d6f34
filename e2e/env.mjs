// The end-to-end environment: one throwaway database and known accounts.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const TMP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".tmp");

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
  // Callback rate limits are off here: the bad-input suite sends hundreds of calls in seconds.
  DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_INTEGRATION: "0",
  DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_ADDRESS: "0",
};
