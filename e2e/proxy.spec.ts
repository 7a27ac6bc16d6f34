// Deskbridge behind Caddy terminating HTTPS (`tls internal`) with deploy/Caddyfile, as README's
// Production section sets it up: the release folder with DESKBRIDGE_TRUST_PROXY=1 and an https://
// DESKBRIDGE_PUBLIC_URL.
// Through HTTPS, a signed call of each vendor kind is answered and logged with the caller's
// address (not Caddy's); the dashboard shows the public HTTPS callback URLs; session cookies are
// Secure; the Hyphenate panel keeps its frame-ancestors. A caller reaching Deskbridge directly
// cannot claim another address, and the server warns that it listens on every interface.
// Skipped, with the reason, where Caddy is not installed (scripts/ensure-caddy.sh installs it).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import {
  freshReleaseCopy,
  hyphenateCall,
  releaseCli,
  request,
  sobotCrmCall,
  startRelease,
  udeskMessageCall,
  waitHealthy,
  webhookCall,
  type Server,
  type VendorCall,
} from "./release-folder";

const ROOT = path.resolve(import.meta.dirname, "..");
const BASE_PORT = Number(process.env.E2E_PORT ?? 3210);
const PORTS = { deskbridge: BASE_PORT + 7, https: BASE_PORT + 8, http: BASE_PORT + 9 };
const PUBLIC_URL = `https://localhost:${PORTS.https}`;
// The callers' own addresses: Caddy connects to Deskbridge from 127.0.0.1, the only trusted proxy.
const CLIENT = "127.0.0.3";
const DIRECT = "127.0.0.2";
const SECRETS = { sobot: "proxy-sobot-secret-9d1e", udesk: "proxy-udesk-key-52ab", webhook: "proxy-webhook-token-c7" };
const FRAME_ANCESTOR = "https://kefu.easemob.com";
const ADMIN = { email: "admin@proxy.test", password: "proxy-admin-password" };

const caddy = process.env.CADDY_PATH || spawnSync("sh", ["-c", "command -v caddy"], { encoding: "utf8" }).stdout.trim();

