import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { countKeptBodies, retentionDays } from "@/lib/calls/retention";
import { twoFactorPolicy } from "@/lib/auth/two-factor-policy";
import { TwoFactorPolicyForm } from "@/components/account/two-factor-policy-form";
import { Card, PageHeader } from "@/components/ui";
import { RetentionForm } from "@/components/calls/retention-form";
import { pruneNowAction, saveRetentionAction, saveTwoFactorPolicyAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

export default async function SettingsPage() {
  await requirePageUser("admin");
  const client = await db();
  const [days, bodies, policy, t] = await Promise.all([
    retentionDays(client),
    countKeptBodies(client),
    twoFactorPolicy(client),
    getTranslations("settings"),
  ]);
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <div className="max-w-2xl space-y-5">
        <Card title={t("retention")}>
          <p className="mb-4 text-sm text-muted">
            {t("retentionBodies")}
            {t("retentionDeleted")}
            {t("retentionKept", { bodies: bodies.toLocaleString("en") })}
            {t.rich("retentionCli", { code: (chunks) => <code>{chunks}</code> })}
          </p>
          <RetentionForm days={days} save={saveRetentionAction} prune={pruneNowAction} />
        </Card>
        <Card title={t("twoFactor")}>
          <TwoFactorPolicyForm policy={policy} save={saveTwoFactorPolicyAction} />
        </Card>
      </div>
    </>
  );
}
