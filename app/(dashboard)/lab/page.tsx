import { getLocale, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listIntegrations } from "@/lib/integrations/integrations";
import { defaultPayload, LAB_KINDS, LAB_KIND_INFO, isLabKind } from "@/lib/lab/build";
import { Card, PageHeader } from "@/components/ui";
import { LabConsole, type LabKindChoice } from "@/components/lab/lab-console";
import { DecryptTool } from "@/components/lab/decrypt-tool";
import { ExplainTool } from "@/components/lab/explain-tool";
import { translateMessage } from "@/lib/i18n/domain";

export async function generateMetadata() {
  const t = await getTranslations("lab");
  return { title: t("title") };
}

const TIMESTAMPED = new Set(["sobot-crm", "udesk-message", "udesk-task", "udesk-knowledge"]);

export default async function LabPage({ searchParams }: { searchParams: Promise<{ kind?: string; call?: string }> }) {
  await requirePageUser("operator");
  const params = await searchParams;
  const [t, locale] = await Promise.all([getTranslations("lab"), getLocale()]);
  const integrations = (await listIntegrations(await db())).filter((i) =>
    LAB_KINDS.some((k) => LAB_KIND_INFO[k].vendor === i.vendor),
  );
  const kinds: LabKindChoice[] = LAB_KINDS.map((kind) => ({
    kind,
    label: translateMessage(locale, LAB_KIND_INFO[kind].label),
    vendor: LAB_KIND_INFO[kind].vendor,
    timestamped: TIMESTAMPED.has(kind),
  }));
  // Settings are not secret (the integration pages show them); secrets never leave the server.
  const payloads: Record<string, string> = {};
  for (const i of integrations) {
    for (const kind of LAB_KINDS.filter((k) => LAB_KIND_INFO[k].vendor === i.vendor)) {
      payloads[`${i.id}:${kind}`] = JSON.stringify(defaultPayload(kind, i.settings), null, 2);
    }
  }
  return (
    <>
      <PageHeader title={t("title")} subtitle={`${t("subtitle.1")}${t("subtitle.2")}${t("subtitle.3")}`} />
      <div className="space-y-5">
        <LabConsole
          kinds={kinds}
          integrations={integrations.map((i) => ({ id: i.id, name: i.name, vendor: i.vendor, enabled: i.enabled }))}
          payloads={payloads}
          initialKind={isLabKind(params.kind) ? params.kind : undefined}
        />
        <div className="grid grid-cols-1 gap-5 xl:grid-cols-2">
          <Card title={t("decrypt")}>
            <DecryptTool
              integrations={integrations
                .filter((i) => i.vendor === "sobot-crm" || i.vendor === "hyphenate")
                .map((i) => ({ id: i.id, name: i.name, vendor: i.vendor }))}
            />
          </Card>
          <Card title={t("explainTitle")}>
            <ExplainTool initialCallId={params.call && /^\d{1,12}$/.test(params.call) ? params.call : ""} />
          </Card>
        </div>
      </div>
    </>
  );
}
