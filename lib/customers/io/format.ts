// The customers file format, both ways: the CSV columns (the export re-imports unchanged), the
// formula escape Excel needs, one customer as CSV cells and as the JSON export's object.
import Papa from "papaparse";
import { BOM } from "@/lib/customers/csv";
import type { CustomerView } from "@/lib/customers/customers";
import { EXTERNAL_ID_KINDS, type ExternalIdKind } from "@/lib/customers/schemas";

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
export const LIST_SPLIT = /[;,，；\n\r]+/;

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

export const sortedLabels = (labels: string[]) => [...labels].sort();
export const sortedIds = (ids: { kind: string; value: string }[]) =>
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
export const csvLines = (records: string[][]) =>
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
