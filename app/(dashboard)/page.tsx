import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/datetime";
import { readOverview, type IntegrationHealth, type Window } from "@/lib/calls/overview";
import { OUTCOME_LABELS, outcomeTone } from "@/lib/calls/outcomes";
import { Badge, Card, EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { CallChart } from "@/components/overview/call-chart";

export const metadata: Metadata = { title: "Overview" };
export const dynamic = "force-dynamic";

const percent = (rate: number) => `${(rate * 100).toFixed(rate > 0 && rate < 0.1 ? 1 : 0)}%`;

const p95 = (w: Window) => (w.p95 ? `${w.p95.over ? ">" : "≤"} ${w.p95.ms.toLocaleString("en")} ms` : "—");

/** Volume, error rate and p95 over 24 h and 7 days, one row each. */
function Stats({ day, week }: { day: Window; week: Window }) {
  const rows: [string, (w: Window) => string, (w: Window) => boolean][] = [
    ["Calls", (w) => w.calls.toLocaleString("en"), () => false],
    ["Failed", (w) => percent(w.errorRate), (w) => w.failures > 0],
    ["p95 latency", p95, () => false],
  ];
  return (
    <table className="mt-3 w-full text-sm">
      <thead className="text-left text-xs text-muted">
        <tr>
          <td />
          <th scope="col" className="py-1 text-right font-medium">
            24 h
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            7 days
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
  const calls = `/calls?integration=${encodeURIComponent(health.id)}`;
  const failing = health.day.failures > 0;
  return (
    <article
      aria-label={`Integration ${health.name}`}
      className={`min-w-0 rounded-lg border bg-surface p-4 ${failing ? "border-danger" : "border-line"}`}
    >
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 className="truncate font-semibold">
            <Link href={calls} className="hover:text-accent">
              {health.name}
            </Link>
          </h2>
          <p className="text-xs text-muted">
            {health.vendor}
            {!health.enabled && " · disabled"}
          </p>
        </div>
        {failing ? <Badge tone="danger">failing</Badge> : health.day.calls ? <Badge tone="ok">healthy</Badge> : null}
      </header>
      <Stats day={health.day} week={health.week} />
      <p className="mt-3 text-xs text-muted">
        Last call:{" "}
        {health.lastCall ? (
          <>
            <Link href={`/calls/${health.lastCall.id}`} className="text-accent hover:underline">
              {formatDateTime(health.lastCall.createdAt, { precision: "second" })}
            </Link>{" "}
            <Badge tone={outcomeTone(health.lastCall.outcome)}>
              {OUTCOME_LABELS[health.lastCall.outcome as keyof typeof OUTCOME_LABELS] ?? health.lastCall.outcome}
            </Badge>
          </>
        ) : (
          "never"
        )}
      </p>
      <div className="mt-3">
        <CallChart bars={health.bars} label={`${health.name}, last 7 days`} />
      </div>
      <p className="mt-3 flex flex-wrap gap-2">
        <LinkButton href={calls}>Calls</LinkButton>
        {failing && (
          <LinkButton href={`${calls}&outcome=failures&range=24h`} variant="danger">
            Failures, 24 h
          </LinkButton>
        )}
      </p>
    </article>
  );
}

export default async function OverviewPage() {
  await requirePageUser("viewer");
  const overview = await readOverview(await db());
  const all = overview.hourly.reduce((n, b) => n + b.calls, 0);
  return (
    <>
      <PageHeader
        title="Overview"
        subtitle="Every integration at a glance: failing ones first. Times are UTC; bars in red are failed calls."
      />
      <Card title="All calls, last 24 hours (per hour)" className="mb-5">
        <CallChart bars={overview.hourly} label="All integrations, last 24 hours" height={60} />
        {overview.unmatched.calls > 0 && (
          <p className="mt-2 text-xs text-muted">
            Of {all.toLocaleString("en")} calls,{" "}
            <Link href="/calls?outcome=unknown_integration&range=24h" className="text-accent hover:underline">
              {overview.unmatched.calls.toLocaleString("en")} matched no integration
            </Link>
            .
          </p>
        )}
      </Card>
      {overview.integrations.length === 0 ? (
        <EmptyState title="No integrations yet">
          Add one under <Link href="/integrations">Integrations</Link>; its calls show here.
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
