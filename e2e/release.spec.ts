// The release folder (npm run release) on a machine with only Node.js: copied to an empty folder,
// started with `node server.mjs` and environment variables, it answers a signed vendor call on
// SQLite and on PostgreSQL, its bundled CLI works, and SIGTERM lets a call in flight finish.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import {
  freshReleaseCopy,
  releaseCli,
  request,
  startRelease,
  udeskMessageCall,
  waitHealthy,
  type Server,
} from "./release-folder";

const ROOT = path.resolve(import.meta.dirname, "..");
const BASE_PORT = Number(process.env.E2E_PORT ?? 3210);
const PORTS = { sqlite: BASE_PORT + 5, postgresql: BASE_PORT + 6 };
// Also listed in zz-secrets-scan.spec.ts's spirit: used only by this spec's throwaway databases.
const UDESK_KEY = "release-udesk-key-7f3a91";
const UDESK_NAME = "对接一";
const ADMIN_URL = process.env.PG_TEST_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const baseSettings = () => ({
  DESKBRIDGE_MASTER_KEY: crypto.randomBytes(32).toString("hex"),
  ADMIN_EMAIL: "admin@release.test",
  ADMIN_PASSWORD: "release-admin-password",
  DESKBRIDGE_DEMO: "0",
});

for (const provider of ["sqlite", "postgresql"] as const) {
  test.describe(`the release folder on ${provider}`, () => {
    test.describe.configure({ mode: "serial", timeout: 180_000 });
    let server: Server | undefined;
    let messagePath: string;
    let dir: string;
    let settings: Record<string, string>;
    const database = `deskbridge_release_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
    let created = false;

    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixtures from a destructured first argument
    test.beforeAll(async ({}, testInfo) => {
      testInfo.setTimeout(240_000);
      if (provider === "postgresql") {
        const reason = await adminQuery("SELECT 1").then(
          () => null,
          (error: Error) =>
            `PostgreSQL at ${ADMIN_URL.replace(/\/\/[^@]*@/, "//")} is not reachable (${error.message})`,
        );
        testInfo.skip(reason !== null, reason ?? "");
        await adminQuery(`CREATE DATABASE "${database}"`);
        created = true;
      }
      const copy = freshReleaseCopy();
      if (copy.output) console.log(copy.output.trim());
      dir = copy.dir;
      settings = baseSettings();
      if (provider === "postgresql") {
        const url = new URL(ADMIN_URL);
        url.pathname = `/${database}`;
        settings.DATABASE_URL = url.toString();
      }
    });
    test.afterAll(async () => {
      await server?.stop();
      if (dir) fs.rmSync(path.dirname(dir), { recursive: true, force: true });
      if (created) await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    });

    test("holds no source tree, only production packages, and native better-sqlite3", () => {
      for (const absent of ["app", "components", "lib/db", "e2e", "tsconfig.json", "next.config.mjs"])
        expect(fs.existsSync(path.join(dir, absent)), absent).toBe(false);
      for (const dev of ["vitest", "@playwright/test", "typescript", "@biomejs/biome", "esbuild"])
        expect(fs.existsSync(path.join(dir, "node_modules", dev)), dev).toBe(false);
      expect(fs.existsSync(path.join(dir, "node_modules/better-sqlite3/build/Release/better_sqlite3.node"))).toBe(true);
      expect(fs.readdirSync(path.join(dir, "prisma", "migrations", provider))).toContain("0001_init");
    });

    test("starts with `node server.mjs`, and answers a signed Udesk call that the CLI then lists", async () => {
      server = startRelease(dir, PORTS[provider], settings);
      await waitHealthy(server);
      const added = releaseCli(
        dir,
        settings,
        ...["integrations", "add", "udesk", "--name", "Release Udesk", "--integration-name", UDESK_NAME],
        ...["--key", UDESK_KEY],
      );
      messagePath = added.endpoints.message;
      const call = udeskMessageCall(messagePath, UDESK_NAME, UDESK_KEY);
      const answer = await request(`${server.origin}${call.path}`, call);
      expect(answer.status, answer.body).toBe(200);
      expect(JSON.parse(answer.body)).toHaveProperty("answerContent");

      const unsigned = udeskMessageCall(added.endpoints.message, UDESK_NAME, "not-the-key");
      expect((await request(`${server.origin}${unsigned.path}`, unsigned)).status).toBe(401);

      const calls = releaseCli(dir, settings, "calls", "list", "--vendor", "udesk");
      expect(calls.map((c: { outcome: string }) => c.outcome).sort()).toEqual(["bad_signature", "ok"]);
      // The image's HEALTHCHECK, as the Dockerfile writes it, passes against the running folder.
      const dockerfile = fs.readFileSync(path.join(ROOT, "Dockerfile"), "utf8");
      const check = JSON.parse(dockerfile.match(/HEALTHCHECK[^\n]*\\\n\s*CMD (\[.*\])/)![1]) as string[];
      const probe = spawnSync(check[0] === "node" ? process.execPath : check[0], check.slice(1), {
        env: { PATH: process.env.PATH, PORT: String(PORTS[provider]) } as unknown as NodeJS.ProcessEnv,
        encoding: "utf8",
        timeout: 10_000,
      });
      expect(probe.status, probe.stderr).toBe(0);
      // Static files are served from the folder too.
      const page = await request(`${server.origin}/signin`);
      expect(page.status).toBe(200);
      const script = page.body.match(/\/_next\/static\/[^"]+\.js/)?.[0];
      expect(script, "the sign-in page loads a script").toBeTruthy();
      expect((await request(`${server.origin}${script}`)).status).toBe(200);
    });

    test("on SIGTERM, stops taking connections, finishes the call in flight and exits 0", async () => {
      test.skip(provider !== "sqlite", "one database is enough for the shutdown");
      const running = server!;
      const call = udeskMessageCall(messagePath, UDESK_NAME, UDESK_KEY);
      const body = Buffer.from(call.body!);
      // Half the body is sent before the signal, the rest after it.
      const answered = new Promise<number>((resolve, reject) => {
        const req = http.request(
          `${running.origin}${call.path}`,
          { method: "POST", headers: { ...call.headers, "content-length": String(body.length) } },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          },
        );
        req.on("error", reject);
        req.write(body.subarray(0, 10));
        setTimeout(() => {
          running.child.kill("SIGTERM");
          setTimeout(async () => {
            await expect(request(`${running.origin}/api/live`)).rejects.toThrow(/ECONNREFUSED/);
            req.end(body.subarray(10));
          }, 500);
        }, 300);
      });
      const exited = new Promise<number | null>((resolve) => running.child.once("exit", (code) => resolve(code)));
      expect(await answered).toBe(200);
      expect(await exited).toBe(0);
    });
  });
}
