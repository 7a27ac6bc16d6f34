// Customers import and export: one CSV format both ways (the export re-imports unchanged), a
// JSON export, and a bulk upsert in chunks. The file is never held whole: exports page through
// the customers, imports take batches of rows (the CLI streams the file, the page parses it in
// the browser and sends batches).
import Papa from "papaparse";
import { BOM, type CsvRecord } from "@/lib/customers/csv";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { customerInclude, matchingCustomerIds, toView, type CustomerView } from "@/lib/customers/customers";
import {
  customerInput,
  EXTERNAL_ID_KINDS,
  type CustomerData,
  type ExternalIdKind,
  type ListQuery,
} from "@/lib/customers/schemas";
import { auditMany, diff, type AuditInput } from "@/lib/audit/audit";
import { databaseCondition, isDatabaseUnavailable, isUniqueViolation, validationError } from "@/lib/errors";

export { BOM, detectCsvSettings, readCsv, type CsvRecord } from "@/lib/customers/csv";

// ---------------------------------------------------------------------------------------------
// The format

/** The CSV columns, in the export's order. The import accepts any subset, in any order. */
export const CSV_COLUMNS = [
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
  ...EXTERNAL_ID_KINDS,
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Multi-valued cells (emails, phones, labels, external ids) are joined with this... */
export const LIST_SEPARATOR = "; ";
/** ...and split on any of these on import (none can occur inside such a value). */
const LIST_SPLIT = /[;,，；\n\r]+/;

export const EXPORT_FORMATS = ["csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A cell Excel would run as a formula starts with one of these (OWASP "CSV injection"). */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** Export: a leading ' keeps Excel from reading the cell as a formula. Applied to every cell
 *  that starts (after any quotes already there) with = + - @ tab or CR, so that
 *  unescapeCell(escapeCell(v)) === v for every v. */
export function escapeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unescapeCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value) ? value.slice(1) : value;
}

const sortedLabels = (labels: string[]) => [...labels].sort();
const sortedIds = (ids: { kind: string; value: string }[]) =>
  [...ids].sort((a, b) =>
    a.kind === b.kind ? (a.value < b.value ? -1 : a.value > b.value ? 1 : 0) : a.kind < b.kind ? -1 : 1,
  );

/** One customer as a CSV record (cells in CSV_COLUMNS order, formulas escaped). */
export function customerToCells(
  c: Pick<
    CustomerView,
    | "id"
    | "uname"
    | "realname"
    | "emails"
    | "phones"
    | "remark"
    | "isVip"
    | "vipLevel"
    | "labels"
    | "customFields"
    | "externalIds"
  >,
): string[] {
  const ids = (kind: ExternalIdKind) =>
    c.externalIds
      .filter((x) => x.kind === kind)
      .map((x) => x.value)
      .join(LIST_SEPARATOR);
  return [
    String(c.id),
    c.uname,
    c.realname,
    c.emails.join(LIST_SEPARATOR),
    c.phones.join(LIST_SEPARATOR),
    c.remark,
    c.isVip ? "true" : "false",
    c.vipLevel,
    sortedLabels(c.labels).join(LIST_SEPARATOR),
    Object.keys(c.customFields).length ? JSON.stringify(c.customFields) : "",
    ...EXTERNAL_ID_KINDS.map(ids),
  ].map(escapeCell);
}

const CSV_NEWLINE = "\r\n";
const csvLines = (records: string[][]) =>
  records.length ? Papa.unparse(records, { newline: CSV_NEWLINE, header: false }) + CSV_NEWLINE : "";

/** The header line of the export (with the BOM Excel needs to read UTF-8). */
export const csvHeader = () => BOM + csvLines([[...CSV_COLUMNS]]);

/** Customers as CSV text (header included), e.g. for tests and small files. */
export function customersToCsv(customers: Parameters<typeof customerToCells>[0][]): string {
  return csvHeader() + csvLines(customers.map(customerToCells));
}

