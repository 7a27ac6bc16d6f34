"use server";
// A user's own account: two-factor sign-in and their sessions. Setting up two-factor sign-in is
// open to a user who must do it before anything else (lib/auth/session), so those two actions
// check the session themselves instead of going through the role wrapper, which refuses them.
import { redirect, unstable_rethrow } from "next/navigation";
import QRCode from "qrcode";
import { guarded, type ActionState } from "@/lib/actions";
import { withActor } from "@/lib/audit/audit";
import { currentUser, type CurrentUser } from "@/lib/auth/session";
import { clearSessionCookie, reissueSession } from "@/lib/auth/session-cookie";
import { confirmEnrolment, enrolment, replaceRecoveryCodes, turnOffTwoFactor } from "@/lib/auth/two-factor";
import { readConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { AppError, unauthenticated } from "@/lib/errors";
import { masterKey } from "@/lib/secrets/keyring";
import { signOutEverywhere } from "@/lib/users/manage";

export type TwoFactorState = ActionState & {
  /** The secret to type into an app, and the same as a QR code (an SVG data URL). */
  setup?: { secret: string; qr: string };
  /** Shown once, right after they are made. */
  recoveryCodes?: string[];
};

async function forSetup(run: (user: CurrentUser) => Promise<Partial<TwoFactorState>>): Promise<TwoFactorState> {
  const seq = Date.now();
  try {
    const user = await currentUser();
    if (!user) throw unauthenticated();
    return { ok: true, seq, ...(await withActor({ id: user.id, label: user.email }, () => run(user))) };
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof AppError) return { ok: false, seq, message: error.message, fieldErrors: error.fieldErrors };
    console.error("deskbridge: two-factor set-up failed", error);
    return { ok: false, seq, message: "Something went wrong on the server; nothing was changed. Try again." };
  }
}

export async function startTwoFactorAction(_: TwoFactorState, _formData: FormData): Promise<TwoFactorState> {
  return forSetup(async (user) => {
    const { secret, uri } = await enrolment(await db(), masterKey(readConfig()), user.id);
    const svg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    return { setup: { secret, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` } };
  });
}

export async function confirmTwoFactorAction(state: TwoFactorState, formData: FormData): Promise<TwoFactorState> {
  const result = await forSetup(async (user) => {
    const { codes, sessionVersion } = await confirmEnrolment(
      await db(),
      masterKey(readConfig()),
      user.id,
      String(formData.get("code") ?? ""),
    );
    // Every other session ended with the change; this one goes on.
    await reissueSession(user, sessionVersion);
    return { message: "Two-factor sign-in is on.", recoveryCodes: codes };
  });
  // A wrong code keeps the secret on screen, so the user can try again.
  return result.ok ? result : { ...result, setup: state.setup };
}

export async function newRecoveryCodesAction(_: TwoFactorState, formData: FormData): Promise<TwoFactorState> {
  return (await guarded("viewer", null, async (user) => {
    const codes = await replaceRecoveryCodes(await db(), user.id, String(formData.get("password") ?? ""));
    return {
      message: "New recovery codes: the old ones no longer work.",
      recoveryCodes: codes,
    } as Partial<ActionState>;
  })) as TwoFactorState;
}

export async function turnOffTwoFactorAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("viewer", null, async (user) => {
    await turnOffTwoFactor(await db(), user.id, { password: String(formData.get("password") ?? "") });
    return { message: "Two-factor sign-in is off." };
  });
}

export async function signOutEverywhereAction(_: ActionState, _formData: FormData): Promise<ActionState> {
  const state = await guarded("viewer", null, async (user) => {
    await signOutEverywhere(await db(), user.id);
    await clearSessionCookie();
  });
  if (state.ok) redirect("/signin?signedOut=everywhere");
  return state;
}
