import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { kindOf } from "@/lib/integrations/kinds";
import { PageHeader } from "@/components/ui";
import { IntegrationForm } from "@/components/integrations/integration-form";
import { createIntegrationAction } from "../actions";

export const metadata: Metadata = { title: "New integration" };

export default async function NewIntegrationPage({ searchParams }: { searchParams: Promise<{ vendor?: string }> }) {
  await requirePageUser("admin");
  const kind = kindOf((await searchParams).vendor ?? "");
  if (!kind) notFound();
  const defaults = Object.fromEntries(
    kind.settingFields.map((f) => [`settings.${f.name}`, f.name === "timestampTolerance" ? "300" : ""]),
  );
  return (
    <div className="max-w-2xl">
      <PageHeader title={`New ${kind.label} integration`} subtitle={kind.description} />
      <IntegrationForm
        action={createIntegrationAction}
        vendor={kind.vendor}
        settingFields={kind.settingFields}
        secrets={kind.secrets}
        initial={defaults}
        submitLabel="Create integration"
        cancelHref="/integrations"
      />
    </div>
  );
}
