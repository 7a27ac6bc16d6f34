import Link from "next/link";
import { getTimeZone, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { countIntegrations } from "@/lib/integrations/lookup";
import { listTemplates } from "@/lib/templates/templates";
import { Badge, EmptyState, LinkButton, Notice, PageHeader } from "@/components/ui";
import { ActionButton } from "@/components/ui/action-button";
import { ConfirmForm } from "@/components/ui/confirm-form";
import { deleteTemplateAction, duplicateTemplateAction } from "./actions";
import { formatDateTime } from "@/lib/datetime";

export async function generateMetadata() {
  const t = await getTranslations("templates");
  return { title: t("title") };
}

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const user = await requirePageUser("viewer");
  const client = await db();
  const [templates, udesk, { deleted }] = await Promise.all([
    listTemplates(client),
    countIntegrations(client, "udesk"),
    searchParams,
  ]);
  const canEdit = hasRole(user.role, "operator");
  const [t, timeZone] = await Promise.all([getTranslations("templates"), getTimeZone()]);
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          udesk > 0 && (
            <>
              <LinkButton href="/templates/answers">{t("answersLink")}</LinkButton>
              {canEdit && (
                <LinkButton href="/templates/new" variant="primary">
                  {t("newTemplate")}
                </LinkButton>
              )}
            </>
          )
        }
      />
      {deleted && (
        <div className="mb-4">
          <Notice tone="ok">{t("deleted")}</Notice>
        </div>
      )}
      {udesk === 0 && (
        <div className="mb-4">
          <Notice tone="warn">{t("udeskFirst")}</Notice>
        </div>
      )}
      {templates.length === 0 ? (
        <EmptyState title={t("emptyTitle")}>{t("emptyText")}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-surface">
          <table className="w-full text-sm">
            <thead className="border-b border-line bg-surface-2 text-left text-muted">
              <tr>
                <th className="px-3 py-2 font-medium">{t("name")}</th>
                <th className="px-3 py-2 font-medium">{t("integration")}</th>
                <th className="px-3 py-2 font-medium">{t("taskNode")}</th>
                <th className="px-3 py-2 font-medium">{t("kind")}</th>
                <th className="px-3 py-2 font-medium">{t("updated")}</th>
                {canEdit && (
                  <th className="px-3 py-2 font-medium">
                    <span className="sr-only">{t("actions")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {templates.map((template) => (
                <tr key={template.id} className="border-b border-line last:border-0">
                  <td className="px-3 py-2">
                    <Link className="font-medium text-accent hover:underline" href={`/templates/${template.id}`}>
                      {template.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{template.integrationName}</td>
                  <td className="px-3 py-2">
                    {template.isDefault ? (
                      <Badge tone="accent">{t("default")}</Badge>
                    ) : template.form ? (
                      <Badge>{t("form")}</Badge>
                    ) : (
                      (template.taskNodeId ?? <span className="text-muted">{t("none")}</span>)
                    )}
                  </td>
                  <td className="px-3 py-2 text-xs">{t(`kinds.${template.config.kind}`)}</td>
                  <td className="px-3 py-2 text-xs text-muted">{formatDateTime(template.updatedAt, { timeZone })}</td>
                  {canEdit && (
                    <td className="px-3 py-2">
                      <div className="flex items-start gap-2">
                        <ActionButton
                          action={duplicateTemplateAction}
                          fields={{ id: template.id }}
                          label={t("duplicate")}
                        />
                        <ConfirmForm
                          action={deleteTemplateAction}
                          fields={{ id: template.id }}
                          label={t("delete")}
                          question={t("deleteQuestion", { name: template.name })}
                          confirmLabel={t("deleteTemplate")}
                        />
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
