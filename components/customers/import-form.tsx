"use client";
// Customers import: the file is read and parsed here, in pieces (File.stream() → TextDecoder →
// papaparse), and sent to the server in batches of at most 2,000 rows, one after the other. The
// next piece is read only when the server has answered, so a 100,000-row file never sits in
// memory, and the page stays responsive between pieces.
import { readCsv, type CsvRecord } from "@/lib/customers/csv";
import { useRef, useState } from "react";
import { Badge, Button, Notice, cx } from "@/components/ui";
import type { ImportAnswer, ImportBatch } from "@/app/(dashboard)/customers/import/actions";
import type { ImportResult, RowError, RowOutcome } from "@/lib/customers/io";

type Rec = CsvRecord;

const BATCH_ROWS = 2000;
/** Characters parsed at a time (a few milliseconds of work). */
const SLICE = 128 * 1024;
/** Server actions take at most 1 MB; stay well under it however long the cells are. */
const BATCH_BYTES = 600_000;
const PREVIEW_ROWS = 200;
const PREVIEW_SHOWN = 10;
const ERRORS_KEPT = 1000;

const fmt = (n: number) => n.toLocaleString("en-US");

/** Records of a CSV file with their row numbers (the shared reader), fed in small slices. */
function readRecords(file: File): AsyncGenerator<Rec[]> {
  return readCsv(slices(file));
}

/** The file's text in slices: browsers hand out pieces of up to a few MB, and parsing one at
 *  once would freeze the page; between slices the page paints and answers clicks. */
async function* slices(file: File): AsyncGenerator<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream("utf-8")).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (let at = 0; at < value.length; at += SLICE) {
        yield value.slice(at, at + SLICE);
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

/** About how many bytes a cell adds to the request (UTF-8, JSON escapes). */
function cellBytes(s: string): number {
  let n = 3;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x20 || c === 0x22 || c === 0x5c ? 2 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
  }
  return n;
}

/** The header, then batches of data records small enough for one server action. */
async function* batchesOf(file: File): AsyncGenerator<{ header: string[] } | { rows: Rec[] }> {
  let header: string[] | undefined;
  let rows: Rec[] = [];
  let bytes = 0;
  for await (const records of readRecords(file)) {
    for (const r of records) {
      if (!header) {
        header = r.cells;
        yield { header };
        continue;
      }
      const size = r.cells.reduce((sum, c) => sum + cellBytes(c), 24);
      if (rows.length && (rows.length >= BATCH_ROWS || bytes + size > BATCH_BYTES)) {
        yield { rows };
        rows = [];
        bytes = 0;
      }
      rows.push(r);
      bytes += size;
    }
  }
  if (rows.length) yield { rows };
}

type Totals = Pick<ImportResult, "rows" | "created" | "updated" | "unchanged" | "failed">;
const zero = (): Totals => ({ rows: 0, created: 0, updated: 0, unchanged: 0, failed: 0 });

type Preview = { header: string[]; total: number; records: Rec[]; result?: ImportResult };
type Phase = "idle" | "reading" | "preview" | "running" | "done";

