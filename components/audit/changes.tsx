// The fields an audit event changed, before → after.
const show = (v: unknown) =>
  v === null || v === undefined || v === "" ? "—" : typeof v === "string" ? v : JSON.stringify(v);

export function Changes({ changes }: { changes: Record<string, [unknown, unknown]> }) {
  const entries = Object.entries(changes);
  if (entries.length === 0) return null;
  return (
    <dl className="mt-1 space-y-0.5 text-xs">
      {entries.map(([field, [before, after]]) => (
        <div key={field} className="flex flex-wrap gap-1">
          <dt className="font-medium">{field}:</dt>
          <dd className="break-all text-muted">
            <span className="line-through">{show(before)}</span> → <span className="text-fg">{show(after)}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
