// Managing users: role, disabling, password resets, and a user's own password. Each of these ends
// every session the user has open (lib/auth/sessions), so a change takes effect at once.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { ROLES, type Role } from "@/lib/auth/roles";
import { conflict, notFound, validationError } from "@/lib/errors";
import { audit } from "@/lib/audit/audit";
import { endAllSessions } from "@/lib/auth/sessions";

const password = z.string().min(8, "At least 8 characters").max(200, "At most 200 characters");

async function load(client: Db, id: string) {
  const user = await client.user.findUnique({ where: { id } });
  if (!user) throw notFound(`User ${id} does not exist.`);
  return user;
}

/** Refuses the change that would leave no enabled admin. */
async function assertAnotherAdmin(client: Db, id: string) {
  const others = await client.user.count({ where: { role: "admin", disabled: false, NOT: { id } } });
  if (others === 0)
    throw conflict("This is the last enabled admin: make someone else admin first.", {
      role: ["The last admin cannot lose the role"],
    });
}

export async function setRole(client: Db, id: string, role: string): Promise<void> {
  if (!(ROLES as readonly string[]).includes(role))
    throw validationError(`role must be one of ${ROLES.join(", ")}`, { role: [`One of ${ROLES.join(", ")}`] });
  const user = await load(client, id);
  if (user.role === role) return;
  if (user.role === "admin") await assertAnotherAdmin(client, id);
  await client.user.update({ where: { id }, data: { role, sessionVersion: { increment: 1 } } });
  await audit(client, {
    action: "update",
    entity: "user",
    entityId: id,
    summary: `changed the role of ${user.email}`,
    changes: { role: [user.role, role as Role] },
  });
}

export async function setDisabled(client: Db, id: string, disabled: boolean, actorId?: string | null): Promise<void> {
  const user = await load(client, id);
  if (user.disabled === disabled) return;
  if (disabled && actorId === id) throw conflict("You cannot disable your own account.");
  if (disabled && user.role === "admin") await assertAnotherAdmin(client, id);
  await client.user.update({ where: { id }, data: { disabled, sessionVersion: { increment: 1 } } });
  await audit(client, {
    action: "update",
    entity: "user",
    entityId: id,
    summary: `${disabled ? "disabled" : "enabled"} ${user.email}`,
    changes: { disabled: [user.disabled, disabled] },
  });
}

export async function resetPassword(client: Db, id: string, newPassword: string): Promise<void> {
  const parsed = password.safeParse(newPassword);
  if (!parsed.success)
    throw validationError("The new password is too weak.", { password: parsed.error.issues.map((i) => i.message) });
  const user = await load(client, id);
  await client.user.update({
    where: { id },
    data: { passwordHash: await hashPassword(parsed.data), sessionVersion: { increment: 1 } },
  });
  await audit(client, {
    action: "update",
    entity: "user",
    entityId: id,
    summary: `reset the password of ${user.email}`,
  });
}

/** Changes the password and ends every session of the user; returns the new session version. */
export async function changeOwnPassword(client: Db, id: string, current: string, next: string): Promise<number> {
  const user = await load(client, id);
  if (!(await verifyPassword(current, user.passwordHash)))
    throw validationError("The current password is wrong.", { current: ["Wrong password"] });
  const parsed = password.safeParse(next);
  if (!parsed.success)
    throw validationError("The new password is too weak.", { password: parsed.error.issues.map((i) => i.message) });
  await client.user.update({ where: { id }, data: { passwordHash: await hashPassword(parsed.data) } });
  const version = await endAllSessions(client, id);
  await audit(client, {
    action: "update",
    entity: "user",
    entityId: id,
    summary: `${user.email} changed their password`,
  });
  return version;
}

/** "Sign out everywhere": every session of the user ends, this one included. */
export async function signOutEverywhere(client: Db, id: string): Promise<void> {
  const user = await load(client, id);
  await endAllSessions(client, id);
  await audit(client, {
    action: "signout-all",
    entity: "session",
    entityId: id,
    summary: `${user.email} signed out everywhere`,
  });
}
