// Where a user whom two-factor sign-in is required of, and who has not set it up, is sent before
// anything else opens (lib/auth/session).
import type { Metadata } from "next";
import { redirect } from "next/navigation";
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

export const metadata: Metadata = { title: "Set up two-factor sign-in" };

export default async function TwoFactorSetupPage() {
  const user = await currentUser();
  if (!user) redirect("/signin");
  // Once set up, this page (refreshed after the session cookie changed) says so and lets the user on.
  const policy = await twoFactorPolicy(await db());
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md space-y-4 rounded-xl border border-line bg-surface p-8 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-accent">Deskbridge</p>
        <h1 className="text-xl font-semibold">Set up two-factor sign-in</h1>
        <p className="text-sm text-muted">
          {policy === "off"
            ? `Two-factor sign-in for ${user.email}.`
            : `Deskbridge requires two-factor sign-in for ${policy}. Set it up for ${user.email} to continue.`}
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
          done={<LinkButton href="/customers">Continue to Deskbridge</LinkButton>}
        />
        <SignOutButton />
      </div>
    </main>
  );
}
