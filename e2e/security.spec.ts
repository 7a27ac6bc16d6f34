// Hardening a user would notice: security headers on every kind of response, the session
// cookie's flags, server actions refusing a foreign origin, sign-in rate limits with 429,
// Retry-After and a message that says how long to wait, and requests the server makes itself
// (lab Send, replay) going only to Deskbridge, whatever Host a caller claims.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page, type Request } from "@playwright/test";
import { AUTH_DIR, TMP_DIR } from "./env.mjs";
import { cli, createAccount, pageAs } from "./fixtures";

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  const csp = headers["content-security-policy"] ?? "";
  // The dashboard loads its own code only; the agent panel loads no code at all.
  expect(csp, what).toMatch(/default-src '(self|none)'/);
  if (csp.includes("default-src 'self'")) expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).toMatch(/frame-ancestors [^;]+/);
}

test("every kind of response carries the security headers", async ({ request, playwright }) => {
  const admin = await playwright.request.newContext({ storageState: `${AUTH_DIR}/admin.json` });
  const targets: [APIRequestContext, string, number][] = [
    [request, "/signin", 200],
    [admin, "/customers", 200],
    [admin, "/calls", 200],
    [request, "/no-such-page", 404],
    [request, "/api/customers/export?format=json", 401],
    [request, "/api/callbacks/udesk/knowledge/no-such-integration", 404],
    [request, "/api/callbacks/sobot/crm/no-such-integration", 404],
    [request, "/hyphenate/no-such-integration", 404],
    [request, "/api/health", 200],
    [request, "/api/live", 200],
  ];
  for (const [ctx, path, status] of targets) {
    const response = await ctx.fetch(path, {
      method: path.startsWith("/api/callbacks") ? "POST" : "GET",
      data: path.startsWith("/api/callbacks") ? "{}" : undefined,
      maxRedirects: 0,
    });
    expect(response.status(), path).toBe(status);
    expectSecurityHeaders(response.headers(), path);
    // Only the Hyphenate panel may ever be framed, and only by its integration's origins.
    if (!path.startsWith("/hyphenate/"))
      expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }
  await admin.dispose();
});

test("the session cookie is HttpOnly and SameSite=Lax, so scripts and other sites cannot use it", async ({
  browser,
}) => {
  const page = await pageAs(browser, "viewer");
  await page.goto("/customers");
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session, "session cookie").toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  const csrf = cookies.find((c) => c.name.endsWith("next-auth.csrf-token"));
  expect(csrf?.httpOnly).toBe(true);
});

test("a server action posted from a foreign origin is refused and changes nothing", async ({ browser }) => {
  const operator = await pageAs(browser, "operator");
  await operator.goto("/customers/new");
  await operator.getByLabel("Nickname (uname)").fill("origin-probe-own");
  const captured: Promise<Request> = operator.waitForRequest(
    (r) => r.method() === "POST" && Boolean(r.headers()["next-action"]),
  );
  await operator.getByRole("button", { name: "Create customer" }).click();
  const request = await captured;
  await expect(operator.getByText("Customer created.")).toBeVisible();

  // The same signed-in operator, tricked by another site into posting the same action.
  const headers = request.headers();
  const body = request.postDataBuffer()!.toString("latin1").split("origin-probe-own").join("origin-probe-csrf");
  const response = await operator.request.post(request.url(), {
    headers: {
      "next-action": headers["next-action"],
      "content-type": headers["content-type"],
      accept: "text/x-component",
      origin: "https://evil.example",
    },
    data: Buffer.from(body, "latin1"),
    maxRedirects: 0,
  });
  expect(response.status()).toBeGreaterThanOrEqual(400);
  expect(await response.text()).not.toContain("Customer created");
  await operator.goto(`/customers?q=origin-probe-csrf`);
  await expect(operator.getByText("No customer matches")).toBeVisible();
});

