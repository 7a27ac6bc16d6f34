// The signature lab end to end: for every inbound call kind, an operator builds the vendor's
// request, sends it (an ok call in the log), sends it again with a wrong key (a failed call), and
// Explain names the mismatch. No secret value ever reaches the browser.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { TMP_DIR } from "./env.mjs";
import { cli, pageAs } from "./fixtures";

const SECRETS = {
  sobot: "lab-S0bot-secret-Key-c4e1",
  webhook: "lab-webhook-shared-secret-93",
  udesk: "lab-udesk-key-8e2b71",
  hyphenate: "12345678-lab-hyphenate",
};
// Named to sort after the other specs' integrations: their forms pick the first one by name.
const NAMES = { sobot: "Sobot lab", webhook: "Sobot webhook lab", udesk: "Udesk lab", hyphenate: "Easemob lab" };

type Case = {
  kind: string;
  integration: string;
  signed: boolean;
  secretName: string;
  okStatus: number;
  wrongStatus: number;
  wrongOutcome: string;
};
const CASES: Case[] = [
  {
    kind: "sobot-crm",
    integration: NAMES.sobot,
    signed: true,
    secretName: "secretKey",
    okStatus: 200,
    wrongStatus: 401,
    wrongOutcome: "Bad signature",
  },
  {
    kind: "sobot-webhook",
    integration: NAMES.webhook,
    signed: false,
    secretName: "sharedSecret",
    okStatus: 200,
    wrongStatus: 401,
    wrongOutcome: "Bad signature",
  },
  {
    kind: "udesk-message",
    integration: NAMES.udesk,
    signed: true,
    secretName: "key",
    okStatus: 200,
    wrongStatus: 401,
    wrongOutcome: "Bad signature",
  },
  {
    kind: "udesk-task",
    integration: NAMES.udesk,
    signed: true,
    secretName: "key",
    okStatus: 200,
    wrongStatus: 401,
    wrongOutcome: "Bad signature",
  },
  {
    kind: "udesk-knowledge",
    integration: NAMES.udesk,
    signed: true,
    secretName: "key",
    okStatus: 200,
    wrongStatus: 401,
    wrongOutcome: "Bad signature",
  },
  {
    kind: "hyphenate-iframe",
    integration: NAMES.hyphenate,
    signed: false,
    secretName: "key",
    okStatus: 200,
    wrongStatus: 400,
    wrongOutcome: "Decrypt failed",
  },
];

/** Every page and server-action answer the lab's browser received, to scan for secrets. */
const seen: string[] = [];
async function labPage(browser: import("@playwright/test").Browser): Promise<Page> {
  const page = await pageAs(browser, "operator");
  page.on("response", async (response) => {
    if (!response.url().includes("/lab") && !response.url().includes("/calls/")) return;
    seen.push(await response.text().catch(() => ""));
  });
  return page;
}

async function pick(page: Page, kind: string, integration: string) {
  await page.getByLabel("Call kind").selectOption(kind);
  await page.getByLabel("Integration", { exact: true }).selectOption({ label: integration });
}

