// Environment, validated once. Every variable Deskbridge reads is listed here (and in the README).
import path from "node:path";
import { z } from "zod";
import { DEFAULT_PHONE_REGION, isPhoneRegion } from "@/lib/phones/normalize";

const booleanFlag = z
  .enum(["0", "1", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : ["1", "true", "yes"].includes(v)));

const rate = (what: string) =>
  z.coerce
    .number({ message: `must be a number of ${what} (0 turns the limit off)` })
    .int()
    .min(0)
    .max(10_000_000)
    .optional();

const schema = z.object({
  DATABASE_URL: z.string().optional(),
  DESKBRIDGE_DATA_DIR: z.string().optional(),
  DESKBRIDGE_DEMO: booleanFlag,
  ADMIN_EMAIL: z.email({ message: "ADMIN_EMAIL must be an email address" }).optional(),
  ADMIN_PASSWORD: z.string().min(8, "ADMIN_PASSWORD must have at least 8 characters").optional(),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must have at least 16 characters").optional(),
  DESKBRIDGE_MASTER_KEY: z.string().optional(),
  DESKBRIDGE_PUBLIC_URL: z
    .url({ message: "DESKBRIDGE_PUBLIC_URL must be a URL such as https://crm.example.com" })
    .optional(),
  DESKBRIDGE_SELF_URL: z
    .url({ protocol: /^https?$/, message: "DESKBRIDGE_SELF_URL must be an http(s) URL such as http://127.0.0.1:3000" })
    .optional(),
  DESKBRIDGE_TRUST_PROXY: z.coerce
    .number({ message: "DESKBRIDGE_TRUST_PROXY must be a number of proxies (0: none)" })
    .int()
    .min(0)
    .max(20)
    .optional(),
  DESKBRIDGE_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .optional(),
  DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_INTEGRATION: rate("calls per minute"),
  DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_ADDRESS: rate("calls per minute"),
  DESKBRIDGE_RATE_LIMIT_SIGNIN_PER_ACCOUNT: rate("failed sign-ins per 15 minutes"),
  DESKBRIDGE_RATE_LIMIT_SIGNIN_PER_ADDRESS: rate("failed sign-ins per 15 minutes"),
  DESKBRIDGE_DB_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "REDIS_URL must be a redis:// or rediss:// URL")
    .optional(),
  DESKBRIDGE_PHONE_REGION: z
    .string()
    .transform((v) => v.trim().toUpperCase())
    .refine(isPhoneRegion, "DESKBRIDGE_PHONE_REGION must be a two-letter region code such as CN or US")
    .optional(),
  DESKBRIDGE_METRICS_TOKEN: z.string().min(16, "DESKBRIDGE_METRICS_TOKEN must have at least 16 characters").optional(),
});

export type Config = {
  dataDir: string;
  databaseUrl: string;
  provider: "sqlite" | "postgresql";
  demo: boolean;
  adminEmail?: string;
  adminPassword?: string;
  authSecret?: string;
  masterKey?: string;
  /** Base of the callback URLs shown to operators; else trusted proxies' view, else our own address. */
  publicUrl?: string;
  /** Where Deskbridge sends requests to itself (lab, replay); else its own listening address. */
  selfUrl?: string;
  /** Reverse proxies in front whose X-Forwarded-* headers are believed (bin/server.mjs reads it too). */
  trustProxy: number;
  maxBodyBytes: number;
  rateLimits: {
    /** Callback requests per minute, per integration URL and per source address (0 = off). */
    callbacksPerIntegration: number;
    callbacksPerAddress: number;
    /** Failed sign-ins per 15 minutes, per account and per source address (0 = off). */
    signinPerAccount: number;
    signinPerAddress: number;
  };
  /** How long a request waits for the database before answering 503. */
  dbTimeoutMs: number;
  /** Bearer token a Prometheus scraper presents to GET /api/metrics; else admins only. */
  metricsToken?: string;
  /** Region of phone numbers written without a country code (ISO 3166 code, CN unless set). */
  phoneRegion: string;
  /** Shared rate-limit counters (Sobot triggers, sign-in attempts) in Redis; else in the database. */
  redisUrl?: string;
};

export class ConfigError extends Error {}

const VARIABLES = Object.keys(schema.shape) as (keyof typeof schema.shape)[];
let cached: { key: string; config: Config } | undefined;

/**
 * The validated configuration. Called on every vendor call, so the result for process.env is
 * kept and parsed again only when one of its variables (or the working directory) changes.
 */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  if (env !== process.env) return parseConfig(env);
  const key = `${process.cwd()}\u0000${VARIABLES.map((name) => env[name] ?? "").join("\u0000")}`;
  if (cached?.key !== key) cached = { key, config: Object.freeze(parseConfig(env)) as Config };
  return cached.config;
}

function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`configuration: ${issue.path.join(".")}: ${issue.message}`);
  }
  const e = parsed.data;
  const dataDir = e.DESKBRIDGE_DATA_DIR
    ? path.resolve(/*turbopackIgnore: true*/ e.DESKBRIDGE_DATA_DIR)
    : path.join(process.cwd(), "data");
  const databaseUrl = e.DATABASE_URL ?? `file:${path.join(dataDir, "deskbridge.db")}`;
  const provider = /^postgres(ql)?:\/\//i.test(databaseUrl) ? "postgresql" : "sqlite";
  if (provider === "sqlite" && !databaseUrl.startsWith("file:")) {
    throw new ConfigError("configuration: DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL)");
  }
  return {
    dataDir,
    databaseUrl,
    provider,
    demo: e.DESKBRIDGE_DEMO ?? true,
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    authSecret: e.NEXTAUTH_SECRET,
    masterKey: e.DESKBRIDGE_MASTER_KEY,
    publicUrl: e.DESKBRIDGE_PUBLIC_URL?.replace(/\/+$/, ""),
    selfUrl: e.DESKBRIDGE_SELF_URL?.replace(/\/+$/, ""),
    trustProxy: e.DESKBRIDGE_TRUST_PROXY ?? 0,
    maxBodyBytes: e.DESKBRIDGE_MAX_BODY_BYTES ?? 1024 * 1024,
    rateLimits: {
      callbacksPerIntegration: e.DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_INTEGRATION ?? 6000,
      callbacksPerAddress: e.DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_ADDRESS ?? 6000,
      signinPerAccount: e.DESKBRIDGE_RATE_LIMIT_SIGNIN_PER_ACCOUNT ?? 10,
      signinPerAddress: e.DESKBRIDGE_RATE_LIMIT_SIGNIN_PER_ADDRESS ?? 100,
    },
    dbTimeoutMs: e.DESKBRIDGE_DB_TIMEOUT_MS ?? 3000,
    metricsToken: e.DESKBRIDGE_METRICS_TOKEN,
    phoneRegion: e.DESKBRIDGE_PHONE_REGION ?? DEFAULT_PHONE_REGION,
    redisUrl: e.REDIS_URL,
  };
}

/** The SQLite file path of a file: URL, resolved against the working directory. */
export function sqlitePath(databaseUrl: string): string {
  return path.resolve(/*turbopackIgnore: true*/ databaseUrl.replace(/^file:/, "").replace(/\?.*$/, ""));
}
