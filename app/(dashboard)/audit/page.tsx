import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { auditQuery, listAudit } from "@/lib/audit/query";
import { Badge, Button, EmptyState, LinkButton, PageHeader, inputClass } from "@/components/ui";
import { Changes } from "@/components/audit/changes";
import { formatDateTime } from "@/lib/datetime";
import { translateMessage } from "@/lib/i18n/domain";

export async function generateMetadata() {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

const ACTIONS = ["create", "update", "delete", "replay", "rotate", "signin", "signin-failed", "signout-all"] as const;
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
] as const;
const isOneOf = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);
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
  const [{ items, older }, t, timeZone, locale] = await Promise.all([
    listAudit(await db(), query),
    getTranslations("audit"),
    getTimeZone(),
    getLocale(),
  ]);
  const common = await getTranslations("common");
  const params = (changes: Record<string, string>) => {
    const p = new URLSearchParams(Object.entries({ ...raw, ...changes }).filter(([, v]) => v) as [string, string][]);
    return `/audit?${p}`;
  };
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <search>
        <form
          method="get"
          action="/audit"
          className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-line bg-surface p-3"
        >
          <label className="text-sm">
            <span className="mb-1 block text-xs font-medium text-muted">{t("what")}</span>
            <select name="entity" defaultValue={query.entity} className={inputClass}>
              <option value="">{t("anything")}</option>
              {ENTITIES.map((e) => (
                <option key={e} value={e}>
                  {t(`entities.${e}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="mb-1 block text-xs font-medium text-muted">{t("who")}</span>
            <input name="actor" defaultValue={query.actor} placeholder={t("whoPlaceholder")} className={inputClass} />
          </label>
          <label className="min-w-64 flex-1 text-sm">
            <span className="mb-1 block text-xs font-medium text-muted">{t("text")}</span>
            <input
              name="q"
              type="search"
              defaultValue={query.q}
              placeholder={t("textPlaceholder")}
              className={inputClass}
            />
          </label>
          <Button type="submit">{t("filter")}</Button>
          <LinkButton href="/audit">{t("clear")}</LinkButton>
        </form>
      </search>
      {items.length === 0 ? (
        <EmptyState title={t("nothing")}>{t("noMatch")}</EmptyState>
      ) : (
        <ol className="divide-y divide-line rounded-lg border border-line bg-surface">
          {items.map((e) => {
            const href = link(e.entity, e.entityId, e.customerId);
            // Stored in English; shown in the reader's language.
            const summary = translateMessage(locale, e.summary);
            return (
              <li key={e.id} className="px-4 py-3 text-sm" aria-label={t("event", { id: String(e.id) })}>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="text-xs text-muted tabular-nums">
                    {formatDateTime(e.createdAt, { precision: "second", timeZone })}
                  </span>
                  <Badge tone={e.action === "delete" ? "danger" : e.action === "create" ? "ok" : "neutral"}>
                    {isOneOf(ACTIONS, e.action) ? t(`actions.${e.action}`) : e.action}
                  </Badge>
                  <Badge>{isOneOf(ENTITIES, e.entity) ? t(`entities.${e.entity}`) : e.entity}</Badge>
                  <span className="font-medium">{e.actorLabel}</span>
                  <span>
                    {href ? (
                      <Link className="text-accent hover:underline" href={href}>
                        {summary}
                      </Link>
                    ) : (
                      summary
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
        <nav aria-label={common("pagination")} className="mt-4 flex justify-end">
          <LinkButton href={params({ before: String(older) })}>{t("older")}</LinkButton>
        </nav>
      )}
    </>
  );
}
