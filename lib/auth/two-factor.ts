// Two-factor sign-in with TOTP (RFC 6238, otplib: what authenticator apps speak) and one-time
// recovery codes. The TOTP secret is sealed with the master key like any other secret; recovery
// codes are stored as SHA-256 hashes (each is 80 random bits, so a hash cannot be walked back).
// A code is accepted once: the time step of the last accepted one is kept, and a recovery code is
// marked used in the same statement that checks it.
import crypto from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import type { Db } from "@/lib/db/client";
import { audit } from "@/lib/audit/audit";
import { verifyPassword } from "@/lib/auth/password";
import { twoFactorPolicy, twoFactorRequired } from "@/lib/auth/two-factor-policy";
import { conflict, notFound, validationError } from "@/lib/errors";
import { open, seal } from "@/lib/secrets/cipher";

const ISSUER = "Deskbridge";
const RECOVERY_CODES = 10;
const context = (userId: string) => `user:${userId}:totp`;

export type Enrolment = { secret: string; uri: string };

async function load(client: Db, userId: string) {
  const user = await client.user.findUnique({ where: { id: userId } });
  if (!user) throw notFound(`User ${userId} does not exist.`);
  return user;
}

/** The secret being set up (a new one when there is none yet), to scan or type into an app. */
export async function enrolment(client: Db, key: Buffer, userId: string): Promise<Enrolment> {
  const user = await load(client, userId);
  if (user.totpEnabledAt) throw conflict("Two-factor sign-in is already on.");
  let secret = user.totpPending ? open(key, user.totpPending, context(userId)) : "";
  if (!secret) {
    secret = generateSecret();
    await client.user.update({ where: { id: userId }, data: { totpPending: seal(key, secret, context(userId)) } });
  }
  return { secret, uri: generateURI({ issuer: ISSUER, label: user.email, secret }) };
}

/** The TOTP time step a code belongs to, when it is valid now (±30 s) and newer than the last one. */
async function totpStep(secret: string, code: string, afterTimeStep: number): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = await verify({ secret, token: code, epochTolerance: 30, afterTimeStep });
    return result.valid ? (result as { timeStep: number }).timeStep : null;
  } catch {
    return null; // otplib refuses a reused step by throwing
  }
}

const normalizeRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, "");
const hashRecovery = (code: string) => crypto.createHash("sha256").update(normalizeRecovery(code)).digest("hex");

function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"; // 31 letters: no 0/o, 1/l/i
  return Array.from({ length: RECOVERY_CODES }, () => {
    const chars = Array.from({ length: 16 }, () => alphabet[crypto.randomInt(alphabet.length)]).join("");
    return chars.match(/.{4}/g)!.join("-");
  });
}

async function storeRecoveryCodes(client: Pick<Db, "recoveryCode">, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await client.recoveryCode.deleteMany({ where: { userId } });
  await client.recoveryCode.createMany({ data: codes.map((c) => ({ userId, hash: hashRecovery(c) })) });
  return codes;
}

/**
 * Turns two-factor sign-in on once the user proves the app has the secret. Every session of the
 * user ends (one opened with the password alone should not outlive it); returns the recovery
 * codes, shown once, and the new session version for the session that made the change.
 */
export async function confirmEnrolment(
  client: Db,
  key: Buffer,
  userId: string,
  code: string,
): Promise<{ codes: string[]; sessionVersion: number }> {
  const user = await load(client, userId);
  if (user.totpEnabledAt) throw conflict("Two-factor sign-in is already on.");
  if (!user.totpPending) throw validationError("Start the set-up first.", { code: ["Start the set-up first"] });
  const step = await totpStep(open(key, user.totpPending, context(userId)), code.trim(), 0);
  if (step === null)
    throw validationError("That code is not right: check the app's clock and type the code it shows now.", {
      code: ["Not the code the app shows now"],
    });
  const result = await client.$transaction(async (tx) => {
    const { sessionVersion } = await tx.user.update({
      where: { id: userId },
      data: {
        totpSecret: user.totpPending,
        totpPending: null,
        totpEnabledAt: new Date(),
        totpLastStep: step,
        sessionVersion: { increment: 1 },
      },
      select: { sessionVersion: true },
    });
    return { codes: await storeRecoveryCodes(tx, userId), sessionVersion };
  });
  await audit(client, {
    action: "update",
    entity: "user",
    entityId: userId,
    summary: `${user.email} turned on two-factor sign-in`,
  });
  return result;
}

