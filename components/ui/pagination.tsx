import Link from "next/link";
import { cx } from "@/components/ui";

/** Page links that keep every other URL parameter. */
export function Pagination({
  page,
  pages,
  total,
  hrefFor,
  noun,
}: {
  page: number;
  pages: number;
  total: number;
  hrefFor: (page: number) => string;
  noun: string;
}) {
  const window = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  const link = "rounded-md border border-line px-2.5 py-1 text-sm hover:bg-surface-2";
  return (
    <nav aria-label="Pagination" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-muted">
        {total.toLocaleString("en")} {noun}
        {total === 1 ? "" : "s"} · page {page} of {pages}
      </p>
      <div className="flex items-center gap-1">
        {page > 1 ? (
          <Link className={link} href={hrefFor(page - 1)} rel="prev">
            ← Previous
          </Link>
        ) : (
          <span className={cx(link, "pointer-events-none opacity-50")}>← Previous</span>
        )}
        {window.map((p, i) => (
          <span key={p} className="flex items-center gap-1">
            {i > 0 && p - window[i - 1] > 1 && <span className="px-1 text-muted">…</span>}
            <Link
              className={cx(link, p === page && "border-accent bg-accent-soft font-medium text-accent")}
              href={hrefFor(p)}
              aria-current={p === page ? "page" : undefined}
            >
              {p}
            </Link>
          </span>
        ))}
        {page < pages ? (
          <Link className={link} href={hrefFor(page + 1)} rel="next">
            Next →
          </Link>
        ) : (
          <span className={cx(link, "pointer-events-none opacity-50")}>Next →</span>
        )}
      </div>
    </nav>
  );
}
