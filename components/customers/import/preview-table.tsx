// The preview step: the first rows of the file with what a dry run says each would do.
import { useTranslations } from "next-intl";
import { Badge, cx } from "@/components/ui";
import { ENCODING_NAMES } from "@/lib/customers/encoding";
import type { RowError, RowOutcome } from "@/lib/customers/io";
import { ErrorList } from "@/components/customers/import/error-list";
import { RowChanges } from "@/components/customers/import/row-changes";
import { fmt, type Preview } from "@/components/customers/import/shared";

const PREVIEW_SHOWN = 10;

const TONE: Record<RowOutcome["status"], "ok" | "accent" | "neutral" | "danger"> = {
  created: "ok",
  updated: "accent",
  unchanged: "neutral",
  error: "danger",
};

export function PreviewTable({ preview }: { preview: Preview }) {
  const t = useTranslations("customers");
  const { header, records, result, total } = preview;
  const at = (name: string) =>
    header.findIndex(
      (h) =>
        h
          .replace(/^\uFEFF/, "")
          .trim()
          .toLowerCase() === name.toLowerCase(),
    );
  const columns = (["uname", "realname", "emails", "phones"] as const)
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
        {t.rich("import.rowsInFile", { total: fmt(total), strong: (chunks) => <strong>{chunks}</strong> })}
        {preview.encoding !== "utf-8" && (
          <>
            {t("gap")}
            {t("import.readAs", { encoding: ENCODING_NAMES[preview.encoding] })}
          </>
        )}
        {result && (
          <>
            {t("gap")}
            {t("import.inTheFirst", {
              count: fmt(records.length),
              created: fmt(result.created),
              updated: fmt(result.updated),
              unchanged: fmt(result.unchanged),
            })}
            {t("gap")}
            {t.rich("import.withErrors", {
              failed: fmt(result.failed),
              errors: (chunks) => <span className={cx(result.failed > 0 && "font-medium text-danger")}>{chunks}</span>,
            })}
          </>
        )}
      </p>
      <div className="overflow-x-auto rounded-md border border-line">
        <table className="w-full text-sm" aria-label={t("import.preview")}>
          <thead className="border-b border-line bg-surface-2 text-muted">
            <tr>
              <th scope="col" className="px-3 py-1.5 text-left font-medium">
                {t("import.row")}
              </th>
              {columns.map((c) => (
                <th key={c.name} scope="col" className="px-3 py-1.5 text-left font-medium">
                  {t(`import.columns.${c.name}`)}
                </th>
              ))}
              <th scope="col" className="px-3 py-1.5 text-left font-medium">
                {t("import.result")}
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
                    {outcome && <Badge tone={TONE[outcome.status]}>{t(`import.outcomes.${outcome.status}`)}</Badge>}
                    {outcome?.changes && <RowChanges row={r.row} changes={outcome.changes} />}
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
        <ErrorList errors={laterErrors} count={laterErrors.length} title={t("import.moreErrors")} />
      )}
    </div>
  );
}
