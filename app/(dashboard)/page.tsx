import Link from "next/link";
import { useTimeZone, useTranslations } from "next-intl";
import { getTimeZone, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/datetime";
import { readOverview, type IntegrationHealth, type Window } from "@/lib/calls/overview";
import { OUTCOMES, type Outcome, outcomeTone } from "@/lib/calls/outcomes";
import { Badge, Card, EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { CallChart } from "@/components/overview/call-chart";

export async function generateMetadata() {
  const t = await getTranslations("overview");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

const percent = (rate: number) => `${(rate * 100).toFixed(rate > 0 && rate < 0.1 ? 1 : 0)}%`;

const p95 = (w: Window) => (w.p95 ? `${w.p95.over ? ">" : "≤"} ${w.p95.ms.toLocaleString("en")} ms` : "—");

/** Volume, error rate and p95 over 24 h and 7 days, one row each. */
function Stats({ day, week }: { day: Window; week: Window }) {
  const t = useTranslations("overview");
  const rows: [string, (w: Window) => string, (w: Window) => boolean][] = [
    [t("calls"), (w) => w.calls.toLocaleString("en"), () => false],
    [t("failed"), (w) => percent(w.errorRate), (w) => w.failures > 0],
    [t("p95"), p95, () => false],
  ];
  return (
    <table className="mt-3 w-full text-sm">
      <thead className="text-left text-xs text-muted">
        <tr>
          <td />
          <th scope="col" className="py-1 text-right font-medium">
            {t("day")}
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            {t("week")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, show, bad]) => (
          <tr key={label} className="border-t border-line">
            <th scope="row" className="py-1 text-left text-xs font-medium text-muted">
              {label}
            </th>
            {(
              [
                ["day", day],
                ["week", week],
              ] as const
            ).map(([period, w]) => (
              <td key={period} className={`py-1 text-right tabular-nums ${bad(w) ? "font-medium text-danger" : ""}`}>
                {show(w)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function IntegrationCard({ health }: { health: IntegrationHealth }) {
  const t = useTranslations("overview");
  const tc = useTranslations("calls");
  const timeZone = useTimeZone();
  // The outcomes' names are the Calls pages' own.
  const outcomeLabel = (o: string) =>
    (OUTCOMES as readonly string[]).includes(o) ? tc(`outcomes.${o as Outcome}`) : o;
  const calls = `/calls?integration=${encodeURIComponent(health.id)}`;
  const failing = health.day.failures > 0;
  return (
    <article
      aria-label={t("integration", { name: health.name })}
      className={`min-w-0 rounded-lg border bg-surface p-4 ${failing ? "border-danger" : "border-line"}`}
    >
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 className="truncate font-semibold">
            <Link href={calls} className="hover:text-accent" data-value>
              {health.name}
            </Link>
          </h2>
          <p className="text-xs text-muted">
            {health.vendor}
            {!health.enabled && t("disabled")}
          </p>
        </div>
        {failing ? (
          <Badge tone="danger">{t("failing")}</Badge>
        ) : health.day.calls ? (
          <Badge tone="ok">{t("healthy")}</Badge>
        ) : null}
      </header>
      <Stats day={health.day} week={health.week} />
      <p className="mt-3 text-xs text-muted">
        {t("lastCall")}{" "}
        {health.lastCall ? (
          <>
            <Link href={`/calls/${health.lastCall.id}`} className="text-accent hover:underline">
              {formatDateTime(health.lastCall.createdAt, { precision: "second", timeZone })}
            </Link>{" "}
            <Badge tone={outcomeTone(health.lastCall.outcome)}>{outcomeLabel(health.lastCall.outcome)}</Badge>
          </>
        ) : (
          t("never")
        )}
      </p>
      <div className="mt-3">
        <CallChart bars={health.bars} label={t("lastWeek", { name: health.name })} />
      </div>
      <p className="mt-3 flex flex-wrap gap-2">
        <LinkButton href={calls}>{t("calls")}</LinkButton>
        {failing && (
          <LinkButton href={`${calls}&outcome=failures&range=24h`} variant="danger">
            {t("failures24h")}
          </LinkButton>
        )}
      </p>
    </article>
  );
}

export default async function OverviewPage() {
  await requirePageUser("viewer");
  const [overview, t, timeZone] = await Promise.all([
    readOverview(await db()),
    getTranslations("overview"),
    getTimeZone(),
  ]);
  const all = overview.hourly.reduce((n, b) => n + b.calls, 0);
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle", { zone: timeZone })} />
      <Card title={t("allCalls")} className="mb-5">
        <CallChart bars={overview.hourly} label={t("allIntegrations")} height={60} />
        {overview.unmatched.calls > 0 && (
          <p className="mt-2 text-xs text-muted">
            {t.rich("unmatched", {
              all: all.toLocaleString("en"),
              unmatched: overview.unmatched.calls.toLocaleString("en"),
              link: (chunks) => (
                <Link href="/calls?outcome=unknown_integration&range=24h" className="text-accent hover:underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        )}
      </Card>
      {overview.integrations.length === 0 ? (
        <EmptyState title={t("none")}>
          {t.rich("noneHint", { link: (chunks) => <Link href="/integrations">{chunks}</Link> })}
        </EmptyState>
      ) : (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2 2xl:grid-cols-3">
          {overview.integrations.map((health) => (
            <IntegrationCard key={health.id} health={health} />
          ))}
        </div>
      )}
    </>
  );
}
