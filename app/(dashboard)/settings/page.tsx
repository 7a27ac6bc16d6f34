import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { countKeptBodies, retentionDays } from "@/lib/calls/retention";
import { twoFactorPolicy } from "@/lib/auth/two-factor-policy";
import { TwoFactorPolicyForm } from "@/components/account/two-factor-policy-form";
import { Card, PageHeader } from "@/components/ui";
import { RetentionForm } from "@/components/calls/retention-form";
import { pruneNowAction, saveRetentionAction, saveTwoFactorPolicyAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requirePageUser("admin");
  const client = await db();
  const [days, bodies, policy] = await Promise.all([
    retentionDays(client),
    countKeptBodies(client),
    twoFactorPolicy(client),
  ]);
  return (
    <>
      <PageHeader title="Settings" subtitle="Instance-wide settings." />
      <div className="max-w-2xl space-y-5">
        <Card title="Call log retention">
          <p className="mb-4 text-sm text-muted">
            Request and response bodies (raw and decrypted) of calls older than this are deleted every hour; the
            call&apos;s metadata row stays.
            {` ${bodies.toLocaleString("en")} call(s) still have their bodies.`} The CLI does the same with{" "}
            <code>deskbridge calls prune</code>.
          </p>
          <RetentionForm days={days} save={saveRetentionAction} prune={pruneNowAction} />
        </Card>
        <Card title="Two-factor sign-in">
          <TwoFactorPolicyForm policy={policy} save={saveTwoFactorPolicyAction} />
        </Card>
      </div>
    </>
  );
}