test.describe
  .serial("Signature lab", () => {
    test.beforeAll(() => {
      cli(
        "integrations",
        "add",
        "sobot-crm",
        "--name",
        NAMES.sobot,
        "--company-id",
        "lab-company",
        "--secret",
        SECRETS.sobot,
      );
      cli(
        "integrations",
        "add",
        "sobot-webhook",
        "--name",
        NAMES.webhook,
        "--auth-mode",
        "header",
        "--shared-secret",
        SECRETS.webhook,
      );
      cli(
        "integrations",
        "add",
        "udesk",
        "--name",
        NAMES.udesk,
        "--integration-name",
        "对接一",
        "--key",
        SECRETS.udesk,
      );
      cli(
        "integrations",
        "add",
        "hyphenate",
        "--name",
        NAMES.hyphenate,
        "--key",
        SECRETS.hyphenate,
        "--encrypt-system-params",
      );
    });

    test("viewers may not open the lab", async ({ browser }) => {
      const page = await pageAs(browser, "viewer");
      const response = await page.goto("/lab");
      expect(response?.status()).toBe(403);
    });

    test("an operator gives the Udesk integration a card template for node 100 and a knowledge entry", async ({
      browser,
    }) => {
      const udesk = (cli("integrations", "list") as { id: string; name: string }[]).find(
        (i) => i.name === NAMES.udesk,
      )!;
      const page = await pageAs(browser, "operator");
      await page.goto("/templates/new");
      await page.getByLabel("Name").fill("Lab menu");
      await page.getByLabel("Udesk integration").selectOption({ label: NAMES.udesk });
      await page.getByLabel("Task node id").fill("100");
      await page.getByLabel("Kind").selectOption("selective_list");
      await page.getByRole("button", { name: "Save template" }).click();
      await expect(page.getByText("Template created.")).toBeVisible();

      await page.goto(`/templates/answers?integration=${udesk.id}`);
      const entry = page.getByRole("form", { name: "Add a knowledge entry" });
      await entry.getByLabel("datumId").fill("1");
      await entry.getByLabel("templateAttributeId").fill("2");
      await entry.getByLabel("Content").fill("7 天无理由退货（{{datumName}}）");
      await entry.getByRole("button", { name: "Add entry" }).click();
      await expect(page.getByText("7 天无理由退货（{{datumName}}）")).toBeVisible();
    });

    test("the lab builds Sobot's documented request shape, with the secret masked", async ({ browser }) => {
      const page = await labPage(browser);
      await page.goto("/lab");
      await pick(page, "sobot-crm", NAMES.sobot);
      await expect(page.getByLabel("Payload (JSON)")).toHaveValue(/"partnerId": "partnerId"/);
      await page.getByLabel("Timestamp override (Unix seconds)").fill("1569397773");
      await page.getByRole("button", { name: "Build", exact: true }).click();
      const signed = page.getByTestId("lab-signed-string");
      await expect(signed).toHaveText(/^lab-company1569397773«secretKey»[0-9A-F]{160}$/);
      const ciphertext = (await page.getByTestId("lab-ciphertext").textContent())!;
      await expect(page.getByTestId("lab-sign")).toHaveText(/^[0-9a-f]{32}$/);
      await expect(page.getByTestId("lab-headers")).toContainText("1569397773");
      await expect(page.getByTestId("lab-body")).toContainText(ciphertext);
      await expect(page.getByTestId("lab-curl")).toContainText(
        /curl -X POST 'http:\/\/127\.0\.0\.1:\d+\/api\/callbacks\/sobot\/crm\/[A-Za-z0-9_-]{20,}'/,
      );
      await page.screenshot({ path: "test-results/lab-build.png", fullPage: true });

      // The decrypt tool reads it back with the integration's key, and names what is wrong.
      const decrypt = page.getByRole("form", { name: "Decrypt a ciphertext" });
      await decrypt.getByLabel("Key of integration").selectOption({ label: `${NAMES.sobot} (Sobot AES)` });
      await decrypt.getByLabel("Ciphertext (hex)").fill(ciphertext);
      await decrypt.getByRole("button", { name: "Decrypt" }).click();
      await expect(page.getByTestId("decrypt-plaintext")).toHaveText(
        '{"email":"55612609866@163.com","partnerId":"partnerId","tel":"55612609866"}',
      );
      for (const [input, reason] of [
        ["ABC", "Odd length"],
        ["ZZ", "Not hex"],
        ["", "Empty"],
      ]) {
        await decrypt.getByLabel("Ciphertext (hex)").fill(input);
        await decrypt.getByRole("button", { name: "Decrypt" }).click();
        await expect(page.getByTestId("decrypt-reason")).toHaveText(reason);
      }
      await decrypt.getByLabel("Key of integration").selectOption({ label: `${NAMES.hyphenate} (Hyphenate DES)` });
      await decrypt.getByLabel("Ciphertext (hex)").fill("877523f86f18f55e");
      await decrypt.getByRole("button", { name: "Decrypt" }).click();
      await expect(page.getByTestId("decrypt-plaintext")).toHaveText("Jack");
      await decrypt.getByLabel("Ciphertext (hex)").fill(ciphertext.slice(0, 32));
      await decrypt.getByRole("button", { name: "Decrypt" }).click();
      await expect(page.getByTestId("decrypt-reason")).toHaveText(/likely the wrong key/);
    });

    for (const c of CASES) {
      test(`${c.kind}: Send is an ok call; with a wrong key a failed call that Explain explains`, async ({
        browser,
      }) => {
        const page = await labPage(browser);
        await page.goto("/lab");
        await pick(page, c.kind, c.integration);

        await page.getByRole("button", { name: "Build", exact: true }).click();
        await expect(page.getByTestId("lab-curl")).toContainText("curl -X");
        if (c.signed) await expect(page.getByTestId("lab-signed-string")).toContainText(`«${c.secretName}»`);

        await page.getByRole("button", { name: "Send", exact: true }).click();
        await expect(page.getByTestId("lab-status")).toHaveText(String(c.okStatus));
        const answer = page.getByTestId("lab-answer");
        await expect(answer.getByText("OK", { exact: true })).toBeVisible();
        if (c.kind === "sobot-crm")
          await expect(page.getByTestId("lab-answer-decrypted")).toContainText('"realname": "su0012"');
        if (c.kind === "hyphenate-iframe") await expect(page.getByTestId("lab-answer-decrypted")).toContainText(/\S/);
        const okHref = (await page.getByTestId("lab-call-link").getAttribute("href"))!;
        expect(okHref).toMatch(/^\/calls\/\d+$/);

        await page.getByLabel("Use a wrong key").check();
        await page.getByRole("button", { name: "Send", exact: true }).click();
        await expect(page.getByTestId("lab-status")).toHaveText(String(c.wrongStatus));
        await expect(answer.getByText(c.wrongOutcome, { exact: true })).toBeVisible();
        const badHref = (await page.getByTestId("lab-call-link").getAttribute("href"))!;
        expect(badHref).not.toBe(okHref);
        await expect(page.getByTestId("lab-request")).toContainText("wrong key");

        await page.getByRole("button", { name: /^Explain call #\d+$/ }).click();
        const expected = page.getByTestId("explain-expected");
        const received = page.getByTestId("explain-received");
        await expect(expected).toBeVisible();
        await expect(received).toBeVisible();
        const causes = page.getByTestId("explain-causes");
        await expect(causes).toContainText("wrong key");
        if (c.signed) {
          const e = (await expected.textContent())!.match(/[0-9a-f]{32,64}/)![0];
          const r = (await received.textContent())!.match(/[0-9a-f]{32,64}/)![0];
          expect(e).not.toBe(r);
          await expect(received).toContainText("mismatch");
          await expect(causes).toContainText(`expected ${e}, received ${r}`);
        }
        await page.screenshot({ path: `test-results/lab-${c.kind}-explain.png`, fullPage: true });

        // The links lead to the logged calls with those outcomes.
        await page.goto(okHref);
        await expect(page.getByRole("heading", { name: /Call #\d+/ })).toContainText("OK");
        await page.goto(badHref);
        await expect(page.getByRole("heading", { name: /Call #\d+/ })).toContainText(c.wrongOutcome);
      });
    }

    test("a stale timestamp is explained as drift, and Explain works by call number", async ({ browser }) => {
      const page = await labPage(browser);
      await page.goto("/lab");
      await pick(page, "udesk-knowledge", NAMES.udesk);
      await page.getByLabel("Timestamp override (Unix seconds)").fill(String(Math.floor(Date.now() / 1000) - 3600));
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await expect(page.getByTestId("lab-answer").getByText("Stale timestamp", { exact: true })).toBeVisible();
      const id = (await page.getByTestId("lab-call-link").textContent())!.replace(/\D/g, "");

      await page.goto(`/lab?call=${id}`);
      const tool = page.getByRole("form", { name: "Explain a call" });
      await expect(tool.getByLabel("Call number")).toHaveValue(id);
      await tool.getByRole("button", { name: "Explain" }).click();
      await expect(page.getByTestId("explain-causes")).toContainText(
        /timestamp drift of -36\d\d s \(old; the tolerance is 300 s\)/,
      );
      await expect(page.getByTestId("explain-expected")).toContainText("matches");
    });

    test("no secret in any lab page or answer, nor in the call log", async ({ browser }) => {
      const page = await labPage(browser);
      await page.goto("/lab");
      for (const c of CASES) {
        await pick(page, c.kind, c.integration);
        await page.getByLabel("Use a wrong key").setChecked(c.kind === "sobot-webhook");
        await page.getByRole("button", { name: "Build", exact: true }).click();
        await expect(page.getByTestId("lab-curl")).toBeVisible();
        seen.push(await page.content());
      }
      expect(seen.length).toBeGreaterThan(20);
      const db = new Database(path.join(TMP_DIR, "e2e.db"), { readonly: true });
      const calls = JSON.stringify(db.prepare('SELECT * FROM "Call"').all());
      db.close();
      for (const secret of Object.values(SECRETS)) {
        for (const text of seen)
          expect(text.includes(secret), `a lab page or answer carries ${secret.slice(0, 6)}…`).toBe(false);
        expect(calls.includes(secret), "call log").toBe(false);
      }
    });
  });