/** The JSON export's shape for one customer. */
export function customerToJson(c: CustomerView) {
  return {
    id: c.id,
    uname: c.uname,
    realname: c.realname,
    emails: c.emails,
    phones: c.phones,
    remark: c.remark,
    isVip: c.isVip,
    vipLevel: c.vipLevel,
    labels: sortedLabels(c.labels),
    customFields: c.customFields,
    externalIds: c.externalIds,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------
// Export

export type ExportQuery = Pick<ListQuery, "q" | "vip" | "label" | "sort" | "dir">;

const EXPORT_PAGE = 500;

/** The filtered, sorted list as text pieces to stream: CSV (header first) or a JSON array.
 *  Only the matching ids are read at once (a snapshot of the order); customers are then loaded
 *  500 at a time, so memory stays flat however many there are. */
export async function* exportCustomers(client: Db, query: ExportQuery, format: ExportFormat): AsyncGenerator<string> {
  const ids = await matchingCustomerIds(client, query);
  yield format === "csv" ? csvHeader() : "[";
  let first = true;
  for (let i = 0; i < ids.length; i += EXPORT_PAGE) {
    const page = ids.slice(i, i + EXPORT_PAGE);
    const rows = await client.customer.findMany({ where: { id: { in: page } }, include: customerInclude });
    const byId = new Map(rows.map((r) => [r.id, toView(r)]));
    // Customers deleted since the snapshot are skipped.
    const views = page.map((id) => byId.get(id)).filter((v): v is CustomerView => Boolean(v));
    if (format === "csv") {
      yield csvLines(views.map(customerToCells));
    } else if (views.length) {
      yield views.map((v) => `${first ? "\n" : ",\n"}${JSON.stringify(customerToJson(v))}`).join("");
      first = false;
    }
  }
  if (format === "json") yield first ? "]\n" : "\n]\n";
}

/** "customers-2026-11-01.csv" */
export function exportFilename(format: ExportFormat, now = new Date()): string {
  return `customers-${now.toISOString().slice(0, 10)}.${format}`;
}

// ---------------------------------------------------------------------------------------------
// Reading CSV: a stream of text in, batches of records out

// ---------------------------------------------------------------------------------------------
// Rows → customer inputs

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

/** The customer fields a file can set: a column the file lacks leaves the field as it is. */
type Field =
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
  /** Fields the file has a column for. */
  present: Set<Field>;
  /** External id kinds the file has a column for (only those are replaced). */
  kinds: Set<ExternalIdKind>;
};

const list = (cell: string) =>
  cell
    .split(LIST_SPLIT)
    .map((s) => s.trim())
    .filter(Boolean);

const TRUE = new Set(["true", "yes", "y", "1", "是", "vip"]);
const FALSE = new Set(["false", "no", "n", "0", "否", ""]);

/** A row's cells → a validated customer, or the errors, each naming the column. */
export function rowToInput(
  values: Partial<Record<CsvColumn, string>>,
  row = 0,
): { ok: true; value: ParsedRow } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const cell = (c: CsvColumn) => unescapeCell(values[c] ?? "");
  const has = (c: CsvColumn) => values[c] !== undefined;
  const present = new Set<Field>();
  const input: Record<string, unknown> = {};

  let id: number | null = null;
  if (has("id") && cell("id").trim()) {
    const text = cell("id").trim().replace(/^#/, "");
    if (/^\d{1,9}$/.test(text) && Number(text) > 0) id = Number(text);
    else errors.push({ row, column: "id", message: `"${cell("id")}" is not a customer id (a whole number, or empty)` });
  }
  for (const c of ["uname", "realname", "remark", "vipLevel"] as const) {
    if (has(c)) {
      present.add(c);
      input[c] = cell(c);
    }
  }
  for (const c of ["emails", "phones", "labels"] as const) {
    if (has(c)) {
      present.add(c);
      input[c] = list(cell(c));
    }
  }
  if (has("isVip")) {
    present.add("isVip");
    const v = cell("isVip").trim().toLowerCase();
    if (TRUE.has(v)) input.isVip = true;
    else if (FALSE.has(v)) input.isVip = false;
    else errors.push({ row, column: "isVip", message: `"${cell("isVip")}" is not true or false` });
  }
  if (has("customFields")) {
    present.add("customFields");
    const text = cell("customFields").trim();
    if (text) {
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
  }
  const kinds = new Set<ExternalIdKind>();
  const externalIds: { kind: ExternalIdKind; value: string }[] = [];
  for (const kind of EXTERNAL_ID_KINDS) {
    if (!has(kind)) continue;
    kinds.add(kind);
    for (const value of list(cell(kind))) externalIds.push({ kind, value });
  }
  if (kinds.size) {
    present.add("externalIds");
    input.externalIds = externalIds;
  }

  // The name check only applies when the file can give a name: without uname and realname
  // columns, an update keeps the names and a new customer is refused when it is created.
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

// ---------------------------------------------------------------------------------------------
// Import

export type RowStatus = "created" | "updated" | "unchanged" | "error";
export type RowOutcome = { row: number; status: RowStatus; customerId?: number };

export type ImportResult = {
  /** Data rows seen (blank lines are not counted). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows refused (each has one or more entries in errors). */
  failed: number;
  errors: RowError[];
  /** Per-row outcomes, when asked for (the page's preview). */
  outcomes?: RowOutcome[];
};

export type ImportOptions = {
  /** Work everything out, including conflicts, then roll back: nothing is written. */
  dryRun?: boolean;
  /** Most rows per transaction (default 500); fewer while a chunk takes over 600 ms (it holds the write lock). */
  chunkSize?: number;
  /** Return each row's outcome too. */
  outcomes?: boolean;
};

export const emptyResult = (): ImportResult => ({
  rows: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  failed: 0,
  errors: [],
});

/** Adds b's counts and errors into a (for running totals). */
export function addResults(a: ImportResult, b: ImportResult, keepErrors = Infinity): ImportResult {
  a.rows += b.rows;
  a.created += b.created;
  a.updated += b.updated;
  a.unchanged += b.unchanged;
  a.failed += b.failed;
  for (const e of b.errors) if (a.errors.length < keepErrors) a.errors.push(e);
  return a;
}

const AUDITED = [
  "uname",
  "realname",
  "emails",
  "phones",
  "remark",
  "isVip",
  "vipLevel",
  "labels",
  "customFields",
  "externalIds",
];
const nameOf = (c: { uname: string; realname: string; id: number }) => c.uname || c.realname || `#${c.id}`;

type Shape = Omit<CustomerView, "id" | "createdAt" | "updatedAt">;

/** The customer a row describes: the file's columns over what the customer has. External ids
 *  are replaced per kind the file has a column for; other kinds stay. */
function merge(existing: Shape | null, row: ParsedRow): Shape {
  const d = row.data;
  const base: Shape = existing ?? {
    uname: "",
    realname: "",
    emails: [],
    phones: [],
    remark: "",
    isVip: false,
    vipLevel: "",
    labels: [],
    customFields: {},
    externalIds: [],
  };
  const p = row.present;
  return {
    uname: p.has("uname") ? d.uname : base.uname,
    realname: p.has("realname") ? d.realname : base.realname,
    emails: p.has("emails") ? d.emails : base.emails,
    phones: p.has("phones") ? d.phones : base.phones,
    remark: p.has("remark") ? d.remark : base.remark,
    isVip: p.has("isVip") ? d.isVip : base.isVip,
    vipLevel: p.has("vipLevel") ? d.vipLevel : base.vipLevel,
    labels: sortedLabels(p.has("labels") ? d.labels : base.labels),
    customFields: p.has("customFields") ? d.customFields : base.customFields,
    externalIds: sortedIds([
      ...base.externalIds.filter((x) => !row.kinds.has(x.kind as ExternalIdKind)),
      ...d.externalIds,
    ]),
  };
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);
const sameSet = (a: string[], b: string[]) => {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((v) => s.has(v));
};
const sameFields = (a: Record<string, string>, b: Record<string, string>) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
};
const idKey = (x: { kind: string; value: string }) => `${x.kind}\u0000${x.value}`;

type Changed = { scalars: boolean; emails: boolean; phones: boolean; labels: boolean; externalIds: boolean };
function changes(before: Shape, after: Shape): Changed | null {
  const c: Changed = {
    scalars:
      before.uname !== after.uname ||
      before.realname !== after.realname ||
      before.remark !== after.remark ||
      before.isVip !== after.isVip ||
      before.vipLevel !== after.vipLevel ||
      !sameFields(before.customFields, after.customFields),
    emails: !sameList(before.emails, after.emails),
    phones: !sameList(before.phones, after.phones),
    labels: !sameSet(before.labels, after.labels),
    externalIds: !sameSet(before.externalIds.map(idKey), after.externalIds.map(idKey)),
  };
  return Object.values(c).some(Boolean) ? c : null;
}

const scalarsOf = (s: Shape) => ({
  uname: s.uname,
  realname: s.realname,
  remark: s.remark,
  isVip: s.isVip,
  vipLevel: s.vipLevel,
  customFields: JSON.stringify(s.customFields),
});
const scalarKey = (s: {
  uname: string;
  realname: string;
  remark: string;
  isVip: boolean;
  vipLevel: string;
  customFields: string;
}) => JSON.stringify([s.uname, s.realname, s.remark, s.isVip, s.vipLevel, s.customFields]);

type Tx = Prisma.TransactionClient;

/** SQLite takes at most 999 bound values per statement: lists for `in` go in parts. */
const PART = 900;
function parts<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += PART) out.push(items.slice(i, i + PART));
  return out;
}

