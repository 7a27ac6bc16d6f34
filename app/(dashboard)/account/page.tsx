import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { recoveryCodesLeft } from "@/lib/auth/two-factor";
import { twoFactorPolicy, twoFactorRequired } from "@/lib/auth/two-factor-policy";
import { db } from "@/lib/db";
import { Card, PageHeader } from "@/components/ui";
import { SignOutEverywhere, TwoFactorCard } from "@/components/account/two-factor";
import { OwnPasswordForm } from "@/components/users/user-admin";
import { changeOwnPasswordAction } from "../users/actions";
import {
  confirmTwoFactorAction,
  newRecoveryCodesAction,
  signOutEverywhereAction,
  startTwoFactorAction,
  turnOffTwoFactorAction,
} from "./actions";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requirePageUser("viewer");
  const client = await db();
  const [left, policy] = await Promise.all([recoveryCodesLeft(client, user.id), twoFactorPolicy(client)]);
  return (
    <div className="max-w-xl space-y-5">
      <PageHeader title="Your account" subtitle={`${user.email} · ${user.role}`} />
      <Card title="Change your password">
        <OwnPasswordForm action={changeOwnPasswordAction} />
      </Card>
      <Card title="Two-factor sign-in">
        <TwoFactorCard
          enabled={user.twoFactor}
          left={left}
          required={twoFactorRequired(policy, user.role)}
          actions={{
            start: startTwoFactorAction,
            confirm: confirmTwoFactorAction,
            newCodes: newRecoveryCodesAction,
            turnOff: turnOffTwoFactorAction,
          }}
        />
      </Card>
      <Card title="Sessions">
        <SignOutEverywhere action={signOutEverywhereAction} />
      </Card>
    </div>
  );
}
