import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { integrationNames } from "@/lib/integrations/lookup";
import { PageHeader } from "@/components/ui";
import { TemplateEditor } from "@/components/templates/template-editor";
import { previewTemplateAction, saveTemplateAction } from "../actions";

export const metadata: Metadata = { title: "New card template" };

export default async function NewTemplatePage() {
  await requirePageUser("operator");
  const integrations = await integrationNames(await db(), "udesk");
  return (
    <>
      <PageHeader
        title="New card template"
        subtitle="The preview on the right is rendered as Udesk will receive it, and checked against its formats."
      />
      <TemplateEditor save={saveTemplateAction} preview={previewTemplateAction} integrations={integrations} canEdit />
    </>
  );
}
