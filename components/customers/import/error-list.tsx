// A table of refused rows: row, column, problem (the first 200, and how many more).
import type { RowError } from "@/lib/customers/io";
import { fmt } from "@/components/customers/import/shared";

export function ErrorList({
  errors,
  count,
  title = "Rows refused",
}: {
  errors: RowError[];
  count: number;
  title?: string;
}) {
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
