// The CSV format of customers import and export, without a database: cells ⇄ inputs round trip
// (Chinese, quotes, commas, line breaks, formula-looking values), streaming reads across
// piece boundaries, the header check and per-row errors naming the column.
import { describe, expect, it } from "vitest";
import {
  BOM,
  checkHeader,
  CSV_COLUMNS,
  customersToCsv,
  customerToCells,
  detectCsvSettings,
  escapeCell,
  readCsv,
  rowToInput,
  toImportRows,
  unescapeCell,
  type CsvRecord,
} from "@/lib/customers/io";
import { AppError } from "@/lib/errors";

const customer = {
  id: 7,
  uname: "lily",
  realname: "李丽",
  emails: ["lily@example.com", "li.li@work.example.com"],
  phones: ["+8613800000000", "075588886666"],
  remark: '第一行, with "quotes"\nsecond line; and a semicolon\r\nthird',
  isVip: true,
  vipLevel: "金卡",
  labels: ["wholesale", "老客户"],
  customFields: { city: "上海", note: "a=b; c, d", "order.count": "3" },
  externalIds: [
    { kind: "sobot-partner", value: "P1001" },
    { kind: "sobot-partner", value: "P1002" },
    { kind: "udesk-customer", value: "U-9" },
  ],
};

async function readAll(pieces: string[]): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const batch of readCsv(pieces)) out.push(...batch);
  return out;
}

/** CSV text → parsed rows, through the same path as an import. */
async function parseCsvText(text: string, pieceSize = text.length) {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += pieceSize) pieces.push(text.slice(i, i + pieceSize));
  const [header, ...records] = await readAll(pieces);
  const columns = checkHeader(header.cells);
  return toImportRows(columns, records).map((r) => {
    if ("error" in r) throw new Error(r.error.message);
    return rowToInput(r.values, r.row);
  });
}

describe("CSV round trip", () => {
  it("exports the columns in order, with a BOM and CRLF line ends", () => {
    const csv = customersToCsv([customer]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1).split("\r\n")[0]).toBe(CSV_COLUMNS.join(","));
    expect(CSV_COLUMNS).toEqual([
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
    ]);
  });

  it("reads back exactly what it wrote: Chinese, quotes, commas and line breaks in a remark", async () => {
    const csv = customersToCsv([customer]);
    // Split into tiny pieces so quoted line breaks and multi-character cells straddle pieces.
    for (const pieceSize of [csv.length, 7, 1]) {
      const [parsed] = await parseCsvText(csv, pieceSize);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.value.row).toBe(2);
      expect(parsed.value.id).toBe(7);
      expect(parsed.value.data).toEqual({
        uname: "lily",
        realname: "李丽",
        emails: customer.emails,
        phones: customer.phones,
        // Line ends inside a quoted cell come back as written.
        remark: customer.remark,
        isVip: true,
        vipLevel: "金卡",
        labels: ["wholesale", "老客户"],
        customFields: customer.customFields,
        externalIds: customer.externalIds,
      });
      // And writing the parsed row again gives the same cells.
      expect(customerToCells({ ...parsed.value.data, id: 7 })).toEqual(customerToCells(customer));
    }
  });

  it("escapes cells Excel would run as formulas, and unescapes them on import", async () => {
    const tricky = {
      ...customer,
      uname: '=HYPERLINK("http://x")',
      realname: "'=already quoted",
      remark: "-1+2",
      vipLevel: "@sum",
      phones: ["+8613800000000"],
    };
    const cells = customerToCells(tricky);
    expect(cells[1]).toBe('\'=HYPERLINK("http://x")');
    expect(cells[2]).toBe("''=already quoted");
    expect(cells[4]).toBe("'+8613800000000");
    for (const v of ["=1", "'=1", "''+2", "plain", "'plain", "-", "@", "'"])
      expect(unescapeCell(escapeCell(v))).toBe(v);
    const [parsed] = await parseCsvText(customersToCsv([tricky]));
    expect(parsed.ok && parsed.value.data).toMatchObject({
      uname: tricky.uname,
      realname: tricky.realname,
      remark: "-1+2",
      vipLevel: "@sum",
      phones: ["+8613800000000"],
    });
  });

  it("writes an empty customer as empty cells and reads it back", async () => {
    const bare = {
      id: 1,
      uname: "",
      realname: "张三",
      emails: [],
      phones: [],
      remark: "",
      isVip: false,
      vipLevel: "",
      labels: [],
      customFields: {},
      externalIds: [],
    };
    expect(customerToCells(bare)).toEqual(["1", "", "张三", "", "", "", "false", "", "", "", "", "", "", "", ""]);
    const [parsed] = await parseCsvText(customersToCsv([bare]));
    expect(parsed.ok && parsed.value.data).toEqual({ ...bare, id: undefined, customFields: {} } as unknown as object);
  });
});

