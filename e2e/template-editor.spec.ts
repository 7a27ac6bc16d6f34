// The card template editor checks the operator's work: a mapping that would put text in one of
// Udesk's Integer ids is marked in the preview and refused at save; unknown and unclosed
// placeholders and a task node id that would be dropped are warned about, and a save with
// warnings is confirmed first; leaving with unsaved changes asks first. A form template shows
// the URL to paste into a Udesk new form, and a call to that URL is answered by it. Its fields
// wait for the page to run: a choice made in the bare HTML would be replaced at hydration.
import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { taskSign } from "../lib/vendors/udesk/codec";
import { bubbleAnswer } from "../lib/vendors/udesk/schemas";
import { E2E_ENV } from "./env.mjs";
import { cli, pageAs } from "./fixtures";

const KEY = "e2e-editor-key-8c2e";
const NAME = "Udesk editor e2e";

test.describe
  .serial("card template editor", () => {
    test.beforeAll(() => {
      cli("integrations", "add", "udesk", "--name", NAME, "--integration-name", "编辑器", "--key", KEY);
    });

    test("text in an Integer id is marked in the preview and refused at save", async ({ browser }) => {
      const page = await pageAs(browser, "operator");
      await page.goto("/templates/new");
      await page.getByLabel("Name").fill("Order numbers as ids");
      await page.getByLabel("Udesk integration").selectOption({ label: NAME });
      await page.getByLabel("Task node id").fill("300");
      await page.getByLabel("Kind").selectOption("bubble_list");
      const id = page.locator("#f-mapping-id");
      await expect(id).toHaveValue("{{order.id}}");
      await id.fill("{{order.orderNo}}");
      // The preview marks the field before any save.
      await expect(id).toHaveAttribute("aria-invalid", "true");
      await expect(page.locator("#f-mapping-id-error")).toContainText("Udesk reads this id as a whole number");
      await page.getByRole("button", { name: "Save template" }).click();
      await expect(page.getByText("The template has invalid fields.").first()).toBeVisible();
      await expect(page).toHaveURL(/\/templates\/new$/);
      await id.fill("{{order.id}}");
      await expect(id).toHaveAttribute("aria-invalid", "false");
    });

    test("warnings for placeholders and a dropped task node; a save with warnings is confirmed", async ({
      browser,
    }) => {
      const page = await pageAs(browser, "operator");
      await page.goto("/templates/new");
      await page.getByLabel("Name").fill("Typo in a mapping");
      await page.getByLabel("Udesk integration").selectOption({ label: NAME });
      await page.getByLabel("Task node id").fill("301");
      await page.getByLabel("Kind").selectOption("bubble_list");
      // (A typo in the title would leave the items without one: that is refused, not warned about.)
      await page.locator("#f-mapping-attr1").fill("¥{{order.amout}}");
      await expect(page.getByText("did you mean {{order.amount}}?")).toBeVisible();
      await page.locator("#f-mapping-subTitle").fill("{{order.orderNo");
      await expect(page.getByText("A placeholder is not closed").first()).toBeVisible();
      await page.getByLabel("The integration's default template").check();
      await expect(page.getByText("Task node 301 will not be kept")).toBeVisible();
      await page.getByLabel("The integration's default template").uncheck();

      await page.getByRole("button", { name: "Save template" }).click();
      const confirm = page.getByTestId("save-confirm");
      await expect(confirm).toContainText("Save with these warnings?");
      await expect(confirm).toContainText("mapping.attr1");
      await page.getByRole("button", { name: "Keep editing" }).click();
      await expect(confirm).toBeHidden();
      await page.locator("#f-mapping-subTitle").fill("{{order.orderNo}}");
      await page.getByRole("button", { name: "Save template" }).click();
      await expect(confirm).toContainText("Save with this warning?");
      await page.getByRole("button", { name: "Save anyway" }).click();
      await expect(page.getByText("Template created.")).toBeVisible();
    });

    test("the fields take no input until the page runs, so an early choice is never replaced", async ({ browser }) => {
      const page = await pageAs(browser, "operator");
      // The page's scripts held back: the server's HTML is all there is, as on a slow connection.
      const gate: { release?: () => void } = {};
      const held = new Promise<void>((resolve) => {
        gate.release = resolve;
      });
      await page.route("**/_next/static/chunks/**", async (route) => {
        await held;
        await route.continue();
      });
      await page.goto("/templates/new", { waitUntil: "commit" });
      const integration = page.getByLabel("Udesk integration");
      await expect(integration).toBeDisabled();
      await expect(page.getByLabel("Name")).toBeDisabled();
      await expect(page.getByRole("button", { name: "Save template" })).toBeDisabled();
      gate.release?.();
      // Once React runs, the form is enabled, and a choice made then is the one that stays.
      await integration.selectOption({ label: NAME });
      await page.getByLabel("Name").fill("Chosen after hydration");
      await expect(integration.locator("option:checked")).toHaveText(NAME);
      await expect(page.getByLabel("Name")).toHaveValue("Chosen after hydration");
    });

    test("leaving with unsaved changes asks first", async ({ browser }) => {
      const page = await pageAs(browser, "operator");
      await page.goto("/templates");
      await page.getByRole("link", { name: "Typo in a mapping" }).click();
      await page.getByLabel("Name").fill("Typo in a mapping, renamed");
      const asked: string[] = [];
      page.once("dialog", (dialog) => {
        asked.push(dialog.message());
        void dialog.dismiss();
      });
      await page.getByRole("link", { name: "All templates" }).click();
      await expect(page.getByLabel("Name")).toHaveValue("Typo in a mapping, renamed");
      expect(asked).toEqual(["Leave this page? Your changes to the template are not saved."]);
      page.once("dialog", (dialog) => void dialog.accept());
      await page.getByRole("link", { name: "All templates" }).click();
      await expect(page).toHaveURL(/\/templates$/);
      await expect(page.getByRole("link", { name: "Typo in a mapping", exact: true })).toBeVisible();
    });

    test("a form template shows its URL, and a new-form call to it is answered by it", async ({ browser, request }) => {
      const page = await pageAs(browser, "operator");
      await page.goto("/templates/new");
      await page.getByLabel("Name").fill("Survey form");
      await page.getByLabel("Udesk integration").selectOption({ label: NAME });
      await page.getByLabel("Kind").selectOption("bubble_list");
      await page.getByLabel("A form template").check();
      await page.getByRole("button", { name: "Save template" }).click();
      await expect(page.getByText("Template created.")).toBeVisible();
      const id = page.url().match(/\/templates\/(\d+)/)![1];
      const url = (await page.getByTestId("form-url").textContent())!;
      expect(url).toMatch(new RegExp(`/api/callbacks/udesk/task/[^/?]+\\?template=${id}$`));
      await page.goto("/templates");
      await expect(page.getByRole("row", { name: /Survey form/ })).toContainText("form");

      const timestamp = Math.floor(Date.now() / 1000);
      const response = await request.post(url, {
        data: { sessionId: 9, timestamp, sign: taskSign(KEY, null, 9, timestamp), pageNum: 1, pageSize: 5 },
      });
      expect(response.status()).toBe(200);
      // No customer in the call: the form's own template answers, in its own kind (an empty list).
      const answer = await response.json();
      expect(bubbleAnswer.safeParse(answer).success).toBe(true);
      expect(answer.data).toEqual([]);
      const calls = spawnSync(process.execPath, ["bin/deskbridge.mjs", "calls", "list", "--limit", "1", "--json"], {
        env: { ...process.env, ...E2E_ENV },
        encoding: "utf8",
      });
      expect(JSON.parse(calls.stdout)[0].detail).toContain('template "Survey form" (bubble_list)');
    });
  });
