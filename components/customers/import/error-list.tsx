// A table of refused rows: row, column, problem (the first 200, and how many more).
import { useTranslations } from "next-intl";
import type { RowError } from "@/lib/customers/io";
import { fmt } from "@/components/customers/import/shared";

export function ErrorList({ errors, count, title }: { errors: RowError[]; count: number; title?: string }) {
  const t = useTranslations("customers");
  const heading = title ?? t("import.refusedRows");
  const shown = errors.slice(0, 200);
  return (
    <div className="space-y-1">
      <h3 className="text-sm font-semibold">
        {t("import.errorHeading", { title: heading, count: fmt(count), n: count })}
      </h3>
      <div className="max-h-80 overflow-auto rounded-md border border-line">
        <table className="w-full text-sm" aria-label={heading}>
          <thead className="sticky top-0 border-b border-line bg-surface-2 text-muted">
            <tr>
              <th scope="col" className="px-3 py-1.5 text-left font-medium">
                {t("import.row")}
              </th>
              <th scope="col" className="px-3 py-1.5 text-left font-medium">
                {t("import.problemColumn")}
              </th>
              <th scope="col" className="px-3 py-1.5 text-left font-medium">
                {t("import.problem")}
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
      {count > shown.length && (
        <p className="text-xs text-muted">{t("import.andMore", { count: fmt(count - shown.length) })}</p>
      )}
    </div>
  );
}
