import Link from "next/link";
import { getTimeZone, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { listCustomers, listLabels } from "@/lib/customers/customers";
import { listQuery, type ListQuery } from "@/lib/customers/schemas";
import { Badge, Button, EmptyState, LinkButton, Notice, PageHeader, inputClass } from "@/components/ui";
import { Pagination } from "@/components/ui/pagination";
import { formatDateTime } from "@/lib/datetime";
import { isExternalIdKind } from "@/components/customers/labels";

export async function generateMetadata() {
  const t = await getTranslations("customers");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;

function hrefWith(query: ListQuery, changes: Partial<ListQuery>): string {
  const merged = { ...query, ...changes };
  const defaults: Record<string, string> = {
    q: "",
    sort: "updated",
    dir: "desc",
    vip: "",
    label: "",
    page: "1",
    per: "25",
  };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) if (String(v) !== defaults[k]) params.set(k, String(v));
  const s = params.toString();
  return s ? `/customers?${s}` : "/customers";
}

function exportHref(query: ListQuery, format: "csv" | "json"): string {
  const params = new URLSearchParams({ format });
  for (const k of ["q", "vip", "label", "sort", "dir"] as const) if (query[k]) params.set(k, query[k]);
  return `/api/customers/export?${params}`;
}
const exportClass =
  "inline-flex items-center justify-center rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium " +
  "text-fg transition hover:bg-surface-2";

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePageUser("viewer");
  const raw = await searchParams;
  const query = listQuery.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, first(v)])));
  const client = await db();
  const [result, labels] = await Promise.all([listCustomers(client, query), listLabels(client)]);
  const canEdit = hasRole(user.role, "operator");
  const [t, timeZone] = await Promise.all([getTranslations("customers"), getTimeZone()]);

  const sortHeader = (key: ListQuery["sort"], label: string) => {
    const active = query.sort === key;
    const dir = active && query.dir === "asc" ? "desc" : "asc";
    return (
      <th
        scope="col"
        className="px-3 py-2 text-left font-medium"
        aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}
      >
        <Link
          href={hrefWith(query, {
            sort: key,
            dir: active ? dir : key === "updated" || key === "created" ? "desc" : "asc",
            page: 1,
          })}
          className="hover:text-accent"
        >
          {label} {active ? (query.dir === "asc" ? "↑" : "↓") : ""}
        </Link>
      </th>
    );
  };

  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("list.subtitle")}
        actions={
          <>
            {/* Downloads keep the list's filters and order; plain links, not client navigation. */}
            {(["csv", "json"] as const).map((format) => (
              <a key={format} href={exportHref(query, format)} download className={exportClass}>
                {t("list.export", { format: format.toUpperCase() })}
              </a>
            ))}
            {canEdit && <LinkButton href="/customers/import">{t("list.import")}</LinkButton>}
            {canEdit && (
              <LinkButton href="/customers/new" variant="primary">
                {t("list.new")}
              </LinkButton>
            )}
          </>
        }
      />
      {first(raw.deleted) && (
        <div className="mb-4">
          <Notice tone="ok">{t("list.deleted")}</Notice>
        </div>
      )}
      <search>
        <form
          method="get"
          action="/customers"
          className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-line bg-surface p-3"
        >
          <div className="min-w-64 flex-1">
            <label htmlFor="q" className="mb-1 block text-xs font-medium text-muted">
              {t("list.search")}
            </label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={query.q}
              placeholder={t("list.searchPlaceholder")}
              className={inputClass}
            />
          </div>
          <div>
            <label htmlFor="vip" className="mb-1 block text-xs font-medium text-muted">
              {t("list.vip")}
            </label>
            <select id="vip" name="vip" defaultValue={query.vip} className={inputClass}>
              <option value="">{t("list.any")}</option>
              <option value="yes">{t("list.vipOnly")}</option>
              <option value="no">{t("list.notVip")}</option>
            </select>
          </div>
          <div>
            <label htmlFor="label" className="mb-1 block text-xs font-medium text-muted">
              {t("list.label")}
            </label>
            <select id="label" name="label" defaultValue={query.label} className={inputClass}>
              <option value="">{t("list.any")}</option>
              {labels.map((l) => (
                <option key={l.label} value={l.label}>
                  {`${l.label} (${l.count.toLocaleString("en")}${l.atLeast ? "+" : ""})`}
                </option>
              ))}
            </select>
          </div>
          {query.sort !== "updated" && <input type="hidden" name="sort" value={query.sort} />}
          {query.dir !== "desc" && <input type="hidden" name="dir" value={query.dir} />}
          {query.per !== 25 && <input type="hidden" name="per" value={query.per} />}
          <Button type="submit">{t("list.search")}</Button>
          {(query.q || query.vip || query.label) && <LinkButton href="/customers">{t("list.clear")}</LinkButton>}
        </form>
      </search>

      {result.items.length === 0 ? (
        <EmptyState title={query.q || query.vip || query.label ? t("list.noMatch") : t("list.noneYet")}>
          {query.q ? t("list.nothingMatches", { q: query.q }) : canEdit ? t("list.createOrImport") : null}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-surface">
          <table className="w-full text-sm">
            <thead className="border-b border-line bg-surface-2 text-muted">
              <tr>
                {sortHeader("id", "#")}
                {sortHeader("uname", t("list.nickname"))}
                {sortHeader("realname", t("list.realName"))}
                <th scope="col" className="px-3 py-2 text-left font-medium">
                  {t("list.contact")}
                </th>
                <th scope="col" className="px-3 py-2 text-left font-medium">
                  {t("list.externalIds")}
                </th>
                <th scope="col" className="px-3 py-2 text-left font-medium">
                  {t("list.labels")}
                </th>
                {sortHeader("updated", t("list.updated"))}
              </tr>
            </thead>
            <tbody>
              {result.items.map((c) => (
                <tr key={c.id} className="border-b border-line last:border-0 hover:bg-surface-2">
                  <td className="whitespace-nowrap px-3 py-2 text-muted tabular-nums">{c.id}</td>
                  <td className="px-3 py-2">
                    <Link href={`/customers/${c.id}`} className="font-medium text-accent hover:underline">
                      {c.uname || "—"}
                    </Link>
                    {c.isVip && (
                      <span className="ml-2">
                        <Badge tone="warn">VIP{c.vipLevel ? ` · ${c.vipLevel}` : ""}</Badge>
                      </span>
                    )}
                  </td>
                  <td className="px-3 py-2">{c.realname}</td>
                  <td className="px-3 py-2 text-xs">
                    <div>
                      {c.emails[0]}
                      {c.emails.length > 1 && <span className="text-muted"> +{c.emails.length - 1}</span>}
                    </div>
                    <div className="text-muted">
                      {c.phones[0]}
                      {c.phones.length > 1 && ` +${c.phones.length - 1}`}
                    </div>
                  </td>
                  <td className="px-3 py-2 text-xs text-muted">
                    {c.externalIds.slice(0, 2).map((x) => (
                      <div key={`${x.kind}:${x.value}`} className="truncate">
                        {isExternalIdKind(x.kind) ? t(`kinds.${x.kind}`) : x.kind}:{" "}
                        <span className="font-mono text-fg">{x.value}</span>
                      </div>
                    ))}
                    {c.externalIds.length > 2 && <div>{t("list.more", { count: c.externalIds.length - 2 })}</div>}
                  </td>
                  <td className="px-3 py-2">
                    <div className="flex flex-wrap gap-1">
                      {c.labels.map((l) => (
                        <Badge key={l}>{l}</Badge>
                      ))}
                    </div>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-xs text-muted">
                    {formatDateTime(c.updatedAt, { timeZone })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={result.page}
        pages={result.pages}
        total={result.total}
        atLeast={result.atLeast}
        noun={t("list.noun")}
        hrefFor={(page) => hrefWith(query, { page })}
      />
    </>
  );
}
