"use server";
// Server actions for users (admins only; a user's own password is theirs to change).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, secret, text } from "@/lib/actions";
import { reissueSession } from "@/lib/auth/session-cookie";
import { turnOffTwoFactor } from "@/lib/auth/two-factor";
import { db } from "@/lib/db";
import { validationError } from "@/lib/errors";
import { changeOwnPassword, resetPassword, setDisabled, setRole } from "@/lib/users/manage";
import { createUser } from "@/lib/users/users";

const newUser = z.object({ email: text(), name: text(), role: text(), password: secret() });

export const createUserAction = action("admin", newUser, async (input) => {
  const user = await createUser(await db(), { ...input, role: input.role as "viewer" });
  revalidatePath("/users");
  return { message: `User ${user.email} added as ${user.role}.` };
});

export const setRoleAction = action("admin", z.object({ id: text(), role: text() }), async (input) => {
  await setRole(await db(), input.id, input.role);
  revalidatePath("/users");
  return { message: "Role changed." };
});

const disabling = z.object({ id: text(), disabled: text().transform((v) => v === "1") });

export const setDisabledAction = action("admin", disabling, async (input, { user }) => {
  await setDisabled(await db(), input.id, input.disabled, user.id);
  revalidatePath("/users");
  return { message: input.disabled ? "User disabled: they can no longer sign in." : "User enabled." };
});

export const resetPasswordAction = action("admin", z.object({ id: text(), password: secret() }), async (input) => {
  await resetPassword(await db(), input.id, input.password);
  return { message: "Password reset. Give it to the user through a safe channel." };
});

const ownPassword = z.object({ current: secret(), password: secret(), confirm: secret() });

export const changeOwnPasswordAction = action("viewer", ownPassword, async (input, { user }) => {
  if (input.password !== input.confirm)
    throw validationError("The two new passwords differ.", { confirm: ["Does not match the new password"] });
  const version = await changeOwnPassword(await db(), user.id, input.current, input.password);
  // Every other session of the user ended with the change; this one goes on.
  await reissueSession(user, version);
  return { message: "Your password was changed. Your other sessions are signed out." };
});

export const resetTwoFactorAction = action("admin", z.object({ id: text() }), async (input) => {
  await turnOffTwoFactor(await db(), input.id, { admin: true });
  revalidatePath("/users");
  return { message: "Two-factor sign-in turned off: the user signs in with the password and can set it up again." };
});
