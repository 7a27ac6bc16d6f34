// Customers import and export on real databases: upsert by external id, by email and by id;
// re-importing changes nothing (updatedAt and audit events); refused rows; conflicts; rows that
// name the same customer in one batch; dry runs; a 2,000-row batch; export filters and formats.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeChunks, detectEncoding } from "@/lib/customers/encoding";
import { createCustomer, getCustomer } from "@/lib/customers/customers";
import {
  checkHeader,
  customersToCsv,
  CSV_COLUMNS,
  exportCustomers,
  importCustomers,
  readCsv,
  toImportRows,
  type CsvColumn,
  type CsvRecord,
  type ExportQuery,
  type ImportOptions,
} from "@/lib/customers/io";
import { withActor } from "@/lib/audit/audit";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import type { Db } from "@/lib/db/client";

async function rowsOf(csv: string) {
  const records: CsvRecord[] = [];
  for await (const batch of readCsv([csv])) records.push(...batch);
  const [header, ...data] = records;
  return toImportRows(checkHeader(header.cells), data);
}

const importCsv = async (db: Db, csv: string, options: ImportOptions = {}) =>
  withActor({ id: null, label: "io-test" }, async () => importCustomers(db, await rowsOf(csv), options));

async function exportText(db: Db, query: Partial<ExportQuery>, format: "csv" | "json") {
  let text = "";
  for await (const piece of exportCustomers(
    db,
    { q: "", vip: "", label: "", sort: "id", dir: "asc", ...query },
    format,
  ))
    text += piece;
  return text;
}

const root = path.resolve(import.meta.dirname, "..", "..");

const line = (...cells: string[]) =>
  cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");
