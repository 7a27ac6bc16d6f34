// What an import works out per row: the result's shape, the customer a row describes (the file's
// columns over what the customer has), and what changed.
import type { CustomerView } from "@/lib/customers/customers";
import type { ExternalIdKind } from "@/lib/customers/schemas";
import { sortedIds, sortedLabels } from "@/lib/customers/io/format";
import type { ParsedRow, RowError } from "@/lib/customers/io/rows";
import type { FieldChange } from "@/lib/customers/io/changes";

export type RowStatus = "created" | "updated" | "unchanged" | "error";
export type RowOutcome = {
  row: number;
  status: RowStatus;
  customerId?: number;
  /** For an update: each field that changes, old → new, and each that is cleared. */
  changes?: FieldChange[];
};

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

export const AUDITED = [
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
export const nameOf = (c: { uname: string; realname: string; id: number }) => c.uname || c.realname || `#${c.id}`;

export type Shape = Omit<CustomerView, "id" | "createdAt" | "updatedAt">;

/** The customer a row describes: the file's columns over what the customer has. External ids
 *  are replaced per kind the file has a column for; other kinds stay. */
export function merge(existing: Shape | null, row: ParsedRow): Shape {
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
export const idKey = (x: { kind: string; value: string }) => `${x.kind}\u0000${x.value}`;

export type Changed = { scalars: boolean; emails: boolean; phones: boolean; labels: boolean; externalIds: boolean };
export function changes(before: Shape, after: Shape): Changed | null {
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

export const scalarsOf = (s: Shape) => ({
  uname: s.uname,
  realname: s.realname,
  remark: s.remark,
  isVip: s.isVip,
  vipLevel: s.vipLevel,
  customFields: JSON.stringify(s.customFields),
});
export const scalarKey = (s: {
  uname: string;
  realname: string;
  remark: string;
  isVip: boolean;
  vipLevel: string;
  customFields: string;
}) => JSON.stringify([s.uname, s.realname, s.remark, s.isVip, s.vipLevel, s.customFields]);

/** SQLite takes at most 999 bound values per statement: lists for `in` go in parts. */
export const PART = 900;
export function parts<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += PART) out.push(items.slice(i, i + PART));
  return out;
}
