// Customers import and export as an operator: the list's CSV and JSON downloads (with its
// filters), who may export and import, a generated 100,000-row CSV imported through the page with
// its progress bar, the same file again (nothing changes), and a file with a bad row.
import fs from "node:fs";
import Database from "better-sqlite3";
import iconv from "iconv-lite";
import Papa from "papaparse";
import { expect, test, type Page } from "@playwright/test";
import { pageAs } from "./fixtures";
import { AUTH_DIR, E2E_ENV } from "./env.mjs";

test.use({ storageState: `${AUTH_DIR}/operator.json` });
test.describe.configure({ mode: "serial" });

const PREFIX = "e2e-imp-";
/** The size: 100,000 rows through the page (E2E_IMPORT_ROWS lowers it for a quick run). */
const ROWS = Number(process.env.E2E_IMPORT_ROWS ?? 100_000);
const N = ROWS.toLocaleString("en");
const COLUMNS = [
  "id",
  "uname",
  "realname",
  "emails",
  "phones",
  "remark",
  "isVip",
  "vipLevel",
  "labels",
  "customFields",
  "sobot-partner",
  "sobot-customer",
  "hyphenate-visitor",
  "udesk-customer",
  "wechat-openid",
];
const SURNAMES = "王李张刘陈杨黄赵吴周";
const GIVEN = "伟芳娜敏静丽强磊洋艳";

function csvFile(name: string, rows: string[][]): string {
  const file = test.info().outputPath(name);
  fs.writeFileSync(file, `\uFEFF${Papa.unparse([COLUMNS, ...rows], { newline: "\r\n" })}\r\n`);
  return file;
}

function generatedRows(count: number): string[][] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(5, "0");
    return [
      "",
      `${PREFIX}${n}`,
      SURNAMES[i % 10] + GIVEN[(i * 3) % 10],
      `${PREFIX}${n}@import.test`,
      `'+86139${n.padStart(8, "0")}`,
      i % 25 === 0 ? `导入的客户, "引号"\nsecond line` : "",
      String(i % 9 === 0),
      i % 9 === 0 ? "金卡" : "",
      i % 2 ? "e2e-import; 批量" : "e2e-import",
      i % 7 === 0 ? JSON.stringify({ city: "杭州", n }) : "",
      `E2EIMP-${n}`,
      "",
      "",
      i % 3 === 0 ? `E2EIMP-U${n}` : "",
      "",
    ];
  });
}

/** What this file imported is removed again, so the other specs see the demo data they expect. */
test.afterAll(() => {
  const sqlite = new Database(E2E_ENV.DATABASE_URL.slice("file:".length), { timeout: 10_000 });
  try {
    sqlite.pragma("foreign_keys = ON");
    sqlite.prepare(`DELETE FROM "Customer" WHERE "uname" LIKE ?`).run(`${PREFIX}%`);
  } finally {
    sqlite.close();
  }
});

async function download(page: Page, linkName: string) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: linkName }).click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), "utf8") };
}

test("Export CSV downloads the whole list, demo customers included; Export JSON keeps the search", async ({ page }) => {
  await page.goto("/customers");
  const total = Number(
    (await page.getByText(/\d+ customers · page/).textContent())!.match(/([\d,]+) customers/)![1].replace(/,/g, ""),
  );
  expect(total).toBeGreaterThanOrEqual(50);

  const csv = await download(page, "Export CSV");
  expect(csv.name).toMatch(/^customers-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.text.startsWith("\uFEFF")).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(csv.text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual(COLUMNS);
  expect(parsed.data).toHaveLength(total);
  expect(parsed.data.find((r) => r.uname === "su0012")).toMatchObject({
    emails: "55612609866@163.com",
    "sobot-partner": "partnerId",
  });
  expect(parsed.data.some((r) => /[\u4e00-\u9fff]/.test(r.realname))).toBe(true); // Chinese survives

  // The whole list as JSON: one valid array, every customer in it.
  const all = await download(page, "Export JSON");
  const customers = JSON.parse(all.text) as { uname: string }[];
  expect(customers).toHaveLength(total);
  expect(customers.map((c) => c.uname)).toContain("su0012");

  await page.goto("/customers?q=su0012");
  const json = await download(page, "Export JSON");
  expect(json.name).toMatch(/\.json$/);
  expect(JSON.parse(json.text)).toEqual([
    expect.objectContaining({ uname: "su0012", emails: ["55612609866@163.com"] }),
  ]);
});

test("a viewer may export but not import; signed out, the export answers 401", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const viewer = await pageAs(browser, "viewer");
  await viewer.goto("/customers");
  await expect(viewer.getByRole("link", { name: "Export CSV" })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "Import" })).toHaveCount(0);
  expect((await viewer.request.get("/api/customers/export?format=json&q=su0012")).status()).toBe(200);
  expect((await viewer.goto("/customers/import"))?.status()).toBe(403);

  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const refused = await anonymous.get("/api/customers/export");
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: "unauthenticated" });
  await anonymous.dispose();
});