export function ImportForm({ action }: { action: (batch: ImportBatch) => Promise<ImportAnswer> }) {
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [phase, setPhase] = useState<Phase>("idle");
  const [readCount, setReadCount] = useState(0);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [message, setMessage] = useState<{ tone: "danger" | "ok" | "warn"; text: string; details?: string[] } | null>(
    null,
  );
  const [dryRun, setDryRun] = useState(false);
  const [totals, setTotals] = useState<Totals>(zero);
  const [errors, setErrors] = useState<RowError[]>([]);
  const [errorCount, setErrorCount] = useState(0);
  const [seconds, setSeconds] = useState(0);
  const stop = useRef(false);

  function clear() {
    setFile(null);
    setPreview(null);
    setPhase("idle");
    setMessage(null);
    setTotals(zero());
    setErrors([]);
    setErrorCount(0);
  }

  /** Back to an empty form (a new file input, so the same file can be chosen again). */
  function reset() {
    clear();
    setInputKey((k) => k + 1);
  }

  const refused = (answer: ImportAnswer) =>
    setMessage({
      tone: "danger",
      text: answer.message ?? "The server refused the file.",
      details: Object.values(answer.fieldErrors ?? {}).flat(),
    });

  /** Reads the whole file once (counting rows, keeping the first ones) and dry-runs those. */
  async function choose(chosen: File | null) {
    clear();
    if (!chosen) return;
    setFile(chosen);
    setPhase("reading");
    let header: string[] | undefined;
    const records: Rec[] = [];
    let total = 0;
    try {
      for await (const item of batchesOf(chosen)) {
        if ("header" in item) header = item.header;
        else {
          total += item.rows.length;
          for (const r of item.rows) if (records.length < PREVIEW_ROWS) records.push(r);
          setReadCount(total);
        }
      }
    } catch (error) {
      setMessage({ tone: "danger", text: `Could not read ${chosen.name}: ${(error as Error).message}` });
      setPhase("idle");
      return;
    }
    if (!header) {
      setMessage({ tone: "danger", text: `${chosen.name} is empty: the first line must name the columns.` });
      setPhase("idle");
      return;
    }
    const next: Preview = { header, total, records };
    setPreview(next);
    if (records.length) {
      try {
        const answer = await action({ header, rows: records, dryRun: true, outcomes: true });
        if (!answer.ok || !answer.result) {
          refused(answer);
          setPhase("idle");
          return;
        }
        next.result = answer.result;
        setPreview({ ...next });
      } catch (error) {
        setMessage({ tone: "danger", text: `The server did not answer: ${(error as Error).message}` });
        setPhase("idle");
        return;
      }
    }
    setPhase("preview");
  }

  /** Sends the file batch by batch, importing (or only checking) every row. */
  async function run(dry: boolean) {
    if (!file || !preview) return;
    stop.current = false;
    setDryRun(dry);
    setPhase("running");
    setMessage(null);
    const sum = zero();
    const kept: RowError[] = [];
    let count = 0;
    const started = performance.now();
    setTotals({ ...sum });
    setErrors([]);
    setErrorCount(0);
    let header: string[] = preview.header;
    try {
      for await (const item of batchesOf(file)) {
        if ("header" in item) {
          header = item.header;
          continue;
        }
        if (stop.current) break;
        const answer = await action({ header, rows: item.rows, dryRun: dry });
        if (!answer.ok || !answer.result) {
          refused(answer);
          break;
        }
        const r = answer.result;
        sum.rows += r.rows;
        sum.created += r.created;
        sum.updated += r.updated;
        sum.unchanged += r.unchanged;
        sum.failed += r.failed;
        count += r.errors.length;
        for (const e of r.errors) if (kept.length < ERRORS_KEPT) kept.push(e);
        setTotals({ ...sum });
        setErrors([...kept]);
        setErrorCount(count);
        setSeconds((performance.now() - started) / 1000);
      }
    } catch (error) {
      setMessage({
        tone: "danger",
        text:
          `The server did not answer (${(error as Error).message}). ` +
          (dry
            ? ""
            : `${fmt(sum.rows)} rows were done; importing the file again is safe: ` +
              "rows already imported come out unchanged."),
      });
    }
    setSeconds((performance.now() - started) / 1000);
    if (stop.current)
      setMessage({ tone: "warn", text: `Stopped after ${fmt(sum.rows)} of ${fmt(preview.total)} rows.` });
    setPhase("done");
  }

  const busy = phase === "reading" || phase === "running";
  const total = preview?.total ?? 0;
  const percent = total ? Math.min(100, Math.floor((totals.rows / total) * 100)) : phase === "done" ? 100 : 0;
  const would = dryRun ? "would be " : "";

  return (
    <section aria-label="Import from a file" className="space-y-4 rounded-lg border border-line bg-surface p-4">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="import-file" className="mb-1 block text-sm font-medium">
            CSV file
          </label>
          <input
            key={inputKey}
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            disabled={busy}
            onChange={(e) => void choose(e.target.files?.[0] ?? null)}
            className={
              "block text-sm file:mr-3 file:rounded-md file:border file:border-line file:bg-surface-2 file:px-3 " +
              "file:py-1.5 file:text-sm file:text-fg"
            }
          />
        </div>
        {phase === "reading" && (
          <p role="status" className="text-sm text-muted">
            Reading {file?.name}… {fmt(readCount)} rows
          </p>
        )}
      </div>

      {message && (
        <Notice tone={message.tone}>
          {message.text}
          {message.details?.length ? (
            <ul className="mt-1 list-disc pl-5">
              {message.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : null}
        </Notice>
      )}

      {preview && phase !== "reading" && <PreviewTable preview={preview} />}

      {phase === "preview" && preview && (
        <div className="flex flex-wrap items-center gap-2">
          <Button type="button" onClick={() => void run(false)} disabled={preview.total === 0}>
            Import {fmt(preview.total)} rows
          </Button>
          {preview.total > PREVIEW_ROWS && (
            <Button type="button" variant="secondary" onClick={() => void run(true)}>
              Check all rows without importing
            </Button>
          )}
          <Button type="button" variant="ghost" onClick={reset}>
            Choose another file
          </Button>
        </div>
      )}

      {(phase === "running" || phase === "done") && preview && (
        <div className="space-y-3">
          <div className="flex items-center justify-between text-sm">
            <span className="font-medium">{dryRun ? "Checking (nothing is written)" : "Importing"}</span>
            <span className="tabular-nums text-muted">
              {fmt(totals.rows)} of {fmt(total)} rows · {seconds.toFixed(1)} s
            </span>
          </div>
          <div
            role="progressbar"
            aria-label={dryRun ? "Check progress" : "Import progress"}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={`${percent}% (${fmt(totals.rows)} of ${fmt(total)} rows)`}
            className="h-2.5 overflow-hidden rounded-full bg-surface-2"
          >
            <div className="h-full bg-accent transition-[width]" style={{ width: `${percent}%` }} />
          </div>
          <p
            role="status"
            aria-label="Counts"
            aria-live="polite"
            className="flex flex-wrap gap-x-4 gap-y-1 text-sm tabular-nums"
          >
            <span>
              <strong>{fmt(totals.created)}</strong> {would}created
            </span>
            <span>
              <strong>{fmt(totals.updated)}</strong> {would}updated
            </span>
            <span>
              <strong>{fmt(totals.unchanged)}</strong> unchanged
            </span>
            <span className={cx(totals.failed > 0 && "text-danger")}>
              <strong>{fmt(totals.failed)}</strong> refused
            </span>
          </p>
          {phase === "running" ? (
            <Button type="button" variant="secondary" onClick={() => (stop.current = true)}>
              Stop
            </Button>
          ) : (
            <div className="flex flex-wrap items-center gap-2">
              {phase === "done" && !message && (
                <Notice tone={totals.failed ? "warn" : "ok"}>
                  {dryRun ? "Checked" : "Imported"} {fmt(totals.rows)} rows: {fmt(totals.created)} {would}created,{" "}
                  {fmt(totals.updated)} {would}updated, {fmt(totals.unchanged)} unchanged, {fmt(totals.failed)} refused.
                </Notice>
              )}
              {dryRun && (
                <Button type="button" onClick={() => void run(false)}>
                  Import {fmt(total)} rows
                </Button>
              )}
              <Button type="button" variant="secondary" onClick={reset}>
                Import another file
              </Button>
            </div>
          )}
          {errorCount > 0 && <ErrorList errors={errors} count={errorCount} />}
        </div>
      )}
    </section>
  );
}

const STATUS: Record<RowOutcome["status"], { label: string; tone: "ok" | "accent" | "neutral" | "danger" }> = {
  created: { label: "new", tone: "ok" },
  updated: { label: "changes", tone: "accent" },
  unchanged: { label: "unchanged", tone: "neutral" },
  error: { label: "error", tone: "danger" },
};

function PreviewTable({ preview }: { preview: Preview }) {
  const { header, records, result, total } = preview;
  const at = (name: string) =>
    header.findIndex(
      (h) =>
        h
          .replace(/^\uFEFF/, "")
          .trim()
          .toLowerCase() === name.toLowerCase(),
    );
  const columns = ["uname", "realname", "emails", "phones"]
    .map((name) => ({ name, index: at(name) }))
    .filter((c) => c.index >= 0);
  const outcomeOf = new Map(result?.outcomes?.map((o) => [o.row, o]) ?? []);
  const errorsOf = new Map<number, RowError[]>();
  for (const e of result?.errors ?? []) errorsOf.set(e.row, [...(errorsOf.get(e.row) ?? []), e]);
  const shown = records.slice(0, PREVIEW_SHOWN);
  // Rows with errors beyond the first few are listed too, so none is missed in the preview.
  const laterErrors = (result?.errors ?? []).filter((e) => !shown.some((r) => r.row === e.row));
  return (
    <div className="space-y-2">
      <p className="text-sm">
        <strong>{fmt(total)}</strong> rows in the file.
        {result && (
          <>
            {" "}
            In the first {fmt(records.length)}: {fmt(result.created)} new, {fmt(result.updated)} with changes,{" "}
            {fmt(result.unchanged)} unchanged,{" "}
            <span className={cx(result.failed > 0 && "font-medium text-danger")}>{fmt(result.failed)} with errors</span>
            .
          </>
        )}
      </p>
      <div className="overflow-x-auto rounded-md border border-line">
        <table className="w-full text-sm" aria-label="Preview of the first rows">
          <thead className="border-b border-line bg-surface-2 text-muted">
            <tr>
              <th scope="col" className="px-3 py-1.5 text-left font-medium">
                Row
              </th>
              {columns.map((c) => (
                <th key={c.name} scope="col" className="px-3 py-1.5 text-left font-medium">
                  {c.name}
                </th>
              ))}
              <th scope="col" className="px-3 py-1.5 text-left font-medium">
                Result
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const outcome = outcomeOf.get(r.row);
              const problems = errorsOf.get(r.row) ?? [];
              return (
                <tr key={r.row} className="border-b border-line align-top last:border-0">
                  <td className="px-3 py-1.5 tabular-nums text-muted">{r.row}</td>
                  {columns.map((c) => (
                    <td key={c.name} className="max-w-56 truncate px-3 py-1.5">
                      {r.cells[c.index]}
                    </td>
                  ))}
                  <td className="px-3 py-1.5">
                    {outcome && <Badge tone={STATUS[outcome.status].tone}>{STATUS[outcome.status].label}</Badge>}
                    {problems.map((e, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a row's problems have no id and never reorder
                      <div key={i} className="mt-1 text-xs text-danger">
                        {e.column}: {e.message}
                      </div>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {laterErrors.length > 0 && (
        <ErrorList errors={laterErrors} count={laterErrors.length} title="More errors in the first rows" />
      )}
    </div>
  );
}

function ErrorList({ errors, count, title = "Rows refused" }: { errors: RowError[]; count: number; title?: string }) {
  const shown = errors.slice(0, 200);
  return (
    <div className="space-y-1">
      <h3 className="text-sm font-semibold">
        {title} ({fmt(count)} {count === 1 ? "error" : "errors"})
      </h3>
      <div className="max-h-80 overflow-auto rounded-md border border-line">
        <table className="w-full text-sm" aria-label={title}>
          <thead className="sticky top-0 border-b border-line bg-surface-2 text-muted">
            <tr>
              <th scope="col" className="px-3 py-1.5 text-left font-medium">
                Row
              </th>
              <th scope="col" className="px-3 py-1.5 text-left font-medium">
                Column
              </th>
              <th scope="col" className="px-3 py-1.5 text-left font-medium">
                Problem
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the problems list has no id and never reorders
              <tr key={i} className="border-b border-line last:border-0">
                <td className="px-3 py-1.5 tabular-nums">{e.row}</td>
                <td className="px-3 py-1.5 font-mono text-xs">{e.column}</td>
                <td className="px-3 py-1.5">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {count > shown.length && <p className="text-xs text-muted">… and {fmt(count - shown.length)} more.</p>}
    </div>
  );
}
