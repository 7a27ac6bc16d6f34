import { cookies } from "next/headers";
import { getTimeZone, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { recoveryCodesLeft } from "@/lib/auth/two-factor";
import { twoFactorPolicy, twoFactorRequired } from "@/lib/auth/two-factor-policy";
import { db } from "@/lib/db";
import { ZONE_COOKIE, isTimeZone } from "@/lib/i18n/config";
import { Card, PageHeader } from "@/components/ui";
import { PreferencesForm } from "@/components/account/preferences-form";
import { SignOutEverywhere, TwoFactorCard } from "@/components/account/two-factor";
import { OwnPasswordForm } from "@/components/users/user-admin";
import { changeOwnPasswordAction } from "../users/actions";
import {
  confirmTwoFactorAction,
  newRecoveryCodesAction,
  savePreferencesAction,
  signOutEverywhereAction,
  startTwoFactorAction,
  turnOffTwoFactorAction,
} from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("title") };
}

/** Every zone this runtime knows, UTC first (Intl lists only the named ones). */
const ZONES = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];

export default async function AccountPage() {
  const user = await requirePageUser("viewer");
  const client = await db();
  const [left, policy, t, nav, timeZone, jar] = await Promise.all([
    recoveryCodesLeft(client, user.id),
    twoFactorPolicy(client),
    getTranslations("account"),
    getTranslations("nav"),
    getTimeZone(),
    cookies(),
  ]);
  const source = isTimeZone(user.timeZone) ? "choice" : isTimeZone(jar.get(ZONE_COOKIE)?.value) ? "browser" : "none";
  // A zone saved under another name (an alias) still shows as chosen.
  const zones = user.timeZone && !ZONES.includes(user.timeZone) ? [user.timeZone, ...ZONES] : ZONES;
  return (
    <div className="max-w-xl space-y-5">
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle", { email: user.email, role: nav("role", { role: user.role }) })}
      />
      <Card title={t("password")}>
        <OwnPasswordForm action={changeOwnPasswordAction} />
      </Card>
      <Card title={t("preferences")}>
        <p className="mb-3 text-sm text-muted">{t("shownIn", { zone: timeZone, source: t(`source.${source}`) })}</p>
        <PreferencesForm locale={user.locale} timeZone={user.timeZone} zones={zones} save={savePreferencesAction} />
      </Card>
      <Card title={t("twoFactor")}>
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
      <Card title={t("sessions")}>
        <SignOutEverywhere action={signOutEverywhereAction} />
      </Card>
    </div>
  );
}
