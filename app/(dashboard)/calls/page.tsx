import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { callQuery, listCalls, type CallQuery } from "@/lib/calls/query";
import { integrationNames } from "@/lib/integrations/lookup";
import { OUTCOME_LABELS, OUTCOMES, outcomeTone } from "@/lib/calls/outcomes";
import { VENDORS } from "@/lib/integrations/kinds";
import { Badge, Button, EmptyState, LinkButton, PageHeader, inputClass } from "@/components/ui";
import { LiveTail } from "@/components/calls/live-tail";
import { formatDateTime, formatDateTimeInput } from "@/lib/datetime";

export const metadata: Metadata = { title: "Calls" };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const toInput = (d?: Date) => (d ? formatDateTimeInput(d) : "");

const QUICK_RANGES = [
  ["1h", "1 h"],
  ["24h", "24 h"],
  ["7d", "7 d"],
] as const;

function hrefWith(raw: Record<string, string>, changes: Record<string, string | undefined>) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...raw, ...changes })) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `/calls?${s}` : "/calls";
}

export default async function CallsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePageUser("viewer");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, first(v) ?? ""])) as Record<
    string,
    string
  >;
  const query: CallQuery = callQuery.parse(raw);
  const client = await db();
  const [page, integrations] = await Promise.all([listCalls(client, query), integrationNames(client)]);
  const live = raw.live === "1" && !query.before && !query.after;
  const filters = { ...raw, before: "", after: "" };

  return (
    <>
      <PageHeader
        title="Calls"
        subtitle="Every call received from or sent to a vendor, newest first, with its verification result."
        actions={
          <>
            <LiveTail active={live} />
            <LinkButton href={hrefWith(filters, { live: live ? undefined : "1" })} aria-pressed={live}>
              {live ? "Stop live tail" : "Live tail"}
            </LinkButton>
          </>
        }
      />
      <search>
        <form
          method="get"
          action="/calls"
          className={
            "mb-4 grid grid-cols-2 gap-3 rounded-lg border border-line bg-surface p-3 " +
            "lg:grid-cols-4 xl:grid-cols-8"
          }
        >
          <div className="col-span-2">
            <label htmlFor="q" className="mb-1 block text-xs font-medium text-muted">
              Text in path or bodies
            </label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={query.q}
              className={inputClass}
              placeholder="e.g. partnerId, 138…"
            />
          </div>
          <div>
            <label htmlFor="vendor" className="mb-1 block text-xs font-medium text-muted">
              Vendor
            </label>
            <select id="vendor" name="vendor" defaultValue={query.vendor} className={inputClass}>
              <option value="">Any</option>
              {VENDORS.map((v) => (
                <option key={v}>{v}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="integration" className="mb-1 block text-xs font-medium text-muted">
              Integration
            </label>
            <select id="integration" name="integration" defaultValue={query.integration} className={inputClass}>
              <option value="">Any</option>
              {integrations.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="outcome" className="mb-1 block text-xs font-medium text-muted">
              Outcome
            </label>
            <select id="outcome" name="outcome" defaultValue={query.outcome} className={inputClass}>
              <option value="">Any</option>
              <option value="failures">All failures</option>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {OUTCOME_LABELS[o]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="partial" className="mb-1 block text-xs font-medium text-muted">
              Left out
            </label>
            <select id="partial" name="partial" defaultValue={query.partial} className={inputClass}>
              <option value="">Any</option>
              <option value="1">Something left out</option>
            </select>
          </div>
          <div>
            <label htmlFor="customer" className="mb-1 block text-xs font-medium text-muted">
              Customer #
            </label>
            <input
              id="customer"
              name="customer"
              inputMode="numeric"
              defaultValue={query.customer ?? ""}
              className={inputClass}
            />
          </div>
          <div>
            <label htmlFor="from" className="mb-1 block text-xs font-medium text-muted">
              From
            </label>
            <input
              id="from"
              name="from"
              type="datetime-local"
              defaultValue={toInput(query.from)}
              className={inputClass}
            />
          </div>
          <div>
            <label htmlFor="to" className="mb-1 block text-xs font-medium text-muted">
              To
            </label>
            <input id="to" name="to" type="datetime-local" defaultValue={toInput(query.to)} className={inputClass} />
          </div>
          {live && <input type="hidden" name="live" value="1" />}
          {query.range && <input type="hidden" name="range" value={query.range} />}
          <div className="col-span-2 flex flex-wrap items-end gap-2 lg:col-span-4 xl:col-span-8">
            <Button type="submit">Filter</Button>
            <LinkButton href="/calls">Clear</LinkButton>
            <span className="ml-auto flex flex-wrap items-center gap-1 text-xs text-muted">
              Last:
              {QUICK_RANGES.map(([value, label]) => (
                <LinkButton
                  key={value}
                  href={hrefWith(filters, { range: query.range === value ? undefined : value, from: "", to: "" })}
                  aria-pressed={query.range === value && !query.from && !query.to}
                  variant={query.range === value && !query.from && !query.to ? "primary" : "secondary"}
                >
                  {label}
                </LinkButton>
              ))}
            </span>
          </div>
        </form>
      </search>

      {page.items.length === 0 ? (
        <EmptyState title="No calls">
          {Object.values(filters).some(Boolean)
            ? "No call matches these filters."
            : "Calls appear here as soon as a vendor calls an integration's URL."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-surface">
          <table className="w-full text-sm">
            <thead className="border-b border-line bg-surface-2 text-left text-muted">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  #
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Time
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Vendor
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Integration
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Outcome
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Latency
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Customer
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Detail
                </th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((c) => (
                <tr key={c.id} className="border-b border-line last:border-0 hover:bg-surface-2">
                  <td className="px-3 py-2 tabular-nums">
                    <Link href={`/calls/${c.id}`} className="text-accent hover:underline">
                      {c.id}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-xs text-muted">
                    {formatDateTime(c.createdAt, { precision: "second" })}
                  </td>
                  <td className="px-3 py-2 text-xs">
                    {c.direction === "out" ? "→ " : ""}
                    {c.vendor}/{c.kind}
                  </td>
                  <td className="px-3 py-2 text-xs">{c.integration?.name ?? <span className="text-muted">—</span>}</td>
                  <td className="px-3 py-2 tabular-nums">{c.status}</td>
                  <td className="px-3 py-2">
                    <Badge tone={outcomeTone(c.outcome)}>
                      {OUTCOME_LABELS[c.outcome as keyof typeof OUTCOME_LABELS] ?? c.outcome}
                    </Badge>
                    {c.partial && (
                      <span className="ml-1">
                        <Badge tone="warn">partial</Badge>
                      </span>
                    )}
                    {c.keyUsed === "previous" && (
                      <span className="ml-1">
                        <Badge tone="warn">old key</Badge>
                      </span>
                    )}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right text-xs tabular-nums">
                    {c.durationMs.toLocaleString("en")} ms
                  </td>
                  <td className="px-3 py-2 text-xs">
                    {c.customer ? (
                      <Link href={`/customers/${c.customer.id}`} className="text-accent hover:underline">
                        {c.customer.uname || c.customer.realname || `#${c.customer.id}`}
                      </Link>
                    ) : (
                      <span className="text-muted">—</span>
                    )}
                  </td>
                  <td className="max-w-md truncate px-3 py-2 text-xs text-muted" title={c.detail}>
                    {c.detail}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pagination" className="mt-4 flex justify-between text-sm">
        {page.newer ? (
          <LinkButton href={hrefWith(filters, { after: String(page.newer) })}>← Newer</LinkButton>
        ) : (
          <span />
        )}
        {page.older ? (
          <LinkButton href={hrefWith(filters, { before: String(page.older), live: undefined })}>Older →</LinkButton>
        ) : (
          <span />
        )}
      </nav>
    </>
  );
}