async function csrf(ctx: APIRequestContext): Promise<string> {
  return ((await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
}

async function failSignIn(ctx: APIRequestContext, email: string, encoding: "form" | "json" = "form") {
  const fields = { email, password: "not-the-password", csrfToken: await csrf(ctx), json: "true", callbackUrl: "/" };
  return ctx.post("/api/auth/callback/credentials", {
    ...(encoding === "form" ? { form: fields } : { data: fields, headers: { "content-type": "application/json" } }),
    maxRedirects: 0,
  });
}

test("failed sign-ins to one account are limited with 429 and Retry-After, and the page says how long to wait", async ({
  playwright,
  page,
}) => {
  const email = `locked-${Date.now()}@e2e.test`;
  const ctx = await playwright.request.newContext();
  // The default allows 10 failures per account in 15 minutes.
  for (let i = 0; i < 10; i++) expect((await failSignIn(ctx, email)).status(), `attempt ${i + 1}`).toBe(401);
  const limited = await failSignIn(ctx, email);
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  await ctx.dispose();

  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("whatever-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/Too many failed sign-ins\. Try again in \d+ (second|minute)s?\./)).toBeVisible();

  // Another account from the same address still signs in.
  await page.goto("/signin");
  await page.getByLabel("Email").fill("viewer@e2e.test");
  await page.getByLabel("Password").fill("viewer-e2e-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/:\d+\/$/);
});

test("30 wrong passwords sent at once to one account get no more than the account's 10 tries", async ({
  playwright,
}) => {
  const email = `burst-${Date.now()}@e2e.test`;
  createAccount(email, "viewer", "burst-password-1");
  const ctx = await playwright.request.newContext();
  const token = await csrf(ctx);
  const attempts = Array.from({ length: 30 }, () =>
    ctx.post("/api/auth/callback/credentials", {
      form: { email, password: "not-the-password", csrfToken: token, json: "true", callbackUrl: "/" },
      maxRedirects: 0,
    }),
  );
  const statuses = (await Promise.all(attempts)).map((r) => r.status());
  expect(statuses.filter((s) => s === 401)).toHaveLength(10);
  expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  // The right password is refused too until the window frees up.
  const right = await ctx.post("/api/auth/callback/credentials", {
    form: { email, password: "burst-password-1", csrfToken: token, json: "true", callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(right.status()).toBe(429);
  await ctx.dispose();
});

test("a JSON body counts against the account's limit like a form", async ({ playwright, page }) => {
  const email = `json-${Date.now()}@e2e.test`;
  createAccount(email, "viewer", "json-password-1");
  const ctx = await playwright.request.newContext();
  for (let i = 0; i < 10; i++)
    expect((await failSignIn(ctx, email, i % 2 ? "json" : "form")).status(), `attempt ${i + 1}`).toBe(401);
  expect((await failSignIn(ctx, email, "json")).status()).toBe(429);
  expect((await failSignIn(ctx, ` ${email.toUpperCase()} `, "json")).status()).toBe(429);
  await ctx.dispose();

  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("json-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/Too many failed sign-ins\. Try again in \d+ (second|minute)s?\./)).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test.describe("no request header chooses where Deskbridge sends a request", () => {
  const SHARED = "forged-host-shared-secret-61";
  let sink: ChildProcess;
  let sinkPort = 0;
  let sinkFile = "";

  test.beforeAll(async () => {
    sinkFile = path.join(TMP_DIR, `sink-${Date.now()}.log`);
    sink = spawn(process.execPath, ["e2e/sink.mjs", sinkFile], { stdio: ["ignore", "pipe", "inherit"] });
    sinkPort = await new Promise<number>((resolve) => sink.stdout!.once("data", (d) => resolve(Number(String(d)))));
    cli(
      "integrations",
      "add",
      "sobot-webhook",
      "--name",
      "Sobot webhook zz forged host",
      "--auth-mode",
      "header",
      "--shared-secret",
      SHARED,
    );
  });
  test.afterAll(() => {
    sink?.kill();
  });

  /** A request as the page's user, claiming to be another host (raw: no client fixes Host up). */
  async function raw(
    page: Page,
    href: string,
    target: string,
    init: { body?: Buffer; headers?: http.OutgoingHttpHeaders },
  ) {
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const url = new URL(href, page.url());
    return new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: `${url.pathname}${url.search}`,
          method: init.body ? "POST" : "GET",
          headers: {
            host: target,
            origin: `http://${target}`,
            "x-forwarded-host": target,
            "x-forwarded-proto": "http",
            cookie,
            ...init.headers,
            ...(init.body ? { "content-length": init.body.length } : {}),
          },
        },
        (res) => {
          let text = "";
          res.on("data", (d) => {
            text += d;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on("error", reject);
      req.end(init.body);
    });
  }

  /** Posts a captured server action again, as the same user, naming the sink as the host. */
  const forged = (page: Page, request: Request) =>
    raw(page, request.url(), `127.0.0.1:${sinkPort}`, {
      body: request.postDataBuffer()!,
      headers: {
        "next-action": request.headers()["next-action"],
        "content-type": request.headers()["content-type"],
        accept: "text/x-component",
      },
    });

  const received = () => fs.readFileSync(sinkFile, "utf8").trim();

  test("a lab Send and a replay with a forged Host reach Deskbridge itself, never the host named", async ({
    browser,
  }) => {
    const page = await pageAs(browser, "operator");
    await page.goto("/lab");
    await page.getByLabel("Call kind").selectOption("sobot-webhook");
    await page.getByLabel("Integration", { exact: true }).selectOption({ label: "Sobot webhook zz forged host" });
    const sendCapture = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const send = await sendCapture;
    await expect(page.getByTestId("lab-status")).toHaveText("200");
    const callHref = (await page.getByTestId("lab-call-link").getAttribute("href"))!;

    const sent = await forged(page, send);
    expect(sent.status).toBe(200);
    expect(sent.text).toMatch(/Sent: HTTP 200, logged as call #\d+/);
    expect(sent.text).not.toContain(SHARED);

    await page.goto(callHref);
    const replayCapture = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
    await page.getByRole("button", { name: "Re-sign and send" }).click();
    const replay = await replayCapture;
    await expect(page.getByText(/Replayed: HTTP 200/)).toBeVisible();
    const replayed = await forged(page, replay);
    expect(replayed.text).toMatch(/Replayed: HTTP 200 — call #\d+/);

    // Give a stray request time to land, then: nothing reached the named host.
    await page.waitForTimeout(500);
    expect(received()).toBe("");
  });
});

test("callback URLs shown never come from the request's Host; the page warns without a public URL", async ({
  browser,
}) => {
  const { id } = cli(
    "integrations",
    "add",
    "udesk",
    "--name",
    "Udesk zz shown URLs",
    "--integration-name",
    "对接三",
    "--key",
    "shown-urls-key-1",
  ) as { id: string };
  const admin = await pageAs(browser, "admin");
  await admin.goto(`/integrations/${id}`);
  const own = new URL(admin.url()).origin;
  await expect(admin.getByText(`${own}/api/callbacks/udesk/task/`).first()).toBeVisible();
  await expect(admin.getByText(/No public URL is set/)).toBeVisible();

  const cookie = (await admin.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  for (const path of [`/integrations/${id}`, "/integrations"]) {
    const text = await new Promise<string>((resolve, reject) => {
      const url = new URL(path, own);
      http
        .get(
          {
            host: url.hostname,
            port: url.port,
            path,
            headers: { host: "evil.example:4444", "x-forwarded-host": "evil.example:4444", cookie },
          },
          (res) => {
            let body = "";
            res.on("data", (d) => {
              body += d;
            });
            res.on("end", () => resolve(body));
          },
        )
        .on("error", reject);
    });
    expect(text, path).toContain("/api/callbacks/udesk/");
    expect(text, path).not.toContain("evil.example");
    expect(text, path).not.toContain("0.0.0.0");
  }
});
