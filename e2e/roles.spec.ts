// Roles are enforced on the server: a viewer reads, and cannot change anything, not even by
// posting to a server action directly with a captured request.
import { expect, test, type Page, type Request } from "@playwright/test";
import { pageAs } from "./fixtures";

test("a viewer reads customers but sees no editing controls", async ({ browser }) => {
  const page = await pageAs(browser, "viewer");
  await page.goto("/customers?q=su0012");
  await expect(page.getByRole("link", { name: "su0012" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New customer" })).toHaveCount(0);
  await page.getByRole("link", { name: "su0012" }).click();
  // exact: the timeline may also show the email inside a recorded change.
  await expect(page.getByText("55612609866@163.com", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete customer" })).toHaveCount(0);
});

test("a viewer is refused the admin and editing pages with 403", async ({ browser }) => {
  const page = await pageAs(browser, "viewer");
  for (const path of ["/users", "/settings", "/integrations", "/customers/new", "/customers/1/edit"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  }
});

test("an operator is refused the admin pages, an admin is not", async ({ browser }) => {
  const operator = await pageAs(browser, "operator");
  expect((await operator.goto("/users"))?.status()).toBe(403);
  const admin = await pageAs(browser, "admin");
  expect((await admin.goto("/users"))?.status()).toBe(200);
  await expect(admin.getByRole("listitem", { name: "User viewer@e2e.test" })).toBeVisible();
});

/** Submits a form as an operator and captures the server-action POST the browser sent. */
async function captureAction(page: Page, submit: () => Promise<void>): Promise<Request> {
  const captured = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await submit();
  return captured;
}

async function replayAs(viewer: Page, request: Request, replace: [string, string]) {
  const headers = request.headers();
  const body = request.postDataBuffer()!.toString("latin1").split(replace[0]).join(replace[1]);
  return viewer.request.post(request.url(), {
    headers: {
      "next-action": headers["next-action"],
      "content-type": headers["content-type"],
      accept: "text/x-component",
      origin: new URL(request.url()).origin,
    },
    data: Buffer.from(body, "latin1"),
    maxRedirects: 0,
  });
}

async function customerExists(page: Page, q: string): Promise<boolean> {
  await page.goto(`/customers?q=${encodeURIComponent(q)}`);
  return (await page.getByText("No customer matches").count()) === 0;
}

test("a viewer posting a captured create-customer action changes nothing", async ({ browser }) => {
  const operator = await pageAs(browser, "operator");
  await operator.goto("/customers/new");
  await operator.getByLabel("Nickname (uname)").fill("probe-by-operator");
  const request = await captureAction(operator, () =>
    operator.getByRole("button", { name: "Create customer" }).click(),
  );
  await expect(operator.getByText("Customer created.")).toBeVisible();

  const viewer = await pageAs(browser, "viewer");
  const response = await replayAs(viewer, request, ["probe-by-operator", "sneak-by-viewer00"]);
  expect(response.status()).toBeLessThan(500);
  expect(await response.text()).toContain("This needs the operator role; you are viewer.");
  expect(await customerExists(viewer, "sneak-by-viewer00")).toBe(false);
});

test("a viewer posting a captured delete action deletes nothing", async ({ browser }) => {
  const operator = await pageAs(browser, "operator");
  // Two customers: the operator deletes the first, the viewer's replay targets the second.
  const ids: string[] = [];
  for (const name of ["victim-a", "victim-b"]) {
    await operator.goto("/customers/new");
    await operator.getByLabel("Nickname (uname)").fill(name);
    await operator.getByRole("button", { name: "Create customer" }).click();
    await expect(operator.getByText("Customer created.")).toBeVisible();
    ids.push(new URL(operator.url()).pathname.split("/").pop()!);
  }
  await operator.goto(`/customers/${ids[0]}`);
  await operator.getByRole("button", { name: "Delete customer" }).click();
  const request = await captureAction(operator, () =>
    operator.getByRole("button", { name: "Delete permanently" }).click(),
  );
  await expect(operator).toHaveURL(/deleted=1/);

  const viewer = await pageAs(browser, "viewer");
  const body = request.postDataBuffer()!.toString("latin1");
  expect(body).toContain(ids[0]);
  const response = await replayAs(viewer, request, [`\r\n\r\n${ids[0]}\r\n`, `\r\n\r\n${ids[1]}\r\n`]);
  expect(await response.text()).toContain("you are viewer");
  const still = await viewer.goto(`/customers/${ids[1]}`);
  expect(still?.status()).toBe(200);
  await expect(viewer.getByRole("heading", { name: "victim-b" })).toBeVisible();
});

test("a signed-out request to a server action is refused", async ({ browser, playwright }) => {
  const operator = await pageAs(browser, "operator");
  await operator.goto("/customers/new");
  await operator.getByLabel("Nickname (uname)").fill("probe-anon");
  const request = await captureAction(operator, () =>
    operator.getByRole("button", { name: "Create customer" }).click(),
  );
  await expect(operator.getByText("Customer created.")).toBeVisible();
  const anonymous = await playwright.request.newContext();
  const headers = request.headers();
  const body = request.postDataBuffer()!.toString("latin1").split("probe-anon").join("anon-sneak");
  const response = await anonymous.post(request.url(), {
    headers: {
      "next-action": headers["next-action"],
      "content-type": headers["content-type"],
      origin: new URL(request.url()).origin,
      accept: "text/x-component",
    },
    data: Buffer.from(body, "latin1"),
    maxRedirects: 0,
  });
  expect(await response.text()).toContain("Sign in first.");
  expect(await customerExists(operator, "anon-sneak")).toBe(false);
});
