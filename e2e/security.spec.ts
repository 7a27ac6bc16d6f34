// Hardening a user would notice: security headers on every kind of response, the session
// cookie's flags, server actions refusing a foreign origin, and sign-in rate limits with 429,
// Retry-After and a message that says how long to wait.
import { expect, test, type APIRequestContext, type Request } from "@playwright/test";
import { createAccount, pageAs } from "./fixtures";

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
  const admin = await playwright.request.newContext({ storageState: "e2e/.auth/admin.json" });
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
  await expect(page).toHaveURL(/\/customers$/);
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