describe("readCsv", () => {
  it("numbers rows as a spreadsheet does, skipping blank lines but counting them", async () => {
    const records = await readAll([`${BOM}uname,realname\n`, "a,A\n\n", "b,B\r\n", "c,C"]);
    expect(records).toEqual([
      { row: 1, cells: ["uname", "realname"] },
      { row: 2, cells: ["a", "A"] },
      { row: 4, cells: ["b", "B\r"] }, // \n was the file's newline; the stray \r is trimmed by validation
      { row: 5, cells: ["c", "C"] },
    ]);
  });

  it("carries an unfinished quoted cell to the next piece", async () => {
    const records = await readAll(['uname,remark\r\nx,"line 1\r\n', 'line 2, ""quoted"""\r\ny,z\r\n']);
    expect(records.map((r) => r.cells)).toEqual([
      ["uname", "remark"],
      ["x", 'line 1\r\nline 2, "quoted"'],
      ["y", "z"],
    ]);
  });

  it("detects the newline and a semicolon or tab delimiter from the header", () => {
    expect(detectCsvSettings("a,b\r\n1,2")).toEqual({ newline: "\r\n", delimiter: "," });
    expect(detectCsvSettings("a;b;c\n1;2;3")).toEqual({ newline: "\n", delimiter: ";" });
    expect(detectCsvSettings("a\tb\r1\t2")).toEqual({ newline: "\r", delimiter: "\t" });
  });
});

