import Link from "next/link";
import { useTranslations } from "next-intl";
import { cx } from "@/components/ui";

/**
 * Page links that keep every other URL parameter. `noun` is what is counted, singular, in the
 * page's language ("customer": English adds the s; Chinese counts it as it is). `atLeast`: the
 * list was not counted to its end, `total` (and `pages`) are what is known so far.
 */
export function Pagination({
  page,
  pages,
  total,
  atLeast = false,
  hrefFor,
  noun,
}: {
  page: number;
  pages: number;
  total: number;
  atLeast?: boolean;
  hrefFor: (page: number) => string;
  noun: string;
}) {
  const t = useTranslations("common");
  const window = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  const link = "rounded-md border border-line px-2.5 py-1 text-sm hover:bg-surface-2";
  return (
    <nav aria-label={t("pagination")} className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-muted">
        {atLeast
          ? t("pageSummaryAtLeast", { count: total.toLocaleString("en"), noun, page: String(page) })
          : t("pageSummary", {
              count: total.toLocaleString("en"),
              total,
              noun,
              page: String(page),
              pages: String(pages),
            })}
      </p>
      <div className="flex items-center gap-1">
        {page > 1 ? (
          <Link className={link} href={hrefFor(page - 1)} rel="prev">
            {t("previous")}
          </Link>
        ) : (
          <span className={cx(link, "pointer-events-none opacity-50")}>{t("previous")}</span>
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
            {t("next")}
          </Link>
        ) : (
          <span className={cx(link, "pointer-events-none opacity-50")}>{t("next")}</span>
        )}
      </div>
    </nav>
  );
}
