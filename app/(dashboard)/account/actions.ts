"use server";
// A user's own account: language and time zone, two-factor sign-in and their sessions. Setting up two-factor sign-in is
// open to a user who must do it before anything else (lib/auth/session): those two actions are
// "enrolling", which any signed-in user may call; the others need an ordinary session.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { z } from "zod";
import { action, secret, text, type ActionState } from "@/lib/actions";
import { clearSessionCookie, reissueSession } from "@/lib/auth/session-cookie";
import { confirmEnrolment, enrolment, replaceRecoveryCodes, turnOffTwoFactor } from "@/lib/auth/two-factor";
import { readConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { masterKey } from "@/lib/secrets/keyring";
import { signOutEverywhere } from "@/lib/users/manage";
import { setUserPreferences } from "@/lib/users/preferences";

export type TwoFactorState = ActionState & {
  /** The secret to type into an app, and the same as a QR code (an SVG data URL). */
  setup?: { secret: string; qr: string };
  /** Shown once, right after they are made. */
  recoveryCodes?: string[];
};

type TwoFactorAnswer = Promise<Partial<TwoFactorState>>;

export const startTwoFactorAction = action("enrolling", z.object({}), async (_, { user }): TwoFactorAnswer => {
  const { secret, uri } = await enrolment(await db(), masterKey(readConfig()), user.id);
  const svg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { setup: { secret, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` } };
});

// A wrong code answers without the key: the form keeps showing the one the start step returned.
export const confirmTwoFactorAction = action(
  "enrolling",
  z.object({ code: secret() }),
  async (input, { user }): TwoFactorAnswer => {
    const { codes, sessionVersion } = await confirmEnrolment(await db(), masterKey(readConfig()), user.id, input.code);
    // Every other session ended with the change; this one goes on.
    await reissueSession(user, sessionVersion);
    return { message: "Two-factor sign-in is on.", recoveryCodes: codes };
  },
);

export const newRecoveryCodesAction = action(
  "viewer",
  z.object({ password: secret() }),
  async (input, { user }): TwoFactorAnswer => {
    const codes = await replaceRecoveryCodes(await db(), user.id, input.password);
    return { message: "New recovery codes: the old ones no longer work.", recoveryCodes: codes };
  },
);

export const turnOffTwoFactorAction = action("viewer", z.object({ password: secret() }), async (input, { user }) => {
  await turnOffTwoFactor(await db(), user.id, { password: input.password });
  return { message: "Two-factor sign-in is off." };
});

export const signOutEverywhereAction = action("viewer", z.object({}), async (_, { user }) => {
  await signOutEverywhere(await db(), user.id);
  await clearSessionCookie();
  redirect("/signin?signedOut=everywhere");
});

// The whole dashboard re-renders: the answer comes back in the language just chosen.
export const savePreferencesAction = action(
  "viewer",
  z.object({ locale: text(), timeZone: text() }),
  async (input, { user }) => {
    await setUserPreferences(await db(), user.id, input);
    revalidatePath("/", "layout");
    return { message: "Language and time zone saved." };
  },
);
