// deskbridge customers import / export: the CSV of the dashboard's import page, streamed.
import fs from "node:fs";
import { once } from "node:events";
import type { Db } from "@/lib/db/client";
import { parse, print, UsageError } from "@/lib/cli/args";
import {
  addResults,
  checkHeader,
  emptyResult,
  EXPORT_FORMATS,
  exportCustomers,
  importCustomers,
  readCsv,
  toImportRows,
  type CsvColumn,
  type CsvRecord,
  type ExportFormat,
  type RowError,
} from "@/lib/customers/io";
import {
  decodeChunks,
  detectEncoding,
  ENCODING_NAMES,
  type FileEncoding,
  UnreadableEncoding,
} from "@/lib/customers/encoding";
import { listQuery } from "@/lib/customers/schemas";
import { validationError } from "@/lib/errors";

const BATCH = 2000;
/** Errors kept for the summary; the counts stay exact beyond it. */
const KEEP_ERRORS = 10_000;

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
/** Peak resident memory of this process so far (maxRSS is in kilobytes). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

function describeError(e: RowError) {
  return `row ${e.row}, ${e.column}: ${e.message}`;
}

async function importFile(db: Db, argv: string[]) {
  const { values, positionals } = parse(argv, { "dry-run": { type: "boolean" } });
  const file = positionals[0];
  if (!file || positionals.length > 1)
    throw new UsageError("customers import takes one FILE (a CSV in the export's format)");
  const dryRun = Boolean(values["dry-run"]);
  const json = Boolean(values.json);
  try {
    if (!fs.statSync(file).isFile()) throw new Error("not a file");
  } catch (error) {
    throw validationError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const size = fs.statSync(file).size;
  const started = Date.now();
  const total = emptyResult();
  let bytesRead = 0;
  const read = () => fs.createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>;
  // UTF-8 or GBK/GB18030 (Excel on Chinese Windows), found by reading the file once; anything
  // else is refused before a row is imported.
  let encoding: FileEncoding;
  try {
    encoding = await detectEncoding(read());
  } catch (error) {
    if (error instanceof UnreadableEncoding) throw validationError(`${file} ${error.message}`);
    throw error;
  }
  // Read as it is consumed (each batch is imported before the next piece is read).
  async function* bytes() {
    for await (const chunk of read()) {
      bytesRead += chunk.length;
      yield chunk;
    }
  }
  const pieces = () => decodeChunks(bytes(), encoding);

  const tty = process.stderr.isTTY;
  let lastLine = 0;
  const progress = (final = false) => {
    const seconds = (Date.now() - started) / 1000;
    const percent = Math.min(100, Math.round((bytesRead / Math.max(1, size)) * 100));
    const line =
      `${dryRun ? "checked" : "imported"} ${total.rows} rows (${percent}%): ${total.created} created, ` +
      `${total.updated} updated, ${total.unchanged} unchanged, ${total.failed} refused · ${seconds.toFixed(1)} s`;
    if (tty) process.stderr.write(`\r${line}\x1b[K${final ? "\n" : ""}`);
    else if (final || total.rows - lastLine >= 10_000) {
      process.stderr.write(`${line}\n`);
      lastLine = total.rows;
    }
  };

  let columns: CsvColumn[] | undefined;
  let batch: CsvRecord[] = [];
  let errorCount = 0;
  const flush = async () => {
    if (!columns || batch.length === 0) return;
    const result = await importCustomers(db, toImportRows(columns, batch), { dryRun });
    batch = [];
    errorCount += result.errors.length;
    addResults(total, result, KEEP_ERRORS);
    progress();
  };
  for await (const records of readCsv(pieces())) {
    for (const record of records) {
      if (!columns) {
        columns = checkHeader(record.cells);
        continue;
      }
      batch.push(record);
      if (batch.length >= BATCH) await flush();
    }
  }
  await flush();
  if (!columns) throw validationError(`${file} is empty: the first line must name the columns.`);
  progress(true);

  const seconds = Math.round((Date.now() - started) / 100) / 10;
  const omitted = errorCount - total.errors.length;
  const summary = {
    file,
    encoding: ENCODING_NAMES[encoding],
    dryRun,
    ...total,
    ...(omitted > 0 ? { errorsOmitted: omitted } : {}),
    seconds,
    peakRssMb: mb(peakRss()),
  };
  print(json, summary, () => {
    const verb = dryRun ? "Checked (dry run, nothing written)" : "Imported";
    const would = dryRun ? "would be " : "";
    const read = encoding === "utf-8" ? "" : ` (${ENCODING_NAMES[encoding]})`;
    return (
      `${verb} ${file}${read}: ${total.rows} rows — ${total.created} ${would}created, ` +
      `${total.updated} ${would}updated, ` +
      `${total.unchanged} unchanged, ${total.failed} refused (${seconds} s, peak memory ${summary.peakRssMb} MB)`
    );
  });
  if (!json && total.errors.length) {
    for (const e of total.errors.slice(0, 20)) process.stderr.write(`  ${describeError(e)}\n`);
    if (errorCount > 20)
      process.stderr.write(
        `  … and ${errorCount - 20} more ` +
          `(--json lists ${total.errors.length < errorCount ? `the first ${KEEP_ERRORS}` : "them"})\n`,
      );
  }
  // Some rows were refused: the rest went in, but a script should notice.
  if (total.failed > 0) process.exitCode = 1;
}

async function exportFile(db: Db, argv: string[]) {
  const { values } = parse(argv, {
    format: { type: "string" },
    search: { type: "string" },
    vip: { type: "string" },
    label: { type: "string" },
  });
  const format = ((values.format as string) ?? "csv") as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(", ")}`);
  if (values.vip !== undefined && !["yes", "no"].includes(values.vip as string))
    throw new UsageError("--vip must be yes or no");
  const query = {
    ...listQuery.parse({}),
    q: (values.search as string) ?? "",
    vip: ((values.vip as string) ?? "") as "yes" | "no" | "",
    label: (values.label as string) ?? "",
    sort: "id" as const,
    dir: "asc" as const,
  };
  for await (const piece of exportCustomers(db, query, format)) {
    if (!process.stdout.write(piece)) await once(process.stdout, "drain");
  }
}

export const customersIoCommands = {
  "customers import": importFile,
  "customers export": exportFile,
};
