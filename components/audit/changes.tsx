// The fields an audit event changed, one row each: before → after, or what a list gained and lost.
import { fieldChanges } from "@/lib/audit/fields";

const show = (v: unknown) =>
  v === null || v === undefined || v === "" ? "—" : typeof v === "string" ? v : JSON.stringify(v);

export function Changes({ changes }: { changes: Record<string, [unknown, unknown]> }) {
  const rows = fieldChanges(changes);
  if (rows.length === 0) return null;
  return (
    <table className="mt-1 w-full table-fixed text-xs" aria-label="Changes">
      <thead className="sr-only">
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.field} className="align-top">
            <th scope="row" className="w-1/4 break-words py-0.5 pr-2 text-left font-medium">
              {row.field}
            </th>
            {row.added || row.removed ? (
              <td colSpan={2} className="break-all py-0.5">
                {row.removed?.length ? (
                  <span className="text-muted">
                    removed <span className="line-through">{row.removed.map(show).join(", ")}</span>
                  </span>
                ) : null}
                {row.removed?.length && row.added?.length ? "; " : null}
                {row.added?.length ? <span>added {row.added.map(show).join(", ")}</span> : null}
                {!row.removed?.length && !row.added?.length ? <span className="text-muted">reordered</span> : null}
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
