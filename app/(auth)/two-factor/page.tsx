// Where a user whom two-factor sign-in is required of, and who has not set it up, is sent before
// anything else opens (lib/auth/session).
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/auth/session";
import { twoFactorPolicy } from "@/lib/auth/two-factor-policy";
import { db } from "@/lib/db";
import { LinkButton } from "@/components/ui";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { TwoFactorCard } from "@/components/account/two-factor";
import {
  confirmTwoFactorAction,
  newRecoveryCodesAction,
  startTwoFactorAction,
  turnOffTwoFactorAction,
} from "../../(dashboard)/account/actions";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("setUpTitle") };
}

export default async function TwoFactorSetupPage() {
  const user = await currentUser();
  if (!user) redirect("/signin");
  // Once set up, this page (refreshed after the session cookie changed) says so and lets the user on.
  const [policy, t] = await Promise.all([twoFactorPolicy(await db()), getTranslations("auth")]);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md space-y-4 rounded-xl border border-line bg-surface p-8 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-accent">Deskbridge</p>
        <h1 className="text-xl font-semibold">{t("setUpTitle")}</h1>
        <p className="text-sm text-muted">
          {policy === "off"
            ? t("setUpFor", { email: user.email })
            : t("setUpRequired", { who: t("who", { policy }), email: user.email })}
        </p>
        <TwoFactorCard
          enabled={user.twoFactor}
          left={0}
          required
          actions={{
            start: startTwoFactorAction,
            confirm: confirmTwoFactorAction,
            newCodes: newRecoveryCodesAction,
            turnOff: turnOffTwoFactorAction,
          }}
          done={<LinkButton href="/">{t("continue")}</LinkButton>}
        />
        <SignOutButton />
      </div>
    </main>
  );
}
