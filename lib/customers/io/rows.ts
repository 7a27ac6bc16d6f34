// Rows → customer inputs: the header check, records as column → cell, and one row's cells as a
// validated customer (or the errors, each naming its row and column).
import type { CsvRecord } from "@/lib/customers/csv";
import { customerInput, EXTERNAL_ID_KINDS, type CustomerData, type ExternalIdKind } from "@/lib/customers/schemas";
import { validationError } from "@/lib/errors";
import { CSV_COLUMNS, LIST_SPLIT, unescapeCell, type CsvColumn } from "@/lib/customers/io/format";

export type RowError = { row: number; column: string; message: string };

const canonicalColumn = new Map<string, CsvColumn>(CSV_COLUMNS.map((c) => [c.toLowerCase(), c]));

/** Checks the header; returns the canonical column names or throws a validation error naming
 *  every unknown or repeated column. */
export function checkHeader(header: string[]): CsvColumn[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  const columns = header.map((raw, i) => {
    const name = raw.replace(/^\uFEFF/, "").trim();
    const column = canonicalColumn.get(name.toLowerCase());
    if (!column) errors.push(`Column ${i + 1} "${name}" is not one of ${CSV_COLUMNS.join(", ")}`);
    else if (seen.has(column)) errors.push(`Column "${column}" appears twice`);
    else seen.add(column);
    return column as CsvColumn;
  });
  if (header.length === 0 || (header.length === 1 && !header[0].trim()))
    errors.push(`The first line must name the columns: ${CSV_COLUMNS.join(", ")}`);
  if (errors.length)
    throw validationError("The file's header is not an export of Deskbridge customers.", { header: errors });
  return columns;
}

/** One data record as column → cell. A record with a different number of cells than the header
 *  is an error (a cut or shifted line would otherwise clear fields). */
export type ImportRow = { row: number; values: Partial<Record<CsvColumn, string>> } | { row: number; error: RowError };

export function toImportRows(columns: CsvColumn[], records: CsvRecord[]): ImportRow[] {
  return records.map(({ row, cells }) => {
    // Trailing empty cells (a spreadsheet's padding) are harmless.
    let n = cells.length;
    while (n > columns.length && cells[n - 1] === "") n--;
    if (n !== columns.length) {
      return {
        row,
        error: { row, column: "row", message: `${n} cells, but the header has ${columns.length} columns` },
      };
    }
    const values: Partial<Record<CsvColumn, string>> = {};
    columns.forEach((c, i) => {
      values[c] = cells[i] ?? "";
    });
    return { row, values };
  });
}

/** A cell holding exactly this (any case, spaces around it aside) clears its field. An empty cell
 *  leaves the field as it is, as does a column the file lacks: re-importing a sheet whose column
 *  was left blank loses nothing. */
export const CLEAR_MARKER = "(clear)";

/** The customer fields a file can set: only the cells that hold a value or the clear marker. */
export type Field =
  | "uname"
  | "realname"
  | "emails"
  | "phones"
  | "remark"
  | "isVip"
  | "vipLevel"
  | "labels"
  | "customFields"
  | "externalIds";

export type ParsedRow = {
  row: number;
  /** The id column, when filled in. */
  id: number | null;
  data: CustomerData;
  /** Fields the row sets or clears (a cell with a value or the clear marker). */
  present: Set<Field>;
  /** External id kinds the row sets or clears (only those are replaced). */
  kinds: Set<ExternalIdKind>;
};

const list = (cell: string) =>
  cell
    .split(LIST_SPLIT)
    .map((s) => s.trim())
    .filter(Boolean);

const TRUE = new Set(["true", "yes", "y", "1", "是", "vip"]);
const FALSE = new Set(["false", "no", "n", "0", "否"]);