class DryRun extends Error {}

/** Tries of one chunk while SQLite stays locked by another process (each waits for the lock). */
const LOCKED_ATTEMPTS = 10;
/** How long one chunk's transaction should take; the chunk size adapts between 25 and chunkSize. */
const CHUNK_TARGET_MS = 300;
const SMALLEST_CHUNK = 25;

/** Imports rows (from toImportRows): each valid row creates a customer or updates the one it
 *  names, by external id (any kind in the row), else by email (the row's first email that a
 *  customer has; the lowest id when several do), else by the id column. A row that matches
 *  its customer exactly writes nothing, so importing a file twice changes nothing. Each chunk
 *  is one transaction (its size adapts to keep each under about 300 ms); created and changed
 *  customers get audit events. */
export async function importCustomers(
  client: Db,
  rows: ImportRow[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  const total = emptyResult();
  if (options.outcomes) total.outcomes = [];
  const largest = Math.max(1, options.chunkSize ?? 500);
  let size = largest;
  for (let i = 0; i < rows.length; ) {
    const chunk = rows.slice(i, i + size);
    i += chunk.length; // before the size adapts below
    const started = Date.now();
    let result: ImportResult | undefined;
    let [locked, conflicts] = [0, 0];
    while (!result) {
      try {
        result = await importChunk(client, chunk, options);
      } catch (error) {
        // Another process held SQLite's write lock past the wait (the app under a burst of vendor
        // calls): the chunk was rolled back whole, so it is simply tried again a little later.
        if (isDatabaseUnavailable(error) && databaseCondition(error) === "locked" && ++locked < LOCKED_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, 200 * locked));
          continue;
        }
        // Someone else took an external id between our lookup and our write: look again once.
        if (!isUniqueViolation(error) || ++conflicts > 1) throw error;
      }
    }
    addResults(total, result);
    if (total.outcomes && result.outcomes) total.outcomes.push(...result.outcomes);
    // A chunk holds the database's write lock while it runs: on a busy machine, smaller chunks keep
    // the app's vendor calls (waiting for that lock) from timing out; on an idle one, larger ones.
    const took = Date.now() - started;
    if (took > CHUNK_TARGET_MS * 2) size = Math.max(Math.min(largest, SMALLEST_CHUNK), Math.floor(size / 2));
    else if (took < CHUNK_TARGET_MS / 2) size = Math.min(largest, size * 2);
  }
  return total;
}

