import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { callQuery, listCalls, type CallQuery } from "@/lib/calls/query";
import { integrationNames } from "@/lib/integrations/lookup";
import { OUTCOMES, type Outcome, outcomeTone } from "@/lib/calls/outcomes";
import { VENDORS } from "@/lib/integrations/kinds";
import { Badge, Button, EmptyState, LinkButton, PageHeader, inputClass } from "@/components/ui";
import { LiveTail } from "@/components/calls/live-tail";
import { formatDateTime, formatDateTimeInput, parseDateTime } from "@/lib/datetime";
import { translateDetail } from "@/lib/i18n/domain/detail";

export async function generateMetadata() {
  const t = await getTranslations("calls");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const QUICK_RANGES = ["1h", "24h", "7d"] as const;

/** A filter field's "2026-11-30T21:43" is a time in the operator's zone, as the page shows times: it is
 *  passed on as the instant it names; a full ISO time (the timeline's links) keeps its own zone. */
function inZone(text: string, timeZone: string): string {
  const d = text ? parseDateTime(text, { timeZone }) : null;
  return d ? d.toISOString() : text;
}

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
  const [t, timeZone, locale] = await Promise.all([getTranslations("calls"), getTimeZone(), getLocale()]);
  const query: CallQuery = callQuery.parse({
    ...raw,
    from: inZone(raw.from ?? "", timeZone),
    to: inZone(raw.to ?? "", timeZone),
  });
  const toInput = (d?: Date) => (d ? formatDateTimeInput(d, { timeZone }) : "");
  const outcomeText = (o: string) => ((OUTCOMES as readonly string[]).includes(o) ? t(`outcomes.${o as Outcome}`) : o);
  const client = await db();
  const [page, integrations] = await Promise.all([listCalls(client, query), integrationNames(client)]);
  // Stored in English (the CLI and the API read it so); shown in the user's language.
  const detailOf = new Map(page.items.map((c) => [c.id, translateDetail(locale, c.detail)]));
  const live = raw.live === "1" && !query.before && !query.after;
  const filters = { ...raw, before: "", after: "" };

  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("list.subtitle")}
        actions={
          <>
            <LiveTail active={live} label={t("list.live")} />
            <LinkButton href={hrefWith(filters, { live: live ? undefined : "1" })} aria-pressed={live}>
              {live ? t("list.stopLiveTail") : t("list.liveTail")}
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
              {t("list.q")}
            </label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={query.q}
              className={inputClass}
              placeholder={t("list.qPlaceholder")}
            />
          </div>
          <div>
            <label htmlFor="vendor" className="mb-1 block text-xs font-medium text-muted">
              {t("list.vendor")}
            </label>
            <select id="vendor" name="vendor" defaultValue={query.vendor} className={inputClass}>
              <option value="">{t("list.any")}</option>
              {VENDORS.map((v) => (
                <option key={v}>{v}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="integration" className="mb-1 block text-xs font-medium text-muted">
              {t("list.integration")}
            </label>
            <select id="integration" name="integration" defaultValue={query.integration} className={inputClass}>
              <option value="">{t("list.any")}</option>
              {integrations.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="outcome" className="mb-1 block text-xs font-medium text-muted">
              {t("list.outcome")}
            </label>
            <select id="outcome" name="outcome" defaultValue={query.outcome} className={inputClass}>
              <option value="">{t("list.any")}</option>
              <option value="failures">{t("list.allFailures")}</option>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`outcomes.${o}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="partial" className="mb-1 block text-xs font-medium text-muted">
              {t("list.leftOut")}
            </label>
            <select id="partial" name="partial" defaultValue={query.partial} className={inputClass}>
              <option value="">{t("list.any")}</option>
              <option value="1">{t("list.somethingLeftOut")}</option>
            </select>
          </div>
          <div>
            <label htmlFor="customer" className="mb-1 block text-xs font-medium text-muted">
              {t("list.customer")}
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
              {t("list.from")}
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
              {t("list.to")}
            </label>
            <input id="to" name="to" type="datetime-local" defaultValue={toInput(query.to)} className={inputClass} />
          </div>
          {live && <input type="hidden" name="live" value="1" />}
          {query.range && <input type="hidden" name="range" value={query.range} />}
          <div className="col-span-2 flex flex-wrap items-end gap-2 lg:col-span-4 xl:col-span-8">
            <Button type="submit">{t("list.filter")}</Button>
            <LinkButton href="/calls">{t("list.clear")}</LinkButton>
            <span className="ml-auto flex flex-wrap items-center gap-1 text-xs text-muted">
              {t("list.last")}
              {QUICK_RANGES.map((value) => (
                <LinkButton
                  key={value}
                  href={hrefWith(filters, { range: query.range === value ? undefined : value, from: "", to: "" })}
                  aria-pressed={query.range === value && !query.from && !query.to}
                  variant={query.range === value && !query.from && !query.to ? "primary" : "secondary"}
                >
                  {t("list.range", { range: value })}
                </LinkButton>
              ))}
            </span>
          </div>
        </form>
      </search>

      {page.items.length === 0 ? (
        <EmptyState title={t("list.noCalls")}>
          {Object.values(filters).some(Boolean) ? t("list.noMatch") : t("list.empty")}
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
                  {t("list.time")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("list.vendor")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("list.integration")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("list.status")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("list.outcome")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("list.latency")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("call.customer")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("list.detail")}
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
                    {formatDateTime(c.createdAt, { precision: "second", timeZone })}
                  </td>
                  <td className="px-3 py-2 text-xs">
                    {c.direction === "out" ? "→ " : ""}
                    {c.vendor}/{c.kind}
                  </td>
                  <td className="px-3 py-2 text-xs">{c.integration?.name ?? <span className="text-muted">—</span>}</td>
                  <td className="px-3 py-2 tabular-nums">{c.status}</td>
                  <td className="px-3 py-2">
                    <Badge tone={outcomeTone(c.outcome)}>{outcomeText(c.outcome)}</Badge>
                    {c.partial && (
                      <span className="ml-1">
                        <Badge tone="warn">{t("list.partial")}</Badge>
                      </span>
                    )}
                    {c.keyUsed === "previous" && (
                      <span className="ml-1">
                        <Badge tone="warn">{t("list.oldKey")}</Badge>
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
                  <td className="max-w-md truncate px-3 py-2 text-xs text-muted" title={detailOf.get(c.id)}>
                    {detailOf.get(c.id)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("list.pagination")} className="mt-4 flex justify-between text-sm">
        {page.newer ? (
          <LinkButton href={hrefWith(filters, { after: String(page.newer) })}>{t("list.newer")}</LinkButton>
        ) : (
          <span />
        )}
        {page.older ? (
          <LinkButton href={hrefWith(filters, { before: String(page.older), live: undefined })}>
            {t("list.older")}
          </LinkButton>
        ) : (
          <span />
        )}
      </nav>
    </>
  );
}
