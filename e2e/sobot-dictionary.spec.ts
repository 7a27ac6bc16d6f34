// The Sobot dictionary end to end: a push brings a tag id nobody has named; the customer shows it
// as an unnamed Sobot tag, the dictionary page lists it with the call that brought it, an admin
// names it in one step, and the customer shows the name.
import { expect, test } from "@playwright/test";
import { cli, pageAs } from "./fixtures";

const COMPANY = "e2e-dictionary-company";
const TAG = "5e2d1c0b9a8f4e7d6c5b4a3f2e1d0c9b";

test("an admin names an unnamed Sobot tag from the dictionary page and sees it on the customer", async ({
  request,
  browser,
}) => {
  const webhook = cli("integrations", "add", "sobot-webhook", "--name", "Sobot dictionary e2e").endpoints.webhook;
  const pushed = await request.post(webhook, {
    data: { id: "dictionary-e2e-1", pid: COMPANY, nick: "Dictionary Dora", user_label: TAG },
  });
  expect(pushed.status()).toBe(200);
  const [customer] = cli("customers", "list", "--search", "dictionary-e2e-1");
  expect(customer.labels).toEqual([TAG]);

  const page = await pageAs(browser, "admin");
  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByText(`unnamed Sobot tag ${TAG}`)).toBeVisible();

  await page.goto(`/sobot/dictionary?company=${COMPANY}`);
  const item = page.getByRole("listitem", { name: `unnamed Sobot tag ${TAG}` });
  await expect(item.getByRole("link", { name: /Arrived with call #\d+/ })).toBeVisible();
  const form = item.getByRole("form", { name: `Name it: ${TAG}` });
  await form.getByLabel("Name").fill("新客户");
  await form.getByRole("button", { name: "Name it" }).click();
  await expect(page.getByText("Every id that arrived has a name.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "新客户" })).toBeVisible();

  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByText("新客户", { exact: true })).toBeVisible();
  await expect(page.getByText(`unnamed Sobot tag ${TAG}`)).toHaveCount(0);
  expect(cli("sobot", "dictionary", "--company-id", COMPANY).labels).toEqual({ 新客户: TAG });
  await page.context().close();
});
