"use server";
// Settings actions (admins only).
import { revalidatePath } from "next/cache";
import { guarded, type ActionState } from "@/lib/actions";
import { db } from "@/lib/db";
import { pruneCalls, setRetentionDays } from "@/lib/calls/retention";
import { setTwoFactorPolicy } from "@/lib/auth/two-factor-policy";

export async function saveRetentionAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("admin", formData, async () => {
    const days = await setRetentionDays(await db(), formData.get("retentionDays"));
    revalidatePath("/settings");
    return { message: `Bodies are now kept for ${days} day(s).` };
  });
}

export async function pruneNowAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("admin", formData, async () => {
    const { pruned, days } = await pruneCalls(await db());
    revalidatePath("/settings");
    return { message: `Deleted the bodies of ${pruned} call(s) older than ${days} day(s).` };
  });
}

export async function saveTwoFactorPolicyAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("admin", formData, async () => {
    const policy = await setTwoFactorPolicy(await db(), formData.get("twoFactor"));
    revalidatePath("/settings");
    return {
      message:
        policy === "off"
          ? "Two-factor sign-in is optional."
          : `Two-factor sign-in is required for ${policy}: whoever has not set it up is asked to before anything else.`,
    };
  });
}
