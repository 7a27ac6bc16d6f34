"use server";
// Server actions for users (admins only).
import { revalidatePath } from "next/cache";
import { guarded, type ActionState } from "@/lib/actions";
import { db } from "@/lib/db";
import { createUser } from "@/lib/users/users";
import { changeOwnPassword, resetPassword, setDisabled, setRole } from "@/lib/users/manage";
import { validationError } from "@/lib/errors";
import { reissueSession } from "@/lib/auth/session-cookie";
import { turnOffTwoFactor } from "@/lib/auth/two-factor";

export async function createUserAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("admin", formData, async () => {
    const user = await createUser(await db(), {
      email: String(formData.get("email") ?? ""),
      name: String(formData.get("name") ?? ""),
      role: String(formData.get("role") ?? "") as "viewer",
      password: String(formData.get("password") ?? ""),
    });
    revalidatePath("/users");
    return { message: `User ${user.email} added as ${user.role}.` };
  });
}

export async function setRoleAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("admin", formData, async () => {
    await setRole(await db(), String(formData.get("id")), String(formData.get("role")));
    revalidatePath("/users");
    return { message: "Role changed." };
  });
}

export async function setDisabledAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("admin", formData, async (user) => {
    const disabled = formData.get("disabled") === "1";
    await setDisabled(await db(), String(formData.get("id")), disabled, user.id);
    revalidatePath("/users");
    return { message: disabled ? "User disabled: they can no longer sign in." : "User enabled." };
  });
}

export async function resetPasswordAction(_: ActionState, formData: FormData): Promise<ActionState> {
  const state = await guarded("admin", formData, async () => {
    await resetPassword(await db(), String(formData.get("id")), String(formData.get("password") ?? ""));
    return { message: "Password reset. Give it to the user through a safe channel." };
  });
  return { ...state, values: undefined }; // never echo a password back
}

export async function changeOwnPasswordAction(_: ActionState, formData: FormData): Promise<ActionState> {
  const state = await guarded("viewer", formData, async (user) => {
    if (formData.get("password") !== formData.get("confirm"))
      throw validationError("The two new passwords differ.", { confirm: ["Does not match the new password"] });
    const version = await changeOwnPassword(
      await db(),
      user.id,
      String(formData.get("current") ?? ""),
      String(formData.get("password") ?? ""),
    );
    // Every other session of the user ended with the change; this one goes on.
    await reissueSession(user, version);
    return { message: "Your password was changed. Your other sessions are signed out." };
  });
  return { ...state, values: undefined };
}

export async function resetTwoFactorAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("admin", formData, async () => {
    await turnOffTwoFactor(await db(), String(formData.get("id")), { admin: true });
    revalidatePath("/users");
    return { message: "Two-factor sign-in turned off: the user signs in with the password and can set it up again." };
  });
}
