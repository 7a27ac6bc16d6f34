// Users of the dashboard and their roles.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { ROLES, type Role } from "@/lib/auth/roles";
import { conflict, isUniqueViolation, validationError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";
import { audit } from "@/lib/audit/audit";

export const userInput = z.object({
  email: z
    .string()
    .trim()
    .pipe(z.email("Not an email address"))
    .transform((v) => v.toLowerCase()),
  name: z.string().trim().max(100).default(""),
  role: z.enum(ROLES, { message: `role must be one of ${ROLES.join(", ")}` }),
  password: z.string().min(8, "At least 8 characters").max(200, "At most 200 characters"),
});

export type UserView = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
  /** When two-factor sign-in was turned on, or null. */
  totpEnabledAt: Date | null;
};

/** Never select the password hash or a two-factor secret by accident: every read goes through this. */
const publicFields = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  createdAt: true,
  totpEnabledAt: true,
} as const;

export async function createUser(client: Db, input: z.input<typeof userInput>): Promise<UserView> {
  const parsed = userInput.safeParse(input);
  if (!parsed.success) throw validationError("The user has invalid fields.", fieldErrorsOf(parsed.error));
  const { password, ...rest } = parsed.data;
  try {
    const user = (await client.user.create({
      data: { ...rest, passwordHash: await hashPassword(password) },
      select: publicFields,
    })) as UserView;
    await audit(client, {
      action: "create",
      entity: "user",
      entityId: user.id,
      summary: `added user ${user.email} as ${user.role}`,
    });
    return user;
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(`A user with email ${rest.email} already exists.`, { email: ["Already used"] });
    throw error;
  }
}

export async function getUser(client: Db, id: string): Promise<UserView | null> {
  return (await client.user.findUnique({ where: { id }, select: publicFields })) as UserView | null;
}

export async function listUsers(client: Db): Promise<UserView[]> {
  return (await client.user.findMany({ select: publicFields, orderBy: { email: "asc" } })) as UserView[];
}

/** The user for a correct email and password, or null; disabled users cannot sign in. */
export async function authenticate(client: Db, email: string, password: string): Promise<UserView | null> {
  const result = await authenticateDetailed(client, email, password);
  return result.ok ? result.user : null;
}

export type Authentication =
  | { ok: true; user: UserView }
  | { ok: false; reason: "unknown" | "password" | "disabled"; userId: string | null };

/** Like authenticate, with the reason of a refusal (for the audit log, never for the caller). */
export async function authenticateDetailed(client: Db, email: string, password: string): Promise<Authentication> {
  const user = await client.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  // Verify against a dummy hash when the user is unknown, so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user) return { ok: false, reason: "unknown", userId: null };
  if (!ok) return { ok: false, reason: "password", userId: user.id };
  if (user.disabled) return { ok: false, reason: "disabled", userId: user.id };
  const view = Object.fromEntries(Object.entries(user).filter(([k]) => k in publicFields)) as UserView;
  return { ok: true, user: view };
}

const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
