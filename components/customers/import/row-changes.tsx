// One row's changes in the preview: each field that will change (old → new) and each that will
// be cleared, so an operator sees before importing exactly what the file does to a customer.
import { useTranslations } from "next-intl";
import type { FieldChange } from "@/lib/customers/io";

const LONGEST = 80;
const short = (v: string) => (v.length > LONGEST ? `${v.slice(0, LONGEST - 1)}…` : v);

export function RowChanges({ row, changes }: { row: number; changes: FieldChange[] }) {
  const t = useTranslations("customers");
  if (!changes.length) return null;
  return (
    <ul aria-label={t("import.changesInRow", { row: String(row) })} className="mt-1 space-y-0.5 text-xs">
      {changes.map((c) => (
        <li key={c.field} className="break-words">
          <span className="font-mono">{c.field}</span>:{" "}
          {c.cleared ? (
            <>
              <span className="font-medium text-danger">{t("import.cleared")}</span>{" "}
              <span className="text-muted">
                {t("import.was", { value: short(c.before) || t("import.emptyValue") })}
              </span>
            </>
          ) : (
            <>
              <span className="text-muted">{short(c.before) || t("import.emptyValue")}</span> → {short(c.after)}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
