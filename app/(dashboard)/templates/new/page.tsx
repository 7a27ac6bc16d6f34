import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { integrationNames } from "@/lib/integrations/lookup";
import { PageHeader } from "@/components/ui";
import { TemplateEditor } from "@/components/templates/template-editor";
import { previewTemplateAction, saveTemplateAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("templates");
  return { title: t("newTitle") };
}

export default async function NewTemplatePage() {
  await requirePageUser("operator");
  const integrations = await integrationNames(await db(), "udesk");
  const t = await getTranslations("templates");
  return (
    <>
      <PageHeader title={t("newTitle")} subtitle={t("newSubtitle")} />
      <TemplateEditor save={saveTemplateAction} preview={previewTemplateAction} integrations={integrations} canEdit />
    </>
  );
}
