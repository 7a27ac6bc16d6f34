import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { integrationNames } from "@/lib/integrations/lookup";
import { getTemplate } from "@/lib/templates/templates";
import { LinkButton, Notice, PageHeader } from "@/components/ui";
import { TemplateEditor } from "@/components/templates/template-editor";
import { previewTemplateAction, saveTemplateAction } from "../actions";

export const metadata: Metadata = { title: "Card template" };

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
  return (
    <>
      <PageHeader
        title={template.name}
        subtitle={`${template.integrationName} · ${
          template.isDefault ? "default template" : `task node ${template.taskNodeId ?? "none"}`
        }`}
        actions={<LinkButton href="/templates">All templates</LinkButton>}
      />
      {saved && (
        <div className="mb-4">
          <Notice tone="ok">
            {saved === "duplicated" ? "Template duplicated: give the copy a task node." : "Template created."}
          </Notice>
        </div>
      )}
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
          config: template.config,
        }}
        canEdit={hasRole(user.role, "operator")}
      />
    </>
  );
}