async function importChunk(client: Db, chunk: ImportRow[], options: ImportOptions): Promise<ImportResult> {
  const result = emptyResult();
  const outcomes: RowOutcome[] = [];
  const valid: ParsedRow[] = [];
  for (const r of chunk) {
    result.rows += 1;
    if ("error" in r) {
      result.failed += 1;
      result.errors.push(r.error);
      outcomes.push({ row: r.row, status: "error" });
      continue;
    }
    const parsed = rowToInput(r.values, r.row);
    if (parsed.ok) valid.push(parsed.value);
    else {
      result.failed += 1;
      result.errors.push(...parsed.errors);
      outcomes.push({ row: r.row, status: "error" });
    }
  }
  const run = async (tx: Tx) => {
    let pending = valid;
    while (pending.length) {
      const done = await importSegment(tx, pending, result, outcomes);
      pending = pending.slice(done);
    }
  };
  if (valid.length) {
    try {
      await client.$transaction(
        async (tx) => {
          await run(tx);
          if (options.dryRun) throw new DryRun();
        },
        { timeout: 300_000, maxWait: 60_000 },
      );
    } catch (error) {
      if (!(error instanceof DryRun)) throw error;
    }
  }
  if (options.outcomes) result.outcomes = outcomes.sort((a, b) => a.row - b.row);
  return result;
}

/** Imports the longest prefix of rows that can be written together (no two rows naming the same
 *  key or the same customer, so the file's order holds); returns how many rows it took. */
