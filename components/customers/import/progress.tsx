// The running and done steps: progress bar, counts, Stop / Import / Import another file, and
// the refused rows.
import { useTranslations } from "next-intl";
import { Button, Notice, cx } from "@/components/ui";
import type { RowError } from "@/lib/customers/io";
import { ErrorList } from "@/components/customers/import/error-list";
import { fmt, type Totals } from "@/components/customers/import/shared";

export function ImportProgress({
  phase,
  dryRun,
  totals,
  total,
  seconds,
  errors,
  errorCount,
  hasMessage,
  onStop,
  onImport,
  onReset,
}: {
  phase: "running" | "done";
  dryRun: boolean;
  totals: Totals;
  total: number;
  seconds: number;
  errors: RowError[];
  errorCount: number;
  hasMessage: boolean;
  onStop: () => void;
  onImport: () => void;
  onReset: () => void;
}) {
  const percent = total ? Math.min(100, Math.floor((totals.rows / total) * 100)) : phase === "done" ? 100 : 0;
  const t = useTranslations("customers");
  const dry = dryRun ? "true" : "false";
  const rows = { rows: fmt(totals.rows), total: fmt(total) };
  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between text-sm">
        <span className="font-medium">{dryRun ? t("import.checking") : t("import.importing")}</span>
        <span className="tabular-nums text-muted">
          {t("import.progress", { ...rows, seconds: seconds.toFixed(1) })}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={dryRun ? t("import.checkProgress") : t("import.importProgress")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t("import.progressValue", { ...rows, percent: String(percent) })}
        className="h-2.5 overflow-hidden rounded-full bg-surface-2"
      >
        <div className="h-full bg-accent transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p
        role="status"
        aria-label={t("import.counts")}
        aria-live="polite"
        className="flex flex-wrap gap-x-4 gap-y-1 text-sm tabular-nums"
      >
        <span>
          <strong>{fmt(totals.created)}</strong> {t("import.created", { dry })}
        </span>
        <span>
          <strong>{fmt(totals.updated)}</strong> {t("import.updated", { dry })}
        </span>
        <span>
          <strong>{fmt(totals.unchanged)}</strong> {t("import.unchanged")}
        </span>
        <span className={cx(totals.failed > 0 && "text-danger")}>
          <strong>{fmt(totals.failed)}</strong> {t("import.refusedCount")}
        </span>
      </p>
      {phase === "running" ? (
        <Button type="button" variant="secondary" onClick={onStop}>
          {t("import.stop")}
        </Button>
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          {phase === "done" && !hasMessage && (
            <Notice tone={totals.failed ? "warn" : "ok"}>
              {t("import.done", {
                verb: t("import.doneVerb", { dry }),
                rows: fmt(totals.rows),
                created: fmt(totals.created),
                createdWord: t("import.created", { dry }),
                updated: fmt(totals.updated),
                updatedWord: t("import.updated", { dry }),
              })}
              {t("gap")}
              {t("import.doneRest", { unchanged: fmt(totals.unchanged), failed: fmt(totals.failed) })}
            </Notice>
          )}
          {dryRun && (
            <Button type="button" onClick={onImport}>
              {t("import.importRows", { count: fmt(total) })}
            </Button>
          )}
          <Button type="button" variant="secondary" onClick={onReset}>
            {t("import.importAnother")}
          </Button>
        </div>
      )}
      {errorCount > 0 && <ErrorList errors={errors} count={errorCount} />}
    </div>
  );
}