async function checkPassword(client: Db, userId: string, password: string) {
  const user = await load(client, userId);
  if (!(await verifyPassword(password, user.passwordHash)))
    throw validationError("The password is wrong.", { password: ["Wrong password"] });
  return user;
}

/** New recovery codes (the old ones stop working); asks for the password. */
export async function replaceRecoveryCodes(client: Db, userId: string, password: string): Promise<string[]> {
  const user = await checkPassword(client, userId, password);
  if (!user.totpEnabledAt) throw conflict("Two-factor sign-in is off: there is nothing to recover.");
  const codes = await client.$transaction((tx) => storeRecoveryCodes(tx, userId));
  await audit(client, {
    action: "update",
    entity: "user",
    entityId: userId,
    summary: `${user.email} made new recovery codes`,
  });
  return codes;
}

/** Turns two-factor sign-in off: the user with their password, or an admin for a lost device. */
export async function turnOffTwoFactor(client: Db, userId: string, by: { password: string } | { admin: true }) {
  const user = "password" in by ? await checkPassword(client, userId, by.password) : await load(client, userId);
  if (!user.totpEnabledAt && !user.totpPending) return;
  if ("password" in by && twoFactorRequired(await twoFactorPolicy(client), user.role))
    throw conflict("Two-factor sign-in is required for your role; it cannot be turned off.");
  await client.$transaction([
    client.recoveryCode.deleteMany({ where: { userId } }),
    client.user.update({
      where: { id: userId },
      data: { totpSecret: null, totpPending: null, totpEnabledAt: null, totpLastStep: 0 },
    }),
  ]);
  await audit(client, {
    action: "update",
    entity: "user",
    entityId: userId,
    summary:
      "password" in by
        ? `${user.email} turned off two-factor sign-in`
        : `turned off two-factor sign-in of ${user.email}`,
  });
}

export type SecondFactor = { kind: "totp" } | { kind: "recovery"; left: number };

/** Checks a sign-in's code (an app's code or a recovery code) and spends it; null when wrong. */
export async function spendSecondFactor(
  client: Db,
  key: Buffer,
  user: { id: string; totpSecret: string | null; totpLastStep: number },
  code: string,
): Promise<SecondFactor | null> {
  if (!user.totpSecret) return null;
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed)) {
    const step = await totpStep(open(key, user.totpSecret, context(user.id)), trimmed, user.totpLastStep);
    if (step === null) return null;
    // Two sign-ins racing with the same code: only the one that moves the step forward wins.
    const moved = await client.user.updateMany({
      where: { id: user.id, totpLastStep: { lt: step } },
      data: { totpLastStep: step },
    });
    return moved.count === 1 ? { kind: "totp" } : null;
  }
  if (normalizeRecovery(trimmed).length !== 16) return null;
  const spent = await client.recoveryCode.updateMany({
    where: { userId: user.id, hash: hashRecovery(trimmed), usedAt: null },
    data: { usedAt: new Date() },
  });
  if (spent.count !== 1) return null;
  return { kind: "recovery", left: await client.recoveryCode.count({ where: { userId: user.id, usedAt: null } }) };
}

export async function recoveryCodesLeft(client: Db, userId: string): Promise<number> {
  return client.recoveryCode.count({ where: { userId, usedAt: null } });
}