test(`imports ${N} rows through the page with progress, and the same file again changes nothing`, async ({ page }) => {
  test.setTimeout(Math.max(240_000, ROWS * 6));
  const file = csvFile(`customers-${ROWS}.csv`, generatedRows(ROWS));

  await page.goto("/customers");
  await page.getByRole("link", { name: "Import" }).click();
  await expect(page).toHaveURL(/\/customers\/import$/);
  await page.getByLabel("CSV file", { exact: true }).setInputFiles(file);
  await expect(page.getByText(`${N} rows in the file.`)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("In the first 200: 200 new, 0 with changes, 0 unchanged, 0 with errors.")).toBeVisible();
  const preview = page.getByRole("table", { name: "Preview of the first rows" });
  await expect(preview.getByRole("row")).toHaveCount(11);
  await expect(preview.getByRole("row").nth(1)).toContainText(`${PREFIX}00000`);
  await expect(preview.getByRole("row").nth(1)).toContainText("new");

  let started = Date.now();
  await page.getByRole("button", { name: `Import ${N} rows` }).click();
  const progress = page.getByRole("progressbar", { name: "Import progress" });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("aria-valuenow", "100", { timeout: Math.max(180_000, ROWS * 4) });
  await expect(page.getByText(`Imported ${N} rows: ${N} created, 0 updated, 0 unchanged, 0 refused.`)).toBeVisible();
  test.info().annotations.push({ type: "first import", description: `${Date.now() - started} ms` });
  const counts = page.getByRole("status", { name: "Counts" });
  await expect(counts).toContainText(`${N} created`);
  await expect(counts).toContainText("0 refused");

  await page.goto(`/customers?q=${PREFIX}00025`);
  await expect(page.getByRole("row")).toHaveCount(2);
  await page.getByRole("link", { name: `${PREFIX}00025` }).click();
  // Chinese, a comma, quotes and a line break survived
  await expect(page.getByText('导入的客户, "引号"', { exact: false }).first()).toBeVisible();

  // The same file again: every row matches its customer, so nothing is written.
  await page.goto("/customers/import");
  await page.getByLabel("CSV file", { exact: true }).setInputFiles(file);
  await expect(page.getByText("In the first 200: 0 new, 0 with changes, 200 unchanged, 0 with errors.")).toBeVisible({
    timeout: 30_000,
  });
  started = Date.now();
  await page.getByRole("button", { name: `Import ${N} rows` }).click();
  await expect(progress).toHaveAttribute("aria-valuenow", "100", { timeout: Math.max(120_000, ROWS * 2) });
  await expect(page.getByText(`Imported ${N} rows: 0 created, 0 updated, ${N} unchanged, 0 refused.`)).toBeVisible();
  await expect(counts).toContainText(`${N} unchanged`);
  test.info().annotations.push({ type: "re-import", description: `${Date.now() - started} ms` });
});

test("a row with a bad email is shown with its row and column, and the others are imported", async ({ page }) => {
  const rows = generatedRows(3).map((r, i) => {
    const copy = [...r];
    copy[1] = `${PREFIX}bad-${i}`;
    copy[3] = i === 1 ? "good@import.test; not-an-email" : `${PREFIX}bad-${i}@import.test`;
    copy[10] = `E2EIMP-BAD-${i}`;
    copy[13] = "";
    return copy;
  });
  const file = csvFile("customers-bad-email.csv", rows);
  await page.goto("/customers/import");
  await page.getByLabel("CSV file", { exact: true }).setInputFiles(file);
  const preview = page.getByRole("table", { name: "Preview of the first rows" });
  await expect(preview.getByRole("row").nth(2)).toContainText('emails: "not-an-email": Not an email address');
  await expect(preview.getByRole("row").nth(2)).toContainText("error");
  await expect(page.getByText("In the first 3: 2 new, 0 with changes, 0 unchanged, 1 with errors.")).toBeVisible();

  await page.getByRole("button", { name: "Import 3 rows" }).click();
  await expect(page.getByText("Imported 3 rows: 2 created, 0 updated, 0 unchanged, 1 refused.")).toBeVisible();
  const refused = page.getByRole("table", { name: "Rows refused" });
  await expect(refused.getByRole("row")).toHaveCount(2);
  await expect(refused.getByRole("row").nth(1)).toHaveText(/^3\s*emails\s*"not-an-email": Not an email address$/);
});

/** One customer row from the columns it fills in (the others empty). */
const rowOf = (cells: Record<string, string>) => COLUMNS.map((c) => cells[c] ?? "");