async function importSegment(tx: Tx, rows: ParsedRow[], result: ImportResult, outcomes: RowOutcome[]): Promise<number> {
  // 1. Look every key up in bulk.
  const valuesByKind = new Map<ExternalIdKind, Set<string>>();
  const emails = new Set<string>();
  for (const r of rows) {
    for (const x of r.data.externalIds) {
      if (!valuesByKind.has(x.kind)) valuesByKind.set(x.kind, new Set());
      valuesByKind.get(x.kind)!.add(x.value);
    }
    for (const e of r.data.emails) emails.add(e);
  }
  const owners = new Map<string, number>(); // kind\0value → customer id
  if (valuesByKind.size) {
    for (const [kind, values] of valuesByKind) {
      for (const part of parts([...values])) {
        const found = await tx.externalId.findMany({
          where: { kind, value: { in: part } },
          select: { kind: true, value: true, customerId: true },
        });
        for (const f of found) owners.set(idKey(f), f.customerId);
      }
    }
  }
  const emailOwner = new Map<string, number>(); // the lowest customer id with that email
  if (emails.size) {
    for (const part of parts([...emails])) {
      const found = await tx.customerEmail.findMany({
        where: { email: { in: part } },
        select: { email: true, customerId: true },
      });
      for (const f of found)
        if (!emailOwner.has(f.email) || emailOwner.get(f.email)! > f.customerId) emailOwner.set(f.email, f.customerId);
    }
  }

  // 2. Which customer each row names (or none: a new one).
  // byId: named only by the id column, which counts only if that customer exists.
  type Plan = { row: ParsedRow; target: number | null; byId?: boolean; error?: RowError };
  const plans: Plan[] = [];
  const candidates = new Set<number>();
  for (const r of rows) {
    const matched = new Map<number, { kind: string; value: string }>();
    for (const x of r.data.externalIds) {
      const owner = owners.get(idKey(x));
      if (owner !== undefined && !matched.has(owner)) matched.set(owner, x);
    }
    if (matched.size > 1) {
      const [[a, xa], [b, xb]] = [...matched];
      plans.push({
        row: r,
        target: null,
        error: {
          row: r.row,
          column: xb.kind,
          message: `"${xb.value}" belongs to customer #${b}, but ${xa.kind} "${xa.value}" belongs to customer #${a}`,
        },
      });
      continue;
    }
    let target: number | null = matched.size ? [...matched.keys()][0] : null;
    if (target === null) {
      const owned = r.data.emails.find((e) => emailOwner.has(e));
      if (owned !== undefined) target = emailOwner.get(owned)!;
    }
    const byId = target === null && r.id !== null;
    if (byId) target = r.id;
    if (target !== null) candidates.add(target);
    plans.push({ row: r, target, byId });
  }
  const existing = new Map<number, CustomerView>();
  if (candidates.size) {
    for (const part of parts([...candidates])) {
      const found = await tx.customer.findMany({ where: { id: { in: part } }, include: customerInclude });
      for (const f of found) existing.set(f.id, toView(f));
    }
  }

  // 3. The segment: stop at the first row that shares a key or a customer with an earlier one.
  const usedKeys = new Set<string>();
  const usedTargets = new Set<number>();
  type Write = { plan: Plan; before: CustomerView | null; after: Shape; changed: Changed | null };
  const writes: Write[] = [];
  let taken = 0;
  for (const plan of plans) {
    const r = plan.row;
    const keys = [
      ...r.data.externalIds.map((x) => `x${idKey(x)}`),
      ...r.data.emails.map((e) => `e${e}`),
      ...(r.id ? [`i${r.id}`] : []),
    ];
    let target = plan.target;
    if (plan.byId && target !== null && !existing.has(target)) target = null; // a new customer (ids are not reused)
    if (keys.some((k) => usedKeys.has(k)) || (target !== null && usedTargets.has(target))) break;
    taken += 1;
    for (const k of keys) usedKeys.add(k);
    if (plan.error) {
      result.failed += 1;
      result.errors.push(plan.error);
      outcomes.push({ row: r.row, status: "error" });
      continue;
    }
    const before = target !== null ? (existing.get(target) ?? null) : null;
    if (target !== null && !before) {
      // Deleted between the lookups: treat as new.
      target = null;
    }
    if (target !== null) usedTargets.add(target);
    if (!before && !r.present.has("uname") && !r.present.has("realname")) {
      result.failed += 1;
      result.errors.push({
        row: r.row,
        column: "uname",
        message: "A new customer needs a nickname or a real name (the file has no uname or realname column)",
      });
      outcomes.push({ row: r.row, status: "error" });
      continue;
    }
    const after = merge(before, r);
    if (before) {
      const changed = changes(
        { ...before, labels: sortedLabels(before.labels), externalIds: sortedIds(before.externalIds) },
        after,
      );
      if (!changed) {
        result.unchanged += 1;
        outcomes.push({ row: r.row, status: "unchanged", customerId: before.id });
        continue;
      }
      writes.push({ plan: { ...plan, target }, before, after, changed });
    } else {
      writes.push({ plan: { ...plan, target: null }, before: null, after, changed: null });
    }
  }

  // 4. Write: new customers in bulk, changed ones one update each (their children in bulk).
  const creates = writes.filter((w) => !w.before);
  const updates = writes.filter((w) => w.before);
  const idOf = new Map<Write, number>();
  if (creates.length) {
    const made = await tx.customer.createManyAndReturn({
      data: creates.map((w) => scalarsOf(w.after)),
      select: { id: true, uname: true, realname: true, remark: true, isVip: true, vipLevel: true, customFields: true },
    });
    // Rows come back in insertion order on both databases; matching on the values makes that
    // irrelevant (two new customers with the same values are interchangeable).
    const free = new Map<string, number[]>();
    for (const m of made) {
      const k = scalarKey(m);
      if (!free.has(k)) free.set(k, []);
      free.get(k)!.push(m.id);
    }
    for (const w of creates) idOf.set(w, free.get(scalarKey(scalarsOf(w.after)))!.shift()!);
  }
  for (const w of updates) {
    idOf.set(w, w.before!.id);
    // Always written (same values when only children changed), so updatedAt moves.
    await tx.customer.update({ where: { id: w.before!.id }, data: scalarsOf(w.after), select: { id: true } });
  }
  const replaced = (what: keyof Changed) => updates.filter((w) => w.changed![what]).map((w) => w.before!.id);
  const replacing = (what: keyof Changed) => [...creates, ...updates.filter((w) => w.changed![what])];
  const wipe = async (what: keyof Changed, del: (ids: number[]) => Promise<unknown>) => {
    for (const part of parts(replaced(what))) await del(part);
  };
  await wipe("emails", (ids) => tx.customerEmail.deleteMany({ where: { customerId: { in: ids } } }));
  await wipe("phones", (ids) => tx.customerPhone.deleteMany({ where: { customerId: { in: ids } } }));
  await wipe("labels", (ids) => tx.customerLabel.deleteMany({ where: { customerId: { in: ids } } }));
  await wipe("externalIds", (ids) => tx.externalId.deleteMany({ where: { customerId: { in: ids } } }));
  const emailRows = replacing("emails").flatMap((w) =>
    w.after.emails.map((email, position) => ({ customerId: idOf.get(w)!, email, position })),
  );
  if (emailRows.length) await tx.customerEmail.createMany({ data: emailRows });
  const phoneRows = replacing("phones").flatMap((w) =>
    w.after.phones.map((phone, position) => ({ customerId: idOf.get(w)!, phone, position })),
  );
  if (phoneRows.length) await tx.customerPhone.createMany({ data: phoneRows });
  const labelRows = replacing("labels").flatMap((w) =>
    w.after.labels.map((label) => ({ customerId: idOf.get(w)!, label })),
  );
  if (labelRows.length) await tx.customerLabel.createMany({ data: labelRows });
  const idRows = replacing("externalIds").flatMap((w) =>
    w.after.externalIds.map(({ kind, value }) => ({ customerId: idOf.get(w)!, kind, value })),
  );
  if (idRows.length) await tx.externalId.createMany({ data: idRows });

  // 5. Audit: one event per created or changed customer, as the dashboard's edits record them.
  const events: AuditInput[] = writes.map((w) => {
    const id = idOf.get(w)!;
    const after = { ...w.after, id } as unknown as Record<string, unknown>;
    if (!w.before)
      return {
        action: "create",
        entity: "customer",
        entityId: id,
        customerId: id,
        summary: `imported new customer ${nameOf({ ...w.after, id })}`,
        changes: diff(null, after, AUDITED),
      };
    const before = {
      ...w.before,
      labels: sortedLabels(w.before.labels),
      externalIds: sortedIds(w.before.externalIds),
    } as unknown as Record<string, unknown>;
    const changed = diff(before, after, AUDITED);
    return {
      action: "update",
      entity: "customer",
      entityId: id,
      customerId: id,
      summary: `import changed ${Object.keys(changed).join(", ")} of ${nameOf({ ...w.after, id })}`,
      changes: changed,
    };
  });
  await auditMany(tx, events);

  for (const w of writes) {
    if (w.before) result.updated += 1;
    else result.created += 1;
    outcomes.push({ row: w.plan.row.row, status: w.before ? "updated" : "created", customerId: idOf.get(w) });
  }
  return taken;
}
