"use server";
// Settings actions (admins only).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, text } from "@/lib/actions";
import { setTwoFactorPolicy } from "@/lib/auth/two-factor-policy";
import { pruneCalls, setRetentionDays } from "@/lib/calls/retention";
import { db } from "@/lib/db";

const retention = z.object({ retentionDays: z.string().optional() });

export const saveRetentionAction = action("admin", retention, async (input) => {
  const days = await setRetentionDays(await db(), input.retentionDays ?? null);
  revalidatePath("/settings");
  return { message: `Bodies are now kept for ${days} day(s).` };
});

export const pruneNowAction = action("admin", z.object({}), async () => {
  const { pruned, days } = await pruneCalls(await db());
  revalidatePath("/settings");
  return { message: `Deleted the bodies of ${pruned} call(s) older than ${days} day(s).` };
});

export const saveTwoFactorPolicyAction = action("admin", z.object({ twoFactor: text() }), async (input) => {
  const policy = await setTwoFactorPolicy(await db(), input.twoFactor);
  revalidatePath("/settings");
  return {
    message:
      policy === "off"
        ? "Two-factor sign-in is optional."
        : `Two-factor sign-in is required for ${policy}: whoever has not set it up is asked to before anything else.`,
  };
});