test.describe("behind Caddy with HTTPS", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });
  let dir: string;
  let caddyDir: string;
  let server: Server | undefined;
  let proxy: ChildProcess | undefined;
  let ca: string;
  const caddyOutput: string[] = [];
  const settings: Record<string, string> = {
    DESKBRIDGE_MASTER_KEY: crypto.randomBytes(32).toString("hex"),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    DESKBRIDGE_DEMO: "0",
  };
  const endpoints: Record<string, string> = {};
  let udeskId: string;

  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixtures from a destructured first argument
  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(240_000);
    testInfo.skip(!caddy, "Caddy is not installed (apt-get install caddy, or set CADDY_PATH)");
    dir = freshReleaseCopy().dir;
    server = startRelease(
      dir,
      PORTS.deskbridge,
      {
        ...settings,
        DESKBRIDGE_TRUST_PROXY: "1",
        DESKBRIDGE_TRUSTED_PROXIES: "127.0.0.1",
        DESKBRIDGE_PUBLIC_URL: PUBLIC_URL,
      },
      "0.0.0.0",
    );
    caddyDir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-caddy-"));
    const caddyfile = path.join(caddyDir, "Caddyfile");
    fs.writeFileSync(
      caddyfile,
      [
        "{",
        "\tadmin off",
        "\tskip_install_trust",
        "\tauto_https disable_redirects",
        `\thttp_port ${PORTS.http}`,
        `\thttps_port ${PORTS.https}`,
        `\tstorage file_system ${path.join(caddyDir, "data")}`,
        "}",
        // The Caddyfile README and compose.yaml use, with `tls internal` for Caddy's own CA.
        `import ${path.join(ROOT, "deploy", "Caddyfile")}`,
        "",
      ].join("\n"),
    );
    const env = {
      PATH: process.env.PATH,
      HOME: caddyDir,
      XDG_DATA_HOME: caddyDir,
      XDG_CONFIG_HOME: caddyDir,
      DESKBRIDGE_DOMAIN: `localhost:${PORTS.https}`,
      DESKBRIDGE_UPSTREAM: `127.0.0.1:${PORTS.deskbridge}`,
      DESKBRIDGE_TLS: "tls internal",
    };
    const child = spawn(caddy, ["run", "--config", caddyfile, "--adapter", "caddyfile"], {
      env: env as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    proxy = child;
    child.stdout.on("data", (d) => caddyOutput.push(d.toString()));
    child.stderr.on("data", (d) => caddyOutput.push(d.toString()));
    await waitHealthy(server);

    const add = (...args: string[]) => releaseCli(dir, settings, "integrations", "add", ...args);
    const crm = add("sobot-crm", "--name", "Proxy CRM", "--company-id", "proxy-co", "--secret", SECRETS.sobot);
    const udesk = add("udesk", "--name", "Proxy Udesk", "--integration-name", "对接一", "--key", SECRETS.udesk);
    const webhook = add(
      ...["sobot-webhook", "--name", "Proxy push", "--auth-mode", "header", "--shared-secret", SECRETS.webhook],
    );
    const panel = add("hyphenate", "--name", "Proxy panel", "--frame-ancestor", FRAME_ANCESTOR);
    Object.assign(endpoints, {
      crm: crm.endpoints.crm,
      udesk: udesk.endpoints.message,
      webhook: webhook.endpoints.webhook,
      iframe: panel.endpoints.iframe,
    });
    udeskId = udesk.id;

    // Caddy's own CA signs the certificate; the test trusts only that CA.
    const root = path.join(caddyDir, "data", "pki", "authorities", "local", "root.crt");
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`caddy exited:\n${caddyOutput.join("")}`);
      if (fs.existsSync(root)) {
        ca = fs.readFileSync(root, "utf8");
        const live = await request(`${PUBLIC_URL}/api/live`, { ca }).catch(() => null);
        if (live?.status === 200) break;
      }
      if (Date.now() > deadline) throw new Error(`caddy did not serve HTTPS in time:\n${caddyOutput.join("")}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  test.afterAll(async () => {
    if (proxy && proxy.exitCode === null) {
      const exited = new Promise((r) => proxy!.once("exit", r));
      proxy.kill("SIGTERM");
      await exited;
    }
    await server?.stop();
    if (dir) fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    if (caddyDir) fs.rmSync(caddyDir, { recursive: true, force: true });
  });

  /** The address each logged call of an integration path was recorded with. */
  function loggedAddresses(pathPrefix: string): string[] {
    const sqlite = new Database(path.join(dir, "data", "deskbridge.db"), { readonly: true });
    try {
      const rows = sqlite
        .prepare(`SELECT "headers" FROM "Call" WHERE "path" LIKE ? ORDER BY "id"`)
        .all(`${pathPrefix.split("?")[0]}%`) as { headers: string }[];
      return rows.map((r) => JSON.parse(r.headers)["x-forwarded-for"]);
    } finally {
      sqlite.close();
    }
  }

  const viaCaddy = (call: VendorCall) => request(`${PUBLIC_URL}${call.path}`, { ...call, localAddress: CLIENT, ca });

  test("answers a signed call of each vendor kind through HTTPS and logs the caller's address", async () => {
    const calls: Record<string, VendorCall> = {
      crm: sobotCrmCall(endpoints.crm, "proxy-co", SECRETS.sobot, "P-unknown"),
      udesk: udeskMessageCall(endpoints.udesk, "对接一", SECRETS.udesk),
      webhook: webhookCall(endpoints.webhook, SECRETS.webhook),
      iframe: hyphenateCall(endpoints.iframe),
    };
    for (const [kind, call] of Object.entries(calls)) {
      const answer = await viaCaddy(call);
      expect(answer.status, `${kind}: ${answer.body.slice(0, 300)}`).toBe(200);
      if (kind === "iframe") {
        // The panel's own frame-ancestors, as Deskbridge set it, reach the browser through Caddy.
        expect(answer.headers["content-security-policy"]).toContain(`frame-ancestors ${FRAME_ANCESTOR}`);
        expect(answer.headers["x-frame-options"]).toBeUndefined();
      }
      expect(loggedAddresses(call.path), kind).toEqual([CLIENT]);
    }
  });

  test("a caller reaching Deskbridge directly cannot claim another address", async () => {
    const call = udeskMessageCall(endpoints.udesk, "对接一", SECRETS.udesk);
    const answer = await request(`http://127.0.0.1:${PORTS.deskbridge}${call.path}`, {
      ...call,
      headers: { ...call.headers, "x-forwarded-for": "203.0.113.66", "x-forwarded-proto": "https" },
      localAddress: DIRECT,
    });
    expect(answer.status).toBe(200);
    expect(loggedAddresses(endpoints.udesk)).toEqual([CLIENT, DIRECT]);
  });

  test("warns at start that it trusts a proxy while listening on every interface", () => {
    expect(server!.output.join("")).toMatch(
      /warning: DESKBRIDGE_TRUST_PROXY is set while listening on every interface/,
    );
  });

  test("the dashboard shows the public HTTPS callback URLs, and every cookie is Secure", async ({ browser }) => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, baseURL: PUBLIC_URL });
    const page = await context.newPage();
    await page.goto("/signin");
    // The preference cookies too: the language (the sign-in page's switch) and the theme.
    await page.getByRole("button", { name: "简体中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/:\d+\/$/);
    await page.getByRole("button", { name: "Dark" }).first().click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    const cookies = await context.cookies();
    expect(cookies.map((c) => c.name)).toEqual(expect.arrayContaining(["theme", "deskbridge-locale", "deskbridge-tz"]));
    const session = cookies.filter((c) => c.name.includes("session-token"));
    expect(session.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie.secure, cookie.name).toBe(true);

    await page.goto(`/integrations/${udeskId}`);
    await expect(page.getByText(`${PUBLIC_URL}/api/callbacks/udesk/message/`).first()).toBeVisible();
    await expect(page.getByText(/No public URL is set|is not HTTPS/)).toHaveCount(0);
    await context.close();
  });
});
