// What the import form's steps share: the record and preview shapes, running totals, numbers.
import type { CsvRecord } from "@/lib/customers/csv";
import type { FileEncoding } from "@/lib/customers/encoding";
import type { ImportResult } from "@/lib/customers/io";

export type Rec = CsvRecord;

export const PREVIEW_ROWS = 200;

export const fmt = (n: number) => n.toLocaleString("en-US");

export type Totals = Pick<ImportResult, "rows" | "created" | "updated" | "unchanged" | "failed">;
export const zero = (): Totals => ({ rows: 0, created: 0, updated: 0, unchanged: 0, failed: 0 });

export type Preview = {
  header: string[];
  total: number;
  records: Rec[];
  encoding: FileEncoding;
  result?: ImportResult;
};
