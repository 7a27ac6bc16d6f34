// Unit tests for environment parsing (readConfig) and SQLite URL → path (sqlitePath).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, readConfig, sqlitePath } from "@/lib/config";

/** readConfig with an explicit environment (never process.env). */
const read = (env: Record<string, string>) => readConfig(env as NodeJS.ProcessEnv);

const configError = (env: Record<string, string>) => {
  try {
    read(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
};

describe("readConfig", () => {
  it("defaults to SQLite under <cwd>/data with demo data on", () => {
    const dataDir = path.join(process.cwd(), "data");
    expect(read({})).toEqual({
      dataDir,
      databaseUrl: `file:${path.join(dataDir, "deskbridge.db")}`,
      provider: "sqlite",
      demo: true,
      adminEmail: undefined,
      adminPassword: undefined,
      authSecret: undefined,
      masterKey: undefined,
      publicUrl: undefined,
      trustProxy: 0,
      phoneRegion: "CN",
      maxBodyBytes: 1024 * 1024,
      rateLimits: {
        callbacksPerIntegration: 6000,
        callbacksPerAddress: 6000,
        signinPerAccount: 10,
        signinPerAddress: 100,
      },
      dbTimeoutMs: 3000,
    });
  });

  it("reads rate limits, where 0 turns a limit off, and refuses nonsense", () => {
    expect(
      read({ DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_INTEGRATION: "0", DESKBRIDGE_RATE_LIMIT_SIGNIN_PER_ACCOUNT: "3" })
        .rateLimits,
    ).toMatchObject({
      callbacksPerIntegration: 0,
      signinPerAccount: 3,
    });
    expect(configError({ DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_ADDRESS: "lots" })).toMatch(
      /DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_ADDRESS: .*calls per minute/,
    );
    expect(configError({ DESKBRIDGE_RATE_LIMIT_SIGNIN_PER_ADDRESS: "-1" })).toMatch(
      /DESKBRIDGE_RATE_LIMIT_SIGNIN_PER_ADDRESS/,
    );
  });

  it("reads the public URL without a trailing slash and the body limit", () => {
    expect(
      read({ DESKBRIDGE_PUBLIC_URL: "https://crm.example.com/", DESKBRIDGE_MAX_BODY_BYTES: "2048" }),
    ).toMatchObject({
      publicUrl: "https://crm.example.com",
      maxBodyBytes: 2048,
    });
    expect(() => read({ DESKBRIDGE_PUBLIC_URL: "not a url" })).toThrow(/DESKBRIDGE_PUBLIC_URL/);
  });

  it("reads the self URL and the trusted proxies, refusing what is not an http(s) URL or a count", () => {
    expect(read({}).selfUrl).toBeUndefined();
    expect(read({}).trustProxy).toBe(0);
    expect(read({ DESKBRIDGE_SELF_URL: "http://127.0.0.1:8080/" }).selfUrl).toBe("http://127.0.0.1:8080");
    expect(read({ DESKBRIDGE_TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(configError({ DESKBRIDGE_SELF_URL: "file:///etc/passwd" })).toMatch(/DESKBRIDGE_SELF_URL/);
    expect(configError({ DESKBRIDGE_SELF_URL: "gopher://127.0.0.1:70" })).toMatch(/DESKBRIDGE_SELF_URL/);
    expect(configError({ DESKBRIDGE_TRUST_PROXY: "yes" })).toMatch(/DESKBRIDGE_TRUST_PROXY/);
  });

  it("reads REDIS_URL, refusing another scheme", () => {
    expect(read({ REDIS_URL: "redis://127.0.0.1:6379/0" }).redisUrl).toBe("redis://127.0.0.1:6379/0");
    expect(configError({ REDIS_URL: "http://127.0.0.1:6379" })).toMatch(/REDIS_URL/);
  });

  it("reads the metrics token, refusing a short one", () => {
    expect(read({ DESKBRIDGE_METRICS_TOKEN: "a-long-enough-token-0001" }).metricsToken).toBe(
      "a-long-enough-token-0001",
    );
    expect(read({}).metricsToken).toBeUndefined();
    expect(() => read({ DESKBRIDGE_METRICS_TOKEN: "short" })).toThrow(/DESKBRIDGE_METRICS_TOKEN/);
  });

  it("reads the phone region, CN unless set, refusing one that is not a region", () => {
    expect(read({}).phoneRegion).toBe("CN");
    expect(read({ DESKBRIDGE_PHONE_REGION: "us" }).phoneRegion).toBe("US");
    expect(configError({ DESKBRIDGE_PHONE_REGION: "China" })).toMatch(/DESKBRIDGE_PHONE_REGION.*two-letter/);
  });

  it("treats empty strings as unset", () => {
    expect(
      read({ DATABASE_URL: "", DESKBRIDGE_DEMO: "", ADMIN_EMAIL: "", ADMIN_PASSWORD: "", NEXTAUTH_SECRET: "" }),
    ).toEqual(read({}));
  });

  it.each(["postgres://u:p@db:5432/deskbridge", "postgresql://u:p@db/deskbridge?schema=public", "POSTGRES://db/x"])(
    "%s → provider postgresql",
    (url) => {
      const config = read({ DATABASE_URL: url });
      expect(config.provider).toBe("postgresql");
      expect(config.databaseUrl).toBe(url);
    },
  );

  it("keeps an explicit file: URL as SQLite", () => {
    expect(read({ DATABASE_URL: "file:/var/lib/x.db" })).toMatchObject({
      provider: "sqlite",
      databaseUrl: "file:/var/lib/x.db",
    });
  });

  it.each(["mysql://u:p@db/deskbridge", "/var/lib/x.db", "sqlite:x.db"])(
    "refuses DATABASE_URL %s with a clear message",
    (url) => {
      expect(configError({ DATABASE_URL: url })).toBe(
        "configuration: DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL)",
      );
    },
  );

  it.each([
    ["0", false],
    ["false", false],
    ["no", false],
    ["1", true],
    ["true", true],
    ["yes", true],
  ])("DESKBRIDGE_DEMO=%s → demo %s", (value, demo) => {
    expect(read({ DESKBRIDGE_DEMO: value }).demo).toBe(demo);
  });

  it("refuses an unknown DESKBRIDGE_DEMO value, naming the variable", () => {
    expect(configError({ DESKBRIDGE_DEMO: "maybe" })).toMatch(/^configuration: DESKBRIDGE_DEMO: /);
  });

  it("reads the admin account and the auth secret", () => {
    expect(
      read({ ADMIN_EMAIL: "ops@example.com", ADMIN_PASSWORD: "12345678", NEXTAUTH_SECRET: "0123456789abcdef" }),
    ).toMatchObject({
      adminEmail: "ops@example.com",
      adminPassword: "12345678",
      authSecret: "0123456789abcdef",
    });
  });

  it("refuses an invalid ADMIN_EMAIL, naming it", () => {
    expect(configError({ ADMIN_EMAIL: "not-an-email" })).toBe(
      "configuration: ADMIN_EMAIL: ADMIN_EMAIL must be an email address",
    );
  });

  it("refuses an ADMIN_PASSWORD shorter than 8 characters", () => {
    expect(configError({ ADMIN_PASSWORD: "1234567" })).toBe(
      "configuration: ADMIN_PASSWORD: ADMIN_PASSWORD must have at least 8 characters",
    );
  });

  it("refuses a NEXTAUTH_SECRET shorter than 16 characters", () => {
    expect(configError({ NEXTAUTH_SECRET: "short" })).toBe(
      "configuration: NEXTAUTH_SECRET: NEXTAUTH_SECRET must have at least 16 characters",
    );
  });

  it("DESKBRIDGE_DATA_DIR moves the default SQLite file (relative paths resolve against cwd)", () => {
    expect(read({ DESKBRIDGE_DATA_DIR: "/srv/deskbridge" })).toMatchObject({
      dataDir: "/srv/deskbridge",
      databaseUrl: "file:/srv/deskbridge/deskbridge.db",
      provider: "sqlite",
    });
    expect(read({ DESKBRIDGE_DATA_DIR: "var/db" }).dataDir).toBe(path.join(process.cwd(), "var", "db"));
  });

  it("DATABASE_URL wins over DESKBRIDGE_DATA_DIR for the database, but dataDir still follows the variable", () => {
    expect(read({ DESKBRIDGE_DATA_DIR: "/srv/d", DATABASE_URL: "postgres://db/x" })).toMatchObject({
      dataDir: "/srv/d",
      databaseUrl: "postgres://db/x",
    });
  });

  it("ignores unrelated variables", () => {
    expect(read({ PATH: "/usr/bin", HOME: "/root", NODE_ENV: "test" })).toEqual(read({}));
  });

  it("parses process.env once, and again as soon as one of its variables changes", () => {
    const before = process.env.DESKBRIDGE_MAX_BODY_BYTES;
    try {
      process.env.DESKBRIDGE_MAX_BODY_BYTES = "4096";
      const first = readConfig();
      expect(first.maxBodyBytes).toBe(4096);
      expect(readConfig()).toBe(first);
      process.env.DESKBRIDGE_MAX_BODY_BYTES = "8192";
      expect(readConfig().maxBodyBytes).toBe(8192);
      process.env.DESKBRIDGE_MAX_BODY_BYTES = "12";
      expect(() => readConfig()).toThrow(ConfigError);
    } finally {
      if (before === undefined) delete process.env.DESKBRIDGE_MAX_BODY_BYTES;
      else process.env.DESKBRIDGE_MAX_BODY_BYTES = before;
    }
  });
});

describe("sqlitePath", () => {
  it('strips "file:" and the query string', () => {
    expect(sqlitePath("file:/var/lib/deskbridge.db")).toBe("/var/lib/deskbridge.db");
    expect(sqlitePath("file:/var/lib/deskbridge.db?connection_limit=1&mode=rwc")).toBe("/var/lib/deskbridge.db");
  });

  it("resolves relative paths against the working directory", () => {
    expect(sqlitePath("file:./data/dev.db")).toBe(path.join(process.cwd(), "data", "dev.db"));
    expect(sqlitePath("file:dev.db?x=1")).toBe(path.join(process.cwd(), "dev.db"));
  });

  it("round-trips the default database URL of readConfig", () => {
    expect(sqlitePath(read({ DESKBRIDGE_DATA_DIR: "/tmp/dbx" }).databaseUrl)).toBe("/tmp/dbx/deskbridge.db");
  });
});