describe("checkHeader and toImportRows", () => {
  it("accepts any subset of the columns, in any order and case, without a BOM", () => {
    expect(checkHeader([`${BOM}Emails`, " uname ", "ISVIP", "sobot-partner"])).toEqual([
      "emails",
      "uname",
      "isVip",
      "sobot-partner",
    ]);
  });

  it("names unknown and repeated columns", () => {
    let error: unknown;
    try {
      checkHeader(["uname", "email", "uname"]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors.header).toEqual([
      `Column 2 "email" is not one of ${CSV_COLUMNS.join(", ")}`,
      'Column "uname" appears twice',
    ]);
  });

  it("refuses a record with a different number of cells, but allows trailing empty padding", () => {
    const rows = toImportRows(
      ["uname", "realname"],
      [
        { row: 2, cells: ["a", "A"] },
        { row: 3, cells: ["b"] },
        { row: 4, cells: ["c", "C", "", ""] },
        { row: 5, cells: ["d", "D", "extra"] },
      ],
    );
    expect(rows).toEqual([
      { row: 2, values: { uname: "a", realname: "A" } },
      { row: 3, error: { row: 3, column: "row", message: "1 cells, but the header has 2 columns" } },
      { row: 4, values: { uname: "c", realname: "C" } },
      { row: 5, error: { row: 5, column: "row", message: "3 cells, but the header has 2 columns" } },
    ]);
  });
});

describe("rowToInput", () => {
  const errorsOf = (values: Record<string, string>) => {
    const r = rowToInput(values, 9);
    return r.ok ? [] : r.errors;
  };

  it("splits list cells on ; or , (either width) and normalises like the forms", () => {
    const r = rowToInput(
      {
        uname: " u ",
        emails: "A@X.com;b@x.com，a@x.com",
        phones: "+86 138-0000 0000; (0755) 8888.6666",
        labels: "x, y；x",
        isVip: "YES",
      },
      2,
    );
    expect(r.ok && r.value.data).toMatchObject({
      uname: "u",
      emails: ["a@x.com", "b@x.com"],
      phones: ["+86 138-0000 0000", "(0755) 8888.6666"],
      labels: ["x", "y"],
      isVip: true,
    });
    expect(r.ok && [...r.value.present].sort()).toEqual(["emails", "isVip", "labels", "phones", "uname"]);
  });

  it("reports each bad cell with its row and column", () => {
    expect(
      errorsOf({
        uname: "u",
        emails: "good@x.com; not-an-email",
        phones: "abc",
        isVip: "maybe",
        customFields: "city=上海",
        id: "x1",
        "sobot-partner": "P1; P1",
      }),
    ).toEqual([
      { row: 9, column: "id", message: '"x1" is not a customer id (a whole number, or empty)' },
      { row: 9, column: "isVip", message: '"maybe" is not true or false' },
      { row: 9, column: "customFields", message: 'Not a JSON object like {"city":"上海"}' },
      { row: 9, column: "emails", message: '"not-an-email": Not an email address' },
      { row: 9, column: "phones", message: '"abc": Not a phone number (digits, optionally + ( ) - and spaces)' },
      { row: 9, column: "sobot-partner", message: '"P1": sobot-partner P1 is listed twice' },
    ]);
  });

  it("checks names only when the row gives one (empty or cleared names are checked at import)", () => {
    expect(errorsOf({ uname: " ", realname: "x".repeat(101) })).toEqual([
      { row: 9, column: "realname", message: "At most 100 characters" },
    ]);
    // No name columns, empty name cells or cleared ones: an update keeps or clears the names, and
    // the import refuses a customer that would be left without any.
    expect(rowToInput({ emails: "a@x.com", isVip: "true" }).ok).toBe(true);
    expect(rowToInput({ uname: "", realname: "" }).ok).toBe(true);
    expect(rowToInput({ uname: "(clear)", realname: "" }).ok).toBe(true);
  });

  it("an empty cell leaves its field as it is; a cell holding (clear) clears it", () => {
    const r = rowToInput({
      uname: "",
      remark: "(clear)",
      isVip: "",
      emails: "",
      labels: " (Clear) ",
      customFields: "",
      "sobot-partner": "",
      "udesk-customer": "(clear)",
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect([...r.value.present].sort()).toEqual(["externalIds", "labels", "remark"]);
    expect([...r.value.kinds]).toEqual(["udesk-customer"]);
    expect(r.value.data).toMatchObject({ remark: "", labels: [], externalIds: [] });

    const fields = rowToInput({ uname: "u", customFields: "(clear)" });
    if (!fields.ok) throw new Error(JSON.stringify(fields.errors));
    expect(fields.value.present.has("customFields")).toBe(true);
    expect(fields.value.data.customFields).toEqual({});
    expect(rowToInput({ uname: "u", customFields: "" }).ok && rowToInput({ uname: "u" }).ok).toBe(true);
  });

  it("names the bad custom field key and refuses nested values", () => {
    expect(errorsOf({ uname: "u", customFields: '{"bad key":"v","ok":{"a":1}}' })).toEqual([
      { row: 9, column: "customFields", message: 'Field "ok": a text value, not an object or list' },
      { row: 9, column: "customFields", message: 'Field key "bad key": letters, digits, _ . - only (at most 64)' },
    ]);
    expect(rowToInput({ uname: "u", customFields: '{"n":3,"b":true,"z":null}' })).toMatchObject({
      ok: true,
      value: { data: { customFields: { n: "3", b: "true", z: "" } } },
    });
  });
});