/** A row's cells → a validated customer, or the errors, each naming the column. */
export function rowToInput(
  values: Partial<Record<CsvColumn, string>>,
  row = 0,
): { ok: true; value: ParsedRow } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const cell = (c: CsvColumn) => unescapeCell(values[c] ?? "");
  const cleared = (c: CsvColumn) => cell(c).trim().toLowerCase() === CLEAR_MARKER;
  /** The cell holds a value (not empty, not the clear marker). */
  const has = (c: CsvColumn) => cell(c).trim() !== "" && !cleared(c);
  const present = new Set<Field>();
  const input: Record<string, unknown> = {};

  let id: number | null = null;
  if (has("id") && cell("id").trim()) {
    const text = cell("id").trim().replace(/^#/, "");
    if (/^\d{1,9}$/.test(text) && Number(text) > 0) id = Number(text);
    else errors.push({ row, column: "id", message: `"${cell("id")}" is not a customer id (a whole number, or empty)` });
  }
  for (const c of ["uname", "realname", "remark", "vipLevel"] as const) {
    if (has(c) || cleared(c)) {
      present.add(c);
      input[c] = cleared(c) ? "" : cell(c);
    }
  }
  for (const c of ["emails", "phones", "labels"] as const) {
    if (has(c) || cleared(c)) {
      present.add(c);
      input[c] = cleared(c) ? [] : list(cell(c));
    }
  }
  if (cleared("isVip")) {
    present.add("isVip");
    input.isVip = false;
  } else if (has("isVip")) {
    present.add("isVip");
    const v = cell("isVip").trim().toLowerCase();
    if (TRUE.has(v)) input.isVip = true;
    else if (FALSE.has(v)) input.isVip = false;
    else errors.push({ row, column: "isVip", message: `"${cell("isVip")}" is not true or false` });
  }
  if (cleared("customFields")) {
    present.add("customFields");
    input.customFields = {};
  } else if (has("customFields")) {
    present.add("customFields");
    const text = cell("customFields").trim();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      errors.push({ row, column: "customFields", message: `Not a JSON object like {"city":"上海"}` });
    } else {
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(parsed)) {
        if (v !== null && typeof v === "object")
          errors.push({ row, column: "customFields", message: `Field "${k}": a text value, not an object or list` });
        else fields[k] = v === null ? "" : String(v);
      }
      input.customFields = fields;
    }
  }
  const kinds = new Set<ExternalIdKind>();
  const externalIds: { kind: ExternalIdKind; value: string }[] = [];
  for (const kind of EXTERNAL_ID_KINDS) {
    if (cleared(kind)) kinds.add(kind);
    else if (has(kind)) {
      kinds.add(kind);
      for (const value of list(cell(kind))) externalIds.push({ kind, value });
    }
  }
  if (kinds.size) {
    present.add("externalIds");
    input.externalIds = externalIds;
  }

  // The name check only applies when the row gives a name: without one, an update keeps the
  // customer's names, and a new customer (or one whose names would both be cleared) is refused
  // once the row is merged over what the customer has.
  const nameless = !has("uname") && !has("realname");
  const parsed = customerInput.safeParse(nameless ? { ...input, uname: "-" } : input);
  if (parsed.success && nameless) parsed.data.uname = "";
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, index] = issue.path as (string | number)[];
      let column = String(head ?? "row");
      let message = issue.message;
      if (head === "externalIds" && typeof index === "number") {
        column = externalIds[index]?.kind ?? "externalIds";
        message = `"${externalIds[index]?.value}": ${message}`;
      } else if ((head === "emails" || head === "phones" || head === "labels") && typeof index === "number") {
        message = `"${(input[head] as string[])[index]}": ${message}`;
      } else if (head === "customFields" && index !== undefined && issue.code !== "custom") {
        message = `Field "${index}": ${message}`;
      }
      errors.push({ row, column, message });
    }
  }
  if (!parsed.success || errors.length) return { ok: false, errors };
  return { ok: true, value: { row, id, data: parsed.data, present, kinds } };
}
