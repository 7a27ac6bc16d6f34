// Customers import and export: one CSV format both ways (the export re-imports unchanged), a
// JSON export, and a bulk upsert in chunks. The file is never held whole: exports page through
// the customers, imports take batches of rows (the CLI streams the file, the page parses it in
// the browser and sends batches).
//   format.ts   the columns, cells ⇄ values, the JSON object
//   export.ts   the streamed export
//   rows.ts     header and rows → validated customer inputs
//   merge.ts    a row over its customer, what changed, the result's shape
//   segment.ts  one run of rows looked up, written and audited together
//   import.ts   chunks, transactions, retries
export { BOM, detectCsvSettings, readCsv, type CsvRecord } from "@/lib/customers/csv";
export type { FieldChange } from "@/lib/customers/io/changes";
export * from "@/lib/customers/io/export";
export * from "@/lib/customers/io/format";
export * from "@/lib/customers/io/import";
export {
  addResults,
  emptyResult,
  type ImportOptions,
  type ImportResult,
  type RowOutcome,
  type RowStatus,
} from "@/lib/customers/io/merge";
export * from "@/lib/customers/io/rows";
