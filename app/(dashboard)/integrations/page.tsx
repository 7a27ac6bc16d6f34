import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listIntegrations } from "@/lib/integrations/integrations";
import { KINDS, kindOf } from "@/lib/integrations/kinds";
import { publicOrigin, publicUrlWarning } from "@/lib/public-url";
import { Badge, Card, EmptyState, LinkButton, Notice, PageHeader } from "@/components/ui";
import { CopyButton } from "@/components/ui/copy-button";
import { translateMessage } from "@/lib/i18n/domain";

export async function generateMetadata() {
  const t = await getTranslations("integrations");
  return { title: t("title") };
}

export default async function IntegrationsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  await requirePageUser("admin");
  const [integrations, { deleted }] = await Promise.all([listIntegrations(await db()), searchParams]);
  const origin = publicOrigin();
  const [t, locale] = await Promise.all([getTranslations("integrations"), getLocale()]);
  const tr = (text: string) => translateMessage(locale, text);
  const warning = publicUrlWarning();
  const urlWarning = warning && tr(warning);
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={`${t("subtitle.1")}${t("subtitle.2")}`}
        actions={Object.values(KINDS).map((k) => (
          <LinkButton key={k.vendor} href={`/integrations/new?vendor=${k.vendor}`} variant="primary">
            {t("newKind", { label: tr(k.label) })}
          </LinkButton>
        ))}
      />
      {deleted && (
        <div className="mb-4">
          <Notice tone="ok">{t("deleted")}</Notice>
        </div>
      )}
      {urlWarning && (
        <div className="mb-4">
          <Notice tone="warn">{urlWarning}</Notice>
        </div>
      )}
      {integrations.length === 0 ? (
        <EmptyState title={t("emptyTitle")}>{t("emptyText")}</EmptyState>
      ) : (
        <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
          {integrations.map((i) => (
            <Card
              key={i.id}
              title={
                <Link href={`/integrations/${i.id}`} className="text-accent hover:underline">
                  {i.name}
                </Link>
              }
              actions={
                <>
                  <Badge tone="accent">{tr(kindOf(i.vendor)?.label ?? i.vendor)}</Badge>
                  {i.enabled ? <Badge tone="ok">{t("enabled")}</Badge> : <Badge tone="danger">{t("disabled")}</Badge>}
                </>
              }
            >
              <dl className="space-y-2 text-sm">
                {Object.entries(i.endpoints).map(([name, path]) => (
                  <div key={name} className="flex items-center gap-2">
                    <dt className="w-20 shrink-0 text-muted">{t("endpointUrl", { name })}</dt>
                    <dd className="min-w-0 flex-1 truncate font-mono text-xs" title={`${origin}${path}`}>
                      {origin}
                      {path}
                    </dd>
                    <CopyButton text={`${origin}${path}`} />
                  </div>
                ))}
                {i.secrets.map((s) => (
                  <div key={s.name} className="flex items-center gap-2">
                    <dt className="w-20 shrink-0 text-muted">{s.name}</dt>
                    <dd className="font-mono text-xs">
                      {s.hint}
                      {s.previous && (
                        <span className="ml-2">
                          <Badge tone="warn">{t("previousValid")}</Badge>
                        </span>
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