function customerRow(uname: string) {
  const sqlite = new Database(E2E_ENV.DATABASE_URL.slice("file:".length), { readonly: true, timeout: 10_000 });
  try {
    return sqlite
      .prepare(
        `SELECT c."realname", c."remark", c."isVip", c."vipLevel", c."customFields",
          (SELECT group_concat(e."email") FROM "CustomerEmail" e WHERE e."customerId" = c."id") AS "emails"
         FROM "Customer" c WHERE c."uname" = ?`,
      )
      .get(uname) as Record<string, unknown> | undefined;
  } finally {
    sqlite.close();
  }
}

test("the preview lists each field a row changes and each it clears; empty cells keep theirs", async ({ page }) => {
  const uname = `${PREFIX}diff`;
  const first = csvFile("customers-diff-1.csv", [
    rowOf({
      uname,
      realname: "改前",
      emails: `${uname}@import.test`,
      remark: "旧备注",
      isVip: "true",
      vipLevel: "金卡",
      labels: "e2e-import",
      customFields: '{"city":"上海","tier":"2"}',
      "sobot-partner": "E2EIMP-DIFF",
    }),
  ]);
  await page.goto("/customers/import");
  await page.getByLabel("CSV file", { exact: true }).setInputFiles(first);
  await page.getByRole("button", { name: "Import 1 rows" }).click();
  await expect(page.getByText("Imported 1 rows: 1 created, 0 updated, 0 unchanged, 0 refused.")).toBeVisible();

  // The sheet again with most cells empty, one cleared, two changed.
  const second = csvFile("customers-diff-2.csv", [
    rowOf({ remark: "(clear)", vipLevel: "银卡", customFields: '{"city":"杭州"}', "sobot-partner": "E2EIMP-DIFF" }),
  ]);
  await page.goto("/customers/import");
  await expect(page.getByText("An empty cell leaves that field as it is")).toBeVisible();
  await page.getByLabel("CSV file", { exact: true }).setInputFiles(second);
  await expect(page.getByText("In the first 1: 0 new, 1 with changes, 0 unchanged, 0 with errors.")).toBeVisible();
  const preview = page.getByRole("table", { name: "Preview of the first rows" });
  await expect(preview.getByRole("row").nth(1)).toContainText("changes");
  const changes = preview.getByRole("list", { name: "Changes in row 2" }).getByRole("listitem");
  await expect(changes).toHaveText([
    "remark: cleared (was 旧备注)",
    "vipLevel: 金卡 → 银卡",
    "customFields.city: 上海 → 杭州",
    "customFields.tier: cleared (was 2)",
  ]);

  await page.getByRole("button", { name: "Import 1 rows" }).click();
  await expect(page.getByText("Imported 1 rows: 0 created, 1 updated, 0 unchanged, 0 refused.")).toBeVisible();
  expect(customerRow(uname)).toEqual({
    realname: "改前",
    remark: "",
    isVip: 1,
    vipLevel: "银卡",
    customFields: '{"city":"杭州"}',
    emails: `${uname}@import.test`,
  });
});

test("a GBK file from Excel is read as the Chinese it holds; a file in another encoding is refused", async ({
  page,
}) => {
  const uname = `${PREFIX}gbk`;
  const text = `${Papa.unparse(
    [
      ["uname", "realname", "remark", "sobot-partner"],
      [uname, "欧阳娜娜", "深圳，南山区", "E2EIMP-GBK"],
    ],
    { newline: "\r\n" },
  )}\r\n`;
  const gbk = test.info().outputPath("excel-gbk.csv");
  fs.writeFileSync(gbk, iconv.encode(text, "gbk"));
  await page.goto("/customers/import");
  await page.getByLabel("CSV file", { exact: true }).setInputFiles(gbk);
  await expect(page.getByText("Read as GBK/GB18030.")).toBeVisible();
  const preview = page.getByRole("table", { name: "Preview of the first rows" });
  await expect(preview.getByRole("row").nth(1)).toContainText("欧阳娜娜");
  await expect(preview.getByRole("row").nth(1)).toContainText("new");
  await page.getByRole("button", { name: "Import 1 rows" }).click();
  await expect(page.getByText("Imported 1 rows: 1 created, 0 updated, 0 unchanged, 0 refused.")).toBeVisible();
  expect(customerRow(uname)).toMatchObject({ realname: "欧阳娜娜", remark: "深圳，南山区" });

  const latin1 = test.info().outputPath("latin1.csv");
  fs.writeFileSync(latin1, iconv.encode(`uname,remark\r\n${PREFIX}latin1,café\r\n`, "latin1"));
  await page.goto("/customers/import");
  await page.getByLabel("CSV file", { exact: true }).setInputFiles(latin1);
  await expect(
    page.getByText('latin1.csv is neither UTF-8 nor GBK/GB18030: save it from Excel as "CSV UTF-8 (Comma delimited)"'),
  ).toBeVisible();
  await expect(page.getByRole("table", { name: "Preview of the first rows" })).toHaveCount(0);
  expect(customerRow(`${PREFIX}latin1`)).toBeUndefined();
});
