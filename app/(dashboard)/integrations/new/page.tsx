import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { kindOf } from "@/lib/integrations/kinds";
import { PageHeader } from "@/components/ui";
import { IntegrationForm } from "@/components/integrations/integration-form";
import { createIntegrationAction } from "../actions";
import { translateKindFields } from "../translate-kind";

export async function generateMetadata() {
  const t = await getTranslations("integrations");
  return { title: t("newMetaTitle") };
}

export default async function NewIntegrationPage({ searchParams }: { searchParams: Promise<{ vendor?: string }> }) {
  await requirePageUser("admin");
  const kind = kindOf((await searchParams).vendor ?? "");
  if (!kind) notFound();
  const [t, locale] = await Promise.all([getTranslations("integrations"), getLocale()]);
  const shown = translateKindFields(locale, kind);
  const defaults = Object.fromEntries(
    kind.settingFields.map((f) => [`settings.${f.name}`, f.name === "timestampTolerance" ? "300" : ""]),
  );
  return (
    <div className="max-w-2xl">
      <PageHeader title={t("newTitle", { label: shown.label })} subtitle={shown.description} />
      <IntegrationForm
        action={createIntegrationAction}
        vendor={kind.vendor}
        settingFields={shown.settingFields}
        secrets={shown.secrets}
        initial={defaults}
        submitLabel={t("create")}
        cancelHref="/integrations"
      />
    </div>
  );
}
