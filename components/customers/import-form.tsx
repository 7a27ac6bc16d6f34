"use client";
// Customers import: the file is read and parsed here, in pieces (File.stream() → UTF-8 or
// GBK/GB18030 decoder → papaparse), and sent to the server in batches of at most 2,000 rows, one after the other. The
// next piece is read only when the server has answered, so a 100,000-row file never sits in
// memory, and the page stays responsive between pieces. The steps: choose (reading), preview,
// running, done; each step's view is in components/customers/import/.
import { useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button, Notice } from "@/components/ui";
import type { ImportAnswer, ImportBatch } from "@/app/(dashboard)/customers/import/actions";
import type { RowError } from "@/lib/customers/io";
import { translateMessage } from "@/lib/i18n/domain";
import { batchesOf, fileEncoding } from "@/components/customers/import/read-file";
import { type FileEncoding, UnreadableEncoding } from "@/lib/customers/encoding";
import { PreviewTable } from "@/components/customers/import/preview-table";
import { ImportProgress } from "@/components/customers/import/progress";
import { fmt, PREVIEW_ROWS, zero, type Preview, type Rec, type Totals } from "@/components/customers/import/shared";

const ERRORS_KEPT = 1000;

type Phase = "idle" | "reading" | "preview" | "running" | "done";

export function ImportForm({ action }: { action: (batch: ImportBatch) => Promise<ImportAnswer> }) {
  const t = useTranslations("customers");
  const locale = useLocale();
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
      text: answer.message ?? t("import.refused"),
      details: Object.values(answer.fieldErrors ?? {}).flat(),
    });

  /** Reads the whole file once (counting rows, keeping the first ones) and dry-runs those. */
  async function choose(chosen: File | null) {
    clear();
    if (!chosen) return;
    setFile(chosen);
    setPhase("reading");
    let encoding: FileEncoding;
    try {
      encoding = await fileEncoding(chosen);
    } catch (error) {
      const why = translateMessage(locale, (error as Error).message);
      const text =
        error instanceof UnreadableEncoding
          ? t("import.unreadable", { name: chosen.name, why })
          : t("import.couldNotRead", { name: chosen.name, why });
      setMessage({ tone: "danger", text });
      setPhase("idle");
      return;
    }
    let header: string[] | undefined;
    const records: Rec[] = [];
    let total = 0;
    try {
      for await (const item of batchesOf(chosen, encoding)) {
        if ("header" in item) header = item.header;
        else {
          total += item.rows.length;
          for (const r of item.rows) if (records.length < PREVIEW_ROWS) records.push(r);
          setReadCount(total);
        }
      }
    } catch (error) {
      setMessage({
        tone: "danger",
        text: t("import.couldNotRead", { name: chosen.name, why: (error as Error).message }),
      });
      setPhase("idle");
      return;
    }
    if (!header) {
      setMessage({ tone: "danger", text: t("import.empty", { name: chosen.name }) });
      setPhase("idle");
      return;
    }
    const next: Preview = { header, total, records, encoding };
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
        setMessage({ tone: "danger", text: t("import.noAnswer", { why: (error as Error).message }) });
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
      for await (const item of batchesOf(file, preview.encoding)) {
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
          t("import.noAnswerDuring", { why: (error as Error).message }) +
          (dry ? "" : t("import.doneSoFar", { rows: fmt(sum.rows) })),
      });
    }
    setSeconds((performance.now() - started) / 1000);
    if (stop.current)
      setMessage({ tone: "warn", text: t("import.stopped", { rows: fmt(sum.rows), total: fmt(preview.total) }) });
    setPhase("done");
  }

  const busy = phase === "reading" || phase === "running";
  const total = preview?.total ?? 0;

  return (
    <section aria-label={t("import.form")} className="space-y-4 rounded-lg border border-line bg-surface p-4">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="import-file" className="mb-1 block text-sm font-medium">
            {t("import.csvFile")}
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
            {t("import.reading", { name: file?.name ?? "", count: fmt(readCount) })}
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
            {t("import.importRows", { count: fmt(preview.total) })}
          </Button>
          {preview.total > PREVIEW_ROWS && (
            <Button type="button" variant="secondary" onClick={() => void run(true)}>
              {t("import.checkAll")}
            </Button>
          )}
          <Button type="button" variant="ghost" onClick={reset}>
            {t("import.another")}
          </Button>
        </div>
      )}

      {(phase === "running" || phase === "done") && preview && (
        <ImportProgress
          phase={phase}
          dryRun={dryRun}
          totals={totals}
          total={total}
          seconds={seconds}
          errors={errors}
          errorCount={errorCount}
          hasMessage={Boolean(message)}
          onStop={() => {
            stop.current = true;
          }}
          onImport={() => void run(false)}
          onReset={reset}
        />
      )}
    </section>
  );
}
