import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { auditQuery, listAudit } from "@/lib/audit/query";
import { Badge, Button, EmptyState, LinkButton, PageHeader, inputClass } from "@/components/ui";
import { Changes } from "@/components/audit/changes";
import { formatDateTime } from "@/lib/datetime";

export const metadata: Metadata = { title: "Audit log" };

const ENTITIES = [
  "customer",
  "order",
  "integration",
  "template",
  "rule",
  "knowledge",
  "user",
  "session",
  "setting",
  "call",
  "sobot-dictionary",
];
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

const link = (entity: string, id: string, customerId: number | null) =>
  entity === "customer" || entity === "order"
    ? customerId
      ? `/customers/${customerId}`
      : null
    : entity === "integration"
      ? `/integrations/${id}`
      : entity === "template"
        ? `/templates/${id}`
        : entity === "call"
          ? `/calls/${id}`
          : null;

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("operator");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, first(v)]));
  const query = auditQuery.parse(raw);
  const { items, older } = await listAudit(await db(), query);
  const params = (changes: Record<string, string>) => {
    const p = new URLSearchParams(Object.entries({ ...raw, ...changes }).filter(([, v]) => v) as [string, string][]);
    return `/audit?${p}`;
  };
  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Who created, changed or deleted what, and when: from the dashboard, the CLI and vendor calls."
      />
      <search>
        <form
          method="get"
          action="/audit"
          className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-line bg-surface p-3"
        >
          <label className="text-sm">
            <span className="mb-1 block text-xs font-medium text-muted">What</span>
            <select name="entity" defaultValue={query.entity} className={inputClass}>
              <option value="">Anything</option>
              {ENTITIES.map((e) => (
                <option key={e}>{e}</option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="mb-1 block text-xs font-medium text-muted">Who</span>
            <input
              name="actor"
              defaultValue={query.actor}
              placeholder="email, cli:…, sobot-webhook…"
              className={inputClass}
            />
          </label>
          <label className="min-w-64 flex-1 text-sm">
            <span className="mb-1 block text-xs font-medium text-muted">Text</span>
            <input
              name="q"
              type="search"
              defaultValue={query.q}
              placeholder="In the summary or the changed values"
              className={inputClass}
            />
          </label>
          <Button type="submit">Filter</Button>
          <LinkButton href="/audit">Clear</LinkButton>
        </form>
      </search>
      {items.length === 0 ? (
        <EmptyState title="Nothing recorded">No change matches these filters.</EmptyState>
      ) : (
        <ol className="divide-y divide-line rounded-lg border border-line bg-surface">
          {items.map((e) => {
            const href = link(e.entity, e.entityId, e.customerId);
            return (
              <li key={e.id} className="px-4 py-3 text-sm" aria-label={`Audit event ${e.id}`}>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="text-xs text-muted tabular-nums">
                    {formatDateTime(e.createdAt, { precision: "second" })}
                  </span>
                  <Badge tone={e.action === "delete" ? "danger" : e.action === "create" ? "ok" : "neutral"}>
                    {e.action}
                  </Badge>
                  <Badge>{e.entity}</Badge>
                  <span className="font-medium">{e.actorLabel}</span>
                  <span>
                    {href ? (
                      <Link className="text-accent hover:underline" href={href}>
                        {e.summary}
                      </Link>
                    ) : (
                      e.summary
                    )}
                  </span>
                </div>
                <Changes changes={JSON.parse(e.changes)} />
              </li>
            );
          })}
        </ol>
      )}
      {older && (
        <nav aria-label="Pagination" className="mt-4 flex justify-end">
          <LinkButton href={params({ before: String(older) })}>Older →</LinkButton>
        </nav>
      )}
    </>
  );
}
