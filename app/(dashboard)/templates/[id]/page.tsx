import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { integrationNames } from "@/lib/integrations/lookup";
import { getTemplate } from "@/lib/templates/templates";
import { LinkButton, Notice, PageHeader } from "@/components/ui";
import { CopyButton } from "@/components/ui/copy-button";
import { publicOrigin } from "@/lib/public-url";
import { TemplateEditor } from "@/components/templates/template-editor";
import { previewTemplateAction, saveTemplateAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("templates");
  return { title: t("pageTitle") };
}

export default async function TemplatePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const user = await requirePageUser("viewer");
  const client = await db();
  const template = await getTemplate(client, Number((await params).id) || 0);
  if (!template) notFound();
  const integrations = await integrationNames(client, "udesk");
  const { saved } = await searchParams;
  const t = await getTranslations("templates");
  const formUrl = template.formPath ? `${publicOrigin()}${template.formPath}` : null;
  return (
    <>
      <PageHeader
        title={template.name}
        subtitle={`${template.integrationName} · ${
          template.isDefault
            ? t("defaultTemplate")
            : template.form
              ? t("formTemplate")
              : t("taskNodeOf", { node: template.taskNodeId ?? t("none") })
        }`}
        actions={<LinkButton href="/templates">{t("allTemplates")}</LinkButton>}
      />
      {saved && (
        <div className="mb-4">
          <Notice tone="ok">{saved === "duplicated" ? t("duplicated") : t("created")}</Notice>
        </div>
      )}
      {formUrl && (
        <section aria-label={t("formUrl")} className="mb-4 rounded-lg border border-line bg-surface p-3 text-sm">
          <p className="font-medium">{t("formUrlTitle")}</p>
          <p className="mb-2 text-xs text-muted">{t("formUrlHint")}</p>
          <div className="flex items-center gap-2">
            <code className="break-all rounded bg-surface-2 px-2 py-1 font-mono text-xs" data-testid="form-url">
              {formUrl}
            </code>
            <CopyButton text={formUrl} />
          </div>
        </section>
      )}
      {/* A viewer reads the template: every field of the editor is read-only for them. */}
      <fieldset disabled={!hasRole(user.role, "operator")} className="min-w-0">
        <TemplateEditor
          key={template.updatedAt.toISOString()}
          save={saveTemplateAction}
          preview={previewTemplateAction}
          integrations={integrations}
          initial={{
            id: template.id,
            integrationId: template.integrationId,
            name: template.name,
            taskNodeId: template.taskNodeId,
            isDefault: template.isDefault,
            form: template.form,
            config: template.config,
          }}
          canEdit={hasRole(user.role, "operator")}
        />
      </fieldset>
    </>
  );
}
