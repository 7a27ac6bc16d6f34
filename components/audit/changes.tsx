// The fields an audit event changed, one row each: before → after, or what a list gained and lost.
import { useTranslations } from "next-intl";
import { fieldChanges } from "@/lib/audit/fields";

const show = (v: unknown) =>
  v === null || v === undefined || v === "" ? "—" : typeof v === "string" ? v : JSON.stringify(v);

export function Changes({ changes }: { changes: Record<string, [unknown, unknown]> }) {
  const t = useTranslations("audit");
  const rows = fieldChanges(changes);
  if (rows.length === 0) return null;
  return (
    <table className="mt-1 w-full table-fixed text-xs" aria-label={t("changes")}>
      <thead className="sr-only">
        <tr>
          <th scope="col">{t("field")}</th>
          <th scope="col">{t("before")}</th>
          <th scope="col">{t("after")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.field} className="align-top">
            <th scope="row" className="w-1/4 break-words py-0.5 pr-2 text-left font-medium">
              {/* A field's name is data (customFields.city), not a label to translate. */}
              <span data-value>{row.field}</span>
            </th>
            {row.added || row.removed ? (
              <td colSpan={2} className="break-all py-0.5">
                {row.removed?.length ? (
                  <span className="text-muted">
                    {t("removed")} <span className="line-through">{row.removed.map(show).join(", ")}</span>
                  </span>
                ) : null}
                {row.removed?.length && row.added?.length ? "; " : null}
                {row.added?.length ? (
                  <span>
                    {t("added")} {row.added.map(show).join(", ")}
                  </span>
                ) : null}
                {!row.removed?.length && !row.added?.length ? (
                  <span className="text-muted">{t("reordered")}</span>
                ) : null}
              </td>
            ) : (
              <>
                <td className="break-all py-0.5 pr-2 text-muted">
                  <span className={row.before === null ? "" : "line-through"}>{show(row.before)}</span>
                </td>
                <td className="break-all py-0.5">→ {show(row.after)}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
