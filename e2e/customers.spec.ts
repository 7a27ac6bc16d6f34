// Customers as an operator: search, create (with a field error first), orders, edit, delete.
import { expect, test } from "@playwright/test";
import { AUTH_DIR } from "./env.mjs";

test.use({ storageState: `${AUTH_DIR}/operator.json` });

test("search finds demo customers by name, email, phone and external id, with the query in the URL", async ({
  page,
}) => {
  await page.goto("/customers");
  await expect(page.getByRole("row")).toHaveCount(26); // header + 25 per page
  // 50 demo customers, plus any earlier specs added.
  await expect(page.getByText(/^(5\d|[6-9]\d|\d{3,}) customers · page 1 of \d+$/)).toBeVisible();

  const search = page.getByRole("searchbox", { name: "Search" });
  for (const q of ["su0012", "55612609866@163.com", "55612609866", "partnerId"]) {
    await search.fill(q);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(q)}`));
    await expect(page.getByRole("row")).toHaveCount(2);
    await expect(page.getByRole("link", { name: "su0012" })).toBeVisible();
  }
  await search.fill("no such customer anywhere");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No customer matches")).toBeVisible();
});

test("filters and sort live in the URL", async ({ page }) => {
  await page.goto("/customers?vip=yes");
  const rows = page.locator("tbody tr");
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await expect(rows.nth(i)).toContainText("VIP");
  await page.getByRole("link", { name: /^Nickname/ }).click();
  await expect(page).toHaveURL(/sort=uname/);
  await expect(page).toHaveURL(/vip=yes/);
  const names = await page.locator("tbody tr td:nth-child(2) a").allTextContents();
  expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
});

test("an operator creates, edits and deletes a customer with an order", async ({ page }) => {
  await page.goto("/customers");
  await page.getByRole("link", { name: "New customer" }).click();
  await page.getByLabel("Nickname (uname)").fill("e2e-lin");
  await page.getByLabel("Real name").fill("林小明");
  await page.getByLabel("Emails").fill("lin@example.com\nnot-an-email");
  await page.getByLabel("Phones").fill("+86 139 1234 5678");
  await page.getByLabel("Labels").fill("e2e, priority");
  await page.getByLabel("Custom fields").fill("city=杭州");
  await page.getByLabel("hyphenate-visitor").fill("e2e-visitor-1");
  await page.getByRole("button", { name: "Create customer" }).click();

  // The field error names the bad line and keeps what was typed.
  const emails = page.getByLabel("Emails");
  await expect(emails).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Entry 2: Not an email address")).toBeVisible();
  await expect(page.getByLabel("Real name")).toHaveValue("林小明");
  await expect(page).toHaveURL(/\/customers\/new$/);

  await emails.fill("lin@example.com\nLin.Work@Example.com");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByText("Customer created.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "e2e-lin" })).toBeVisible();
  await expect(page.getByText("lin.work@example.com", { exact: true }).first()).toBeVisible();
  // The number as typed, and beside it the form every lookup compares.
  await expect(page.getByText("+86 139 1234 5678", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("+8613912345678", { exact: true }).first()).toBeVisible();
  const customerUrl = page.url();

  // An order with a shipment timeline.
  const addOrder = page.locator("section", { has: page.getByRole("heading", { name: "Add an order" }) });
  await addOrder.getByLabel("Order number").fill("E2E-1001");
  await addOrder.getByLabel("Title").fill("Smart Watch S3");
  await addOrder.getByLabel("Amount").fill("1299");
  await addOrder.getByLabel("Quantity").fill("2");
  await addOrder.getByLabel("Status").selectOption("shipped");
  await addOrder.getByLabel("Created").fill("2026-11-01 09:30");
  await addOrder
    .getByLabel("Shipment events")
    .fill("2026-11-01 18:00 | 揽收 | Picked up in Shenzhen\n2026-11-02 08:00 | 运输中 | In transit");
  await addOrder.getByRole("button", { name: "Add order" }).click();
  await expect(page.getByText("Order E2E-1001 added.")).toBeVisible();
  const order = page.getByRole("listitem", { name: "Order E2E-1001" });
  await expect(order).toContainText("Smart Watch S3");
  await expect(order).toContainText("¥1299.00 × 2");
  await expect(order).toContainText("Picked up in Shenzhen");
  await expect(order).toContainText("shipped");

  // A bad order number is a field error, not a crash.
  await addOrder.getByLabel("Order number").fill("E2E-1001");
  await addOrder.getByLabel("Title").fill("Duplicate");
  await addOrder.getByLabel("Amount").fill("1");
  await addOrder.getByRole("button", { name: "Add order" }).click();
  await expect(addOrder.getByText("This order number is already used")).toBeVisible();

  // Edit the order.
  await order.getByText("Edit order").click();
  await order.getByLabel("Status").selectOption("delivered");
  await order.getByRole("button", { name: "Save order" }).click();
  await expect(page.getByText("Order E2E-1001 saved.")).toBeVisible();
  await expect(page.getByRole("listitem", { name: "Order E2E-1001" })).toContainText("delivered");

  // Edit the customer.
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await page.getByLabel("Real name").fill("林晓明");
  await page.getByLabel("VIP", { exact: true }).check();
  await page.getByLabel("VIP level").fill("gold");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByText("林晓明", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("VIP · gold", { exact: true })).toBeVisible();

  // Delete: a confirmation first, then the customer is gone.
  await page.goto(customerUrl);
  await page.getByRole("button", { name: "Delete customer" }).click();
  await expect(page.getByText(/Delete e2e-lin and 1 order/)).toBeVisible();
  await page.getByRole("button", { name: "Delete permanently" }).click();
  await expect(page).toHaveURL(/\/customers\?deleted=1/);
  await expect(page.getByText("Customer deleted.")).toBeVisible();
  await page.goto("/customers?q=e2e-lin");
  await expect(page.getByText("No customer matches")).toBeVisible();
  const gone = await page.goto(customerUrl);
  expect(gone?.status()).toBe(404);
});

test("an external id already used by another customer is refused on that field", async ({ page }) => {
  await page.goto("/customers/new");
  await page.getByLabel("Nickname (uname)").fill("e2e-dup");
  await page.getByLabel("sobot-partner").fill("partnerId");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByLabel("sobot-partner")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/sobot-partner "partnerId" already belongs to customer #\d+/)).toBeVisible();
});

// No maxlength on the form: a browser would cut a pasted name to it without a word. The server's
// limit names the field, and the text stays in it to be shortened.
test("a name longer than allowed is refused with the text kept, never cut silently", async ({ page }) => {
  const long = "长".repeat(120);
  await page.goto("/customers/new");
  await page.getByLabel("Nickname (uname)").fill(long);
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByLabel("Nickname (uname)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("At most 100 characters")).toBeVisible();
  await expect(page.getByLabel("Nickname (uname)")).toHaveValue(long);
});
