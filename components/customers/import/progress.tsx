// The running and done steps: progress bar, counts, Stop / Import / Import another file, and
// the refused rows.
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
  const would = dryRun ? "would be " : "";
  return (
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
        <Button type="button" variant="secondary" onClick={onStop}>
          Stop
        </Button>
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          {phase === "done" && !hasMessage && (
            <Notice tone={totals.failed ? "warn" : "ok"}>
              {dryRun ? "Checked" : "Imported"} {fmt(totals.rows)} rows: {fmt(totals.created)} {would}created,{" "}
              {fmt(totals.updated)} {would}updated, {fmt(totals.unchanged)} unchanged, {fmt(totals.failed)} refused.
            </Notice>
          )}
          {dryRun && (
            <Button type="button" onClick={onImport}>
              Import {fmt(total)} rows
            </Button>
          )}
          <Button type="button" variant="secondary" onClick={onReset}>
            Import another file
          </Button>
        </div>
      )}
      {errorCount > 0 && <ErrorList errors={errors} count={errorCount} />}
    </div>
  );
}
