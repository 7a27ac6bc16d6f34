import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { listCustomers, listLabels } from "@/lib/customers/customers";
import { listQuery, type ListQuery } from "@/lib/customers/schemas";
import { Badge, Button, EmptyState, LinkButton, Notice, PageHeader, inputClass } from "@/components/ui";
import { Pagination } from "@/components/ui/pagination";
import { formatDateTime } from "@/lib/datetime";

export const metadata: Metadata = { title: "Customers" };

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
        title="Customers"
        subtitle="Everyone the vendors may ask about: names, contacts, external ids and orders."
        actions={
          <>
            {/* Downloads keep the list's filters and order; plain links, not client navigation. */}
            {(["csv", "json"] as const).map((format) => (
              <a key={format} href={exportHref(query, format)} download className={exportClass}>
                Export {format.toUpperCase()}
              </a>
            ))}
            {canEdit && <LinkButton href="/customers/import">Import</LinkButton>}
            {canEdit && (
              <LinkButton href="/customers/new" variant="primary">
                New customer
              </LinkButton>
            )}
          </>
        }
      />
      {first(raw.deleted) && (
        <div className="mb-4">
          <Notice tone="ok">Customer deleted.</Notice>
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
              Search
            </label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={query.q}
              placeholder="Name, email, phone or external id"
              className={inputClass}
            />
          </div>
          <div>
            <label htmlFor="vip" className="mb-1 block text-xs font-medium text-muted">
              VIP
            </label>
            <select id="vip" name="vip" defaultValue={query.vip} className={inputClass}>
              <option value="">Any</option>
              <option value="yes">VIP only</option>
              <option value="no">Not VIP</option>
            </select>
          </div>
          <div>
            <label htmlFor="label" className="mb-1 block text-xs font-medium text-muted">
              Label
            </label>
            <select id="label" name="label" defaultValue={query.label} className={inputClass}>
              <option value="">Any</option>
              {labels.map((l) => (
                <option key={l.label} value={l.label}>
                  {l.label} ({l.count})
                </option>
              ))}
            </select>
          </div>
          {query.sort !== "updated" && <input type="hidden" name="sort" value={query.sort} />}
          {query.dir !== "desc" && <input type="hidden" name="dir" value={query.dir} />}
          {query.per !== 25 && <input type="hidden" name="per" value={query.per} />}
          <Button type="submit">Search</Button>
          {(query.q || query.vip || query.label) && <LinkButton href="/customers">Clear</LinkButton>}
        </form>
      </search>

      {result.items.length === 0 ? (
        <EmptyState title={query.q || query.vip || query.label ? "No customer matches" : "No customers yet"}>
          {query.q ? (
            <>Nothing matches “{query.q}”. Try part of a name, an email, a phone or an external id.</>
          ) : canEdit ? (
            "Create one, or import them with the CLI."
          ) : null}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-surface">
          <table className="w-full text-sm">
            <thead className="border-b border-line bg-surface-2 text-muted">
              <tr>
                {sortHeader("id", "#")}
                {sortHeader("uname", "Nickname")}
                {sortHeader("realname", "Real name")}
                <th scope="col" className="px-3 py-2 text-left font-medium">
                  Contact
                </th>
                <th scope="col" className="px-3 py-2 text-left font-medium">
                  External ids
                </th>
                <th scope="col" className="px-3 py-2 text-left font-medium">
                  Labels
                </th>
                {sortHeader("updated", "Updated")}
              </tr>
            </thead>
            <tbody>
              {result.items.map((c) => (
                <tr key={c.id} className="border-b border-line last:border-0 hover:bg-surface-2">
                  <td className="px-3 py-2 text-muted tabular-nums">{c.id}</td>
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
                        {x.kind}: <span className="font-mono text-fg">{x.value}</span>
                      </div>
                    ))}
                    {c.externalIds.length > 2 && <div>+{c.externalIds.length - 2} more</div>}
                  </td>
                  <td className="px-3 py-2">
                    <div className="flex flex-wrap gap-1">
                      {c.labels.map((l) => (
                        <Badge key={l}>{l}</Badge>
                      ))}
                    </div>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-xs text-muted">{formatDateTime(c.updatedAt)}</td>
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
        noun="customer"
        hrefFor={(page) => hrefWith(query, { page })}
      />
    </>
  );
}