const csvOf = (header: string[], ...rows: string[][]) =>
  `${[line(...header), ...rows.map((r) => line(...r))].join("\r\n")}\r\n`;

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`customers import and export on ${provider.name}`, () => {
    let t: TestDatabase;
    // The CLI's data directory, shared by its runs: the master key it makes there seals this
    // database's secrets, so every later run needs the same one.
    let cliData: string;
    beforeAll(async () => {
      t = await createDatabase(provider.name);
      cliData = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-io-data-"));
    });
    afterAll(async () => {
      await t?.drop();
      if (cliData) fs.rmSync(cliData, { recursive: true, force: true });
    });

    const auditCount = () => t.db.auditEvent.count();
    const snapshot = async () =>
      (await t.db.customer.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } })).map(
        (c) => `${c.id}@${c.updatedAt.toISOString()}`,
      );

    it("creates customers from CSV, with an audit event for each, and re-importing changes nothing", async () => {
      const csv = csvOf(
        [...CSV_COLUMNS],
        [
          "",
          "io-a",
          "王小明",
          "io-a@example.com; io-a2@example.com",
          "'+8613800000001",
          '说 "你好", then\nleft',
          "true",
          "金卡",
          "老客户; wholesale",
          '{"city":"上海"}',
          "IO-P1",
          "",
          "io-visitor-1",
          "",
          "oWx-io-a",
        ],
        ["", "io-b", "", "io-b@example.com", "", "", "false", "", "", "", "IO-P2", "IO-S2", "", "IO-U2", ""],
      );
      const before = await auditCount();
      const first = await importCsv(t.db, csv);
      expect(first).toMatchObject({ rows: 2, created: 2, updated: 0, unchanged: 0, failed: 0, errors: [] });

      const events = await t.db.auditEvent.findMany({ where: { id: { gt: 0 } }, orderBy: { id: "asc" }, skip: before });
      expect(events).toHaveLength(2);
      expect(events.map((e) => [e.action, e.entity, e.actorLabel])).toEqual([
        ["create", "customer", "io-test"],
        ["create", "customer", "io-test"],
      ]);
      expect(events.every((e) => e.customerId !== null && e.entityId === String(e.customerId))).toBe(true);
      expect(JSON.parse(events[0].changes).realname).toEqual([null, "王小明"]);

      const a = await getCustomer(t.db, events[0].customerId!);
      expect(a).toMatchObject({
        uname: "io-a",
        realname: "王小明",
        emails: ["io-a@example.com", "io-a2@example.com"],
        phones: ["+8613800000001"],
        remark: '说 "你好", then\nleft',
        isVip: true,
        vipLevel: "金卡",
        labels: expect.arrayContaining(["老客户", "wholesale"]),
        customFields: { city: "上海" },
        externalIds: [
          { kind: "hyphenate-visitor", value: "io-visitor-1" },
          { kind: "sobot-partner", value: "IO-P1" },
          { kind: "wechat-openid", value: "oWx-io-a" },
        ],
      });

      const state = await snapshot();
      const count = await auditCount();
      const again = await importCsv(t.db, csv);
      expect(again).toMatchObject({ rows: 2, created: 0, updated: 0, unchanged: 2, failed: 0 });
      expect(await snapshot()).toEqual(state);
      expect(await auditCount()).toBe(count);
    });

    it("re-importing its own export changes nothing", async () => {
      await createCustomer(t.db, {
        uname: "",
        realname: "只有电话",
        phones: ["13900000009"],
        remark: "=cmd|' /C calc'!A0",
        customFields: { "x.y": "a=b; c" },
      });
      const exported = await exportText(t.db, {}, "csv");
      const state = await snapshot();
      const count = await auditCount();
      const result = await importCsv(t.db, exported);
      expect(result).toMatchObject({ created: 0, updated: 0, failed: 0, unchanged: state.length });
      expect(await snapshot()).toEqual(state);
      expect(await auditCount()).toBe(count);
    });

    it("updates by external id: only what changed, keeping the id; records what changed", async () => {
      const existing = await createCustomer(t.db, {
        uname: "ext-1",
        realname: "Old",
        emails: ["ext-1@example.com"],
        externalIds: [{ kind: "udesk-customer", value: "EXT-U1" }],
      });
      const count = await auditCount();
      await new Promise((r) => setTimeout(r, 5)); // so a new updatedAt differs
      const result = await importCsv(
        t.db,
        csvOf(["uname", "realname", "emails", "udesk-customer"], ["ext-1", "New", "ext-1@example.com", "EXT-U1"]),
        { outcomes: true },
      );
      expect(result).toMatchObject({
        created: 0,
        updated: 1,
        unchanged: 0,
        outcomes: [{ row: 2, status: "updated", customerId: existing.id }],
      });
      const after = await getCustomer(t.db, existing.id);
      expect(after?.realname).toBe("New");
      expect(after!.updatedAt.getTime()).toBeGreaterThan(existing.updatedAt.getTime());
      const events = await t.db.auditEvent.findMany({ skip: count, orderBy: { id: "asc" } });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: "update", customerId: existing.id, actorLabel: "io-test" });
      expect(JSON.parse(events[0].changes)).toEqual({ realname: ["Old", "New"] });
    });

    it("updates by email when no external id matches; columns the file lacks stay as they are", async () => {
      const existing = await createCustomer(t.db, {
        uname: "mail-1",
        emails: ["Mail-1@Example.com"],
        phones: ["13700000001"],
        labels: ["keep"],
        externalIds: [
          { kind: "sobot-partner", value: "MAIL-P1" },
          { kind: "udesk-customer", value: "MAIL-U1" },
        ],
      });
      // No id column, no phones or labels columns; a udesk-customer column replaces that kind only.
      const result = await importCsv(
        t.db,
        csvOf(["emails", "isVip", "udesk-customer"], ["MAIL-1@example.com", "yes", "MAIL-U2"]),
      );
      expect(result).toMatchObject({ created: 0, updated: 1 });
      expect(await getCustomer(t.db, existing.id)).toMatchObject({
        uname: "mail-1",
        isVip: true,
        phones: ["13700000001"],
        labels: ["keep"],
        externalIds: [
          { kind: "sobot-partner", value: "MAIL-P1" },
          { kind: "udesk-customer", value: "MAIL-U2" },
        ],
      });
      // Without a name column a new customer cannot be made.
      const refused = await importCsv(t.db, csvOf(["emails"], ["nobody-yet@example.com"]));
      expect(refused).toMatchObject({ created: 0, failed: 1, errors: [{ row: 2, column: "uname" }] });
    });

    it("an empty cell leaves its field as it is and (clear) clears it, custom fields included", async () => {
      const keep = await createCustomer(t.db, {
        uname: "keep-1",
        realname: "留着",
        remark: "老备注",
        isVip: true,
        vipLevel: "金卡",
        emails: ["keep-1@example.com"],
        phones: ["13900000001"],
        labels: ["keep-label"],
        customFields: { city: "上海", tier: "2" },
        externalIds: [
          { kind: "sobot-partner", value: "KEEP-P1" },
          { kind: "udesk-customer", value: "KEEP-U1" },
        ],
      });
      const sheet = (cells: Partial<Record<CsvColumn, string>>) =>
        csvOf(
          [...CSV_COLUMNS],
          [...CSV_COLUMNS].map((c) => cells[c] ?? ""),
        );
      const fields = async () => {
        const c = await getCustomer(t.db, keep.id);
        return c && { ...c, createdAt: undefined, updatedAt: undefined, id: undefined };
      };

      // Every column, but only the external id and the VIP level filled in: nothing else moves.
      const before = await fields();
      const filled = await importCsv(t.db, sheet({ "sobot-partner": "KEEP-P1", vipLevel: "银卡" }));
      expect(filled).toMatchObject({ updated: 1, failed: 0 });
      expect(await fields()).toEqual({ ...before, vipLevel: "银卡" });
      // The same sheet again changes nothing.
      expect(await importCsv(t.db, sheet({ "sobot-partner": "KEEP-P1", vipLevel: "银卡" }))).toMatchObject({
        unchanged: 1,
      });

      // (clear), in any case and with spaces around it, clears; the empty cells still keep. The
      // dry run the page's preview makes lists each change and each clearing.
      const clearing = sheet({
        "sobot-partner": "KEEP-P1",
        realname: "(clear)",
        remark: " (Clear) ",
        isVip: "(clear)",
        phones: "(clear)",
        labels: "(CLEAR)",
        customFields: '{"city":"杭州"}',
        "udesk-customer": "(clear)",
      });
      const preview = await importCsv(t.db, clearing, { dryRun: true, outcomes: true });
      expect(preview.outcomes).toEqual([
        {
          row: 2,
          status: "updated",
          customerId: keep.id,
          changes: [
            { field: "realname", before: "留着", after: "", cleared: true },
            { field: "phones", before: "13900000001", after: "", cleared: true },
            { field: "remark", before: "老备注", after: "", cleared: true },
            { field: "isVip", before: "true", after: "false", cleared: false },
            { field: "labels", before: "keep-label", after: "", cleared: true },
            { field: "customFields.city", before: "上海", after: "杭州", cleared: false },
            { field: "customFields.tier", before: "2", after: "", cleared: true },
            { field: "udesk-customer", before: "KEEP-U1", after: "", cleared: true },
          ],
        },
      ]);
      expect(await fields()).toEqual({ ...before, vipLevel: "银卡" });
      expect(await importCsv(t.db, clearing)).toMatchObject({ updated: 1, failed: 0 });
      expect(await fields()).toMatchObject({ customFields: { city: "杭州" } });
      const cleared = await importCsv(
        t.db,
        sheet({
          "sobot-partner": "KEEP-P1",
          realname: "(clear)",
          remark: " (Clear) ",
          isVip: "(clear)",
          phones: "(clear)",
          labels: "(CLEAR)",
          customFields: "(clear)",
          "udesk-customer": "(clear)",
        }),
      );
      expect(cleared).toMatchObject({ updated: 1, failed: 0 });
      expect(await fields()).toEqual({
        ...before,
        realname: "",
        remark: "",
        isVip: false,
        vipLevel: "银卡",
        phones: [],
        labels: [],
        customFields: {},
        externalIds: [{ kind: "sobot-partner", value: "KEEP-P1" }],
      });

      // A customer keeps at least one name: clearing the last one is refused, and nothing changes.
      const state = await fields();
      const nameless = await importCsv(t.db, sheet({ "sobot-partner": "KEEP-P1", uname: "(clear)" }));
      expect(nameless).toMatchObject({ updated: 0, failed: 1, errors: [{ row: 2, column: "uname" }] });
      expect(await fields()).toEqual(state);
    });

    it("imports a GBK or GB18030 file (Excel on Chinese Windows) as the Chinese it holds", async () => {
      const csv = csvOf(
        ["uname", "realname", "remark", "labels", "customFields"],
        ["gbk-1", "欧阳娜娜", "深圳，南山区", "老客户; 批发", '{"城市":"广州"}'],
        ["gb18030-1", "𠀀𠀁", "€ 与 ・", "", ""],
      );
      for (const [name, bytes] of [
        ["gbk", iconv.encode(csv.replace(/gb18030-1.*\r\n/, ""), "gbk")],
        ["gb18030", iconv.encode(csv, "gb18030")],
      ] as const) {
        async function* chunks() {
          for (let at = 0; at < bytes.length; at += 5) yield bytes.subarray(at, at + 5);
        }
        const encoding = await detectEncoding(chunks());
        expect(encoding, name).toBe("gb18030");
        const records: CsvRecord[] = [];
        for await (const batch of readCsv(decodeChunks(chunks(), encoding))) records.push(...batch);
        const [header, ...data] = records;
        const result = await withActor({ id: null, label: "io-test" }, () =>
          importCustomers(t.db, toImportRows(checkHeader(header.cells), data)),
        );
        expect(result, name).toMatchObject({ failed: 0, errors: [] });
      }
      const gbk = await t.db.customer.findFirst({ where: { uname: "gbk-1" } });
      expect(await getCustomer(t.db, gbk!.id)).toMatchObject({
        realname: "欧阳娜娜",
        remark: "深圳，南山区",
        labels: expect.arrayContaining(["老客户", "批发"]),
        customFields: { 城市: "广州" },
      });
      expect(await t.db.customer.findFirst({ where: { uname: "gb18030-1" } })).toMatchObject({
        realname: "𠀀𠀁",
        remark: "€ 与 ・",
      });
    });

    it("updates by the id column when neither external ids nor emails match", async () => {
      const existing = await createCustomer(t.db, { realname: "按编号", phones: ["13600000001"] });
      const result = await importCsv(
        t.db,
        csvOf(["id", "realname", "phones"], [String(existing.id), "按编号改", "13600000001"], ["99999999", "新的", ""]),
      );
      expect(result).toMatchObject({ created: 1, updated: 1 });
      expect((await getCustomer(t.db, existing.id))?.realname).toBe("按编号改");
    });

    it("reports invalid rows with row and column, and imports the others", async () => {
      const count = await t.db.customer.count();
      const csv = [
        "uname,emails,isVip,sobot-partner",
        "bad-1,not-an-email,true,BAD-P1",
        "good-1,good-1@example.com,false,GOOD-P1",
        "bad-2,,perhaps,BAD-P2",
        "short-row,short@example.com",
        "",
        ",,false,BAD-P3",
      ].join("\n");
      const result = await importCsv(t.db, csv, { outcomes: true });
      expect(result).toMatchObject({ rows: 5, created: 1, failed: 4 });
      expect(result.errors).toEqual([
        { row: 2, column: "emails", message: '"not-an-email": Not an email address' },
        { row: 4, column: "isVip", message: '"perhaps" is not true or false' },
        { row: 5, column: "row", message: "2 cells, but the header has 4 columns" },
        {
          row: 7,
          column: "uname",
          message: "A new customer needs a nickname or a real name (this row's uname and realname are empty)",
        },
      ]);
      expect(result.outcomes!.map((o) => o.status)).toEqual(["error", "created", "error", "error", "error"]);
      expect(await t.db.customer.count()).toBe(count + 1);
      expect(await t.db.externalId.count({ where: { value: { startsWith: "BAD-" } } })).toBe(0);
    });

    it("refuses a row whose external ids belong to two different customers", async () => {
      const a = await createCustomer(t.db, {
        uname: "two-a",
        externalIds: [{ kind: "sobot-partner", value: "TWO-A" }],
      });
      const b = await createCustomer(t.db, {
        uname: "two-b",
        externalIds: [{ kind: "sobot-customer", value: "TWO-B" }],
      });
      const result = await importCsv(
        t.db,
        csvOf(["uname", "sobot-partner", "sobot-customer"], ["two", "TWO-A", "TWO-B"]),
      );
      expect(result).toMatchObject({ failed: 1, updated: 0, created: 0 });
      expect(result.errors[0]).toMatchObject({
        row: 2,
        column: "sobot-customer",
        message: `"TWO-B" belongs to customer #${b.id}, but sobot-partner "TWO-A" belongs to customer #${a.id}`,
      });
    });

    it("applies rows naming the same customer in file order, even within one batch", async () => {
      const result = await importCsv(
        t.db,
        csvOf(
          ["uname", "emails", "remark"],
          ["dup", "dup@example.com", "first"],
          ["dup", "dup@example.com", "second"],
          ["dup", "dup@example.com", "second"],
        ),
        { outcomes: true },
      );
      expect(result.outcomes!.map((o) => o.status)).toEqual(["created", "updated", "unchanged"]);
      const ids = new Set(result.outcomes!.map((o) => o.customerId));
      expect(ids.size).toBe(1);
      expect((await getCustomer(t.db, [...ids][0]!))?.remark).toBe("second");
    });

    it("a dry run works everything out and writes nothing", async () => {
      const customers = await t.db.customer.count();
      const events = await auditCount();
      const state = await snapshot();
      const csv = csvOf(
        ["uname", "realname", "emails", "sobot-partner"],
        ["dry-new", "", "dry@example.com", "DRY-1"],
        ["ext-1", "Changed in a dry run", "ext-1@example.com", ""],
        ["x", "", "bad", ""],
      );
      const result = await importCsv(t.db, csv, { dryRun: true, outcomes: true });
      expect(result.outcomes!.map((o) => o.status)).toEqual(["created", "updated", "error"]);
      expect(await t.db.customer.count()).toBe(customers);
      expect(await auditCount()).toBe(events);
      expect(await snapshot()).toEqual(state);
    });

    it("imports a 2,000-row batch in chunks, then finds it all unchanged", async () => {
      const rows = Array.from({ length: 2000 }, (_, i) => {
        const n = String(i).padStart(4, "0");
        return [
          "",
          `bulk${n}`,
          `批量${n}`,
          `bulk${n}@example.com`,
          `'+86135${n}0000`,
          i % 10 ? "" : "line 1\nline 2, with comma",
          String(i % 3 === 0),
          "",
          i % 2 ? "a; b" : "c",
          i % 5 ? "" : `{"n":"${n}"}`,
          `BULK-P${n}`,
          "",
          "",
          i % 4 ? "" : `BULK-U${n}`,
          "",
        ];
      });
      const csv = csvOf([...CSV_COLUMNS], ...rows);
      const events = await auditCount();
      let started = performance.now();
      const first = await importCsv(t.db, csv, { chunkSize: 500 });
      const firstMs = performance.now() - started;
      expect(first).toMatchObject({ rows: 2000, created: 2000, failed: 0 });
      expect(await auditCount()).toBe(events + 2000);
      expect(await t.db.externalId.count({ where: { value: { startsWith: "BULK-" } } })).toBe(2500);

      const state = await snapshot();
      started = performance.now();
      const again = await importCsv(t.db, csv);
      const againMs = performance.now() - started;
      expect(again).toMatchObject({ rows: 2000, created: 0, updated: 0, unchanged: 2000 });
      expect(await snapshot()).toEqual(state);
      expect(await auditCount()).toBe(events + 2000);
      console.info(
        `[${provider.name}] 2,000 rows: import ${Math.round(firstMs)} ms, re-import ${Math.round(againMs)} ms`,
      );
    });

    it("exports more customers than one page (500) as one valid JSON array, in the list's order", async () => {
      const total = await t.db.customer.count();
      expect(total).toBeGreaterThan(1000); // the 2,000-row import above: several pages
      const text = await exportText(t.db, {}, "json");
      const customers = JSON.parse(text) as { id: number; uname: string }[];
      expect(customers).toHaveLength(total);
      const ids = customers.map((c) => c.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(total);
      expect(customers.find((c) => c.uname === "bulk1999")).toMatchObject({ realname: "批量1999" });
    });

    it("CLI: export to stdout; import with progress on stderr, summary on stdout, exit 1 on refused rows", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-io-cli-"));
      const cli = (...args: string[]) => {
        const run = spawnSync(process.execPath, [path.join(root, "bin", "deskbridge.mjs"), ...args], {
          cwd: root,
          env: {
            ...process.env,
            DATABASE_URL: t.url,
            DESKBRIDGE_DEMO: "0",
            DESKBRIDGE_DATA_DIR: cliData,
            DESKBRIDGE_ACTOR: "cli:io-test",
          },
          encoding: "utf8",
          timeout: 60_000,
          maxBuffer: 1 << 26,
        });
        if (run.error) throw run.error;
        return run;
      };
      try {
        const exported = cli("customers", "export", "--format", "csv");
        expect(exported.status, exported.stderr).toBe(0);
        const total = await t.db.customer.count();
        expect((await rowsOf(exported.stdout)).length).toBe(total);
        const file = path.join(dir, "all.csv");
        fs.writeFileSync(file, exported.stdout);

        const state = await snapshot();
        const events = await auditCount();
        const again = cli("customers", "import", file, "--json");
        expect(again.status, again.stderr).toBe(0);
        expect(JSON.parse(again.stdout)).toMatchObject({
          rows: total,
          created: 0,
          updated: 0,
          unchanged: total,
          failed: 0,
          errors: [],
        });
        expect(again.stderr).toMatch(new RegExp(`imported ${total} rows \\(100%\\)`));
        expect(await snapshot()).toEqual(state);
        expect(await auditCount()).toBe(events);

        const edited = path.join(dir, "edited.csv");
        fs.writeFileSync(
          edited,
          "uname,emails,sobot-partner\ncli-new,cli-new@example.com,CLI-P1\ncli-bad,nope,CLI-P2\n",
        );
        const dry = cli("customers", "import", edited, "--dry-run");
        expect(dry.status).toBe(1);
        expect(dry.stdout).toMatch(
          new RegExp(
            /^Checked \(dry run, nothing written\) .*: 2 rows — /.source +
              /1 would be created, 0 would be updated, 0 unchanged, 1 refused/.source,
          ),
        );
        expect(dry.stderr).toContain('row 3, emails: "nope": Not an email address');
        expect(await t.db.customer.count()).toBe(total);
        const real = cli("customers", "import", edited, "--json");
        expect(real.status).toBe(1);
        expect(JSON.parse(real.stdout)).toMatchObject({
          created: 1,
          failed: 1,
          errors: [{ row: 3, column: "emails" }],
        });
        expect(await t.db.auditEvent.count({ where: { actorLabel: "cli:io-test", action: "create" } })).toBe(1);

        const all = cli("customers", "export", "--format", "json");
        expect(all.status, all.stderr).toBe(0);
        expect(total).toBeGreaterThan(500);
        expect((JSON.parse(all.stdout) as unknown[]).length).toBe(await t.db.customer.count());

        const json = cli("customers", "export", "--format", "json", "--search", "cli-new");
        expect(JSON.parse(json.stdout)).toEqual([
          expect.objectContaining({ uname: "cli-new", externalIds: [{ kind: "sobot-partner", value: "CLI-P1" }] }),
        ]);
        expect(cli("customers", "export", "--format", "xml").status).toBe(2);
        expect(cli("customers", "import", path.join(dir, "missing.csv")).stderr).toMatch(/Cannot read .*missing\.csv/);
        fs.writeFileSync(path.join(dir, "bad-header.csv"), "name,email\nx,y\n");
        const badHeader = cli("customers", "import", path.join(dir, "bad-header.csv"));
        expect(badHeader.status).toBe(1);
        expect(badHeader.stderr).toContain('header: Column 1 "name" is not one of');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 240_000); // about ten CLI runs, each a few seconds on a busy machine

    it("CLI: imports a GBK file from Excel, and refuses one in no encoding it reads", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-io-gbk-"));
      const cli = (...args: string[]) =>
        spawnSync(process.execPath, [path.join(root, "bin", "deskbridge.mjs"), ...args], {
          cwd: root,
          env: { ...process.env, DATABASE_URL: t.url, DESKBRIDGE_DEMO: "0", DESKBRIDGE_DATA_DIR: cliData },
          encoding: "utf8",
          timeout: 60_000,
        });
      try {
        const gbk = path.join(dir, "excel.csv");
        fs.writeFileSync(
          gbk,
          iconv.encode(csvOf(["uname", "realname", "remark"], ["cli-gbk", "赵敏", "杭州，西湖"]), "gbk"),
        );
        const run = cli("customers", "import", gbk, "--json");
        expect(run.status, run.stderr).toBe(0);
        expect(JSON.parse(run.stdout)).toMatchObject({ encoding: "GBK/GB18030", rows: 1, created: 1, failed: 0 });
        const made = await t.db.customer.findFirst({ where: { uname: "cli-gbk" } });
        expect(made).toMatchObject({ realname: "赵敏", remark: "杭州，西湖" });

        const latin1 = path.join(dir, "latin1.csv");
        fs.writeFileSync(latin1, iconv.encode("uname,remark\r\ncli-latin1,café\r\n", "latin1"));
        const refused = cli("customers", "import", latin1);
        expect(refused.status).toBe(1);
        expect(refused.stderr).toContain("latin1.csv is neither UTF-8 nor GBK/GB18030");
        expect(await t.db.customer.count({ where: { uname: "cli-latin1" } })).toBe(0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);

    it("exports the filtered, sorted list as CSV and as JSON", async () => {
      await createCustomer(t.db, {
        uname: "exp-vip-1",
        realname: "导出",
        isVip: true,
        labels: ["export-me"],
        emails: ["exp1@example.com"],
      });
      await createCustomer(t.db, { uname: "exp-vip-2", isVip: true, labels: ["export-me"] });
      await createCustomer(t.db, { uname: "exp-plain", labels: ["export-me"] });

      const csv = await exportText(t.db, { label: "export-me", vip: "yes", sort: "uname", dir: "desc" }, "csv");
      const lines = csv
        .replace(/^\uFEFF/, "")
        .trimEnd()
        .split("\r\n");
      expect(lines[0]).toBe(CSV_COLUMNS.join(","));
      expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual(["exp-vip-2", "exp-vip-1"]);

      const json = JSON.parse(await exportText(t.db, { q: "exp1@example" }, "json"));
      expect(json).toEqual([
        expect.objectContaining({
          uname: "exp-vip-1",
          realname: "导出",
          emails: ["exp1@example.com"],
          isVip: true,
          labels: ["export-me"],
          externalIds: [],
        }),
      ]);
      expect(JSON.parse(await exportText(t.db, { q: "no such customer" }, "json"))).toEqual([]);
      expect(await exportText(t.db, { q: "no such customer" }, "csv")).toBe(customersToCsv([]));
    });
  });
}
