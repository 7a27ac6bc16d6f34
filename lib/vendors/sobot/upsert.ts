// Applying a Sobot webhook push to Deskbridge's customers: find by the Sobot customer id (else by
// email or phone, when the integration allows it), merge, never duplicate. Merging is idempotent,
// so applying the same push twice leaves the customer as once. A customer's lists are bounded
// (LIMITS): a push adds the newest values and the oldest ones make room.
import type { Db } from "@/lib/db/client";
import { dateOf, preparedRows } from "@/lib/db/prepared";
import { Prisma } from "@/lib/generated/sqlite/client";
import { type Lock, withLocks } from "@/lib/db/locks";
import { createCustomer, getCustomer, type CustomerView, rethrowUnique } from "@/lib/customers/customers";
import { applyChange, customerChange } from "@/lib/customers/update";
import { customerViewById, findByEmail, findByExternalId, findByPhone } from "@/lib/customers/lookup";
import { type CustomerInput, LIMITS } from "@/lib/customers/schemas";
import { isUniqueViolation } from "@/lib/errors";
import { normalizePhone } from "@/lib/phones/normalize";
import type { PushNames, SobotPush } from "@/lib/vendors/sobot/push";

export type { SobotPush } from "@/lib/vendors/sobot/push";

export type UpsertResult = {
  customerId: number;
  created: boolean;
  matchedBy: string | null;
  duplicate: Date | null;
  /** Older values that made room for the push's (limits per customer). */
  dropped: string[];
};

/**
 * The values of `older` then the new ones of `newer`, in that order. Past `max`, the oldest
 * values the push did not name make room first, then (a push longer than the limit) its first ones.
 */
function newest(older: string[], newer: string[], max: number, what: string, dropped: string[]): string[] {
  const all = [...new Set([...older, ...newer])];
  let excess = all.length - max;
  if (excess <= 0) return all;
  const named = new Set(newer);
  const kept: string[] = [];
  for (const value of all) {
    if (excess > 0 && !named.has(value)) {
      dropped.push(`${what} ${JSON.stringify(value)}`);
      excess--;
    } else kept.push(value);
  }
  for (const value of kept.splice(0, Math.max(0, excess))) dropped.push(`${what} ${JSON.stringify(value)}`);
  return kept;
}

/** Pushed phones, each in the writing the customer already has for that number (one number, one entry). */
function asWritten(existing: string[], pushed: string[]): string[] {
  const known = new Map(existing.map((p) => [normalizePhone(p) || p, p]));
  return pushed.map((p) => known.get(normalizePhone(p) || p) ?? p);
}

/** Custom fields in the order they were last set; the newest `max` kept. */
function newestFields(
  older: Record<string, string>,
  newer: Record<string, string>,
  dropped: string[],
): Record<string, string> {
  const keys = newest(Object.keys(older), Object.keys(newer), LIMITS.customFields, "custom field", dropped);
  return Object.fromEntries(keys.map((k) => [k, Object.hasOwn(newer, k) ? newer[k] : older[k]]));
}

/** The merged customer: what the push says wins, what it leaves empty keeps its value. */
export function mergePush(
  existing: CustomerView | null,
  push: SobotPush,
  names: PushNames = {
    labels: push.labels,
    vipLevel: push.vipLevel,
    fields: push.exFields,
  },
): { input: CustomerInput; dropped: string[] } {
  const dropped: string[] = [];
  const pushed: Record<string, string> = { ...names.fields };
  if (push.qq) pushed.qq = push.qq;
  if (push.face) pushed.face = push.face;
  if (push.pid) pushed.sobot_pid = push.pid;
  const externalIds = existing?.externalIds.map((x) => ({ kind: x.kind as "sobot-customer", value: x.value })) ?? [];
  if (!externalIds.some((x) => x.kind === "sobot-customer" && x.value === push.id))
    externalIds.push({ kind: "sobot-customer", value: push.id });
  const nickname = push.nick || existing?.uname || "";
  const realname = push.uname || existing?.realname || "";
  const input: CustomerInput = {
    // Without any name, "sobot-<id>", cut to the characters a nickname may have.
    uname: nickname || (realname ? "" : `sobot-${push.id}`.slice(0, LIMITS.nameLength)),
    realname,
    emails: newest(existing?.emails ?? [], push.emails, LIMITS.emails, "email", dropped),
    phones: newest(
      existing?.phones ?? [],
      asWritten(existing?.phones ?? [], push.phones),
      LIMITS.phones,
      "phone",
      dropped,
    ),
    remark: push.remark || existing?.remark || "",
    isVip: push.isVip ?? existing?.isVip ?? false,
    vipLevel: names.vipLevel || existing?.vipLevel || "",
    labels: newest(existing?.labels ?? [], names.labels, LIMITS.labels, "label", dropped),
    customFields: newestFields(existing?.customFields ?? {}, pushed, dropped),
    externalIds,
  };
  return { input, dropped };
}

async function findExisting(
  client: Db,
  push: SobotPush,
  allowContactMatch: boolean,
): Promise<{ customer: CustomerView | null; matchedBy: string | null }> {
  const byId = await findByExternalId(client, "sobot-customer", push.id);
  if (byId) return { customer: byId, matchedBy: "Sobot customer id" };
  if (!allowContactMatch) return { customer: null, matchedBy: null };
  for (const email of push.emails) {
    const found = await findByEmail(client, email);
    if (found) return { customer: found, matchedBy: `email ${email}` };
  }
  for (const tel of push.phones) {
    const found = await findByPhone(client, tel);
    if (found) return { customer: found, matchedBy: `phone ${tel}` };
  }
  return { customer: null, matchedBy: null };
}

/**
 * Applies the push holding its keys: its Sobot id and, when contacts merge, its emails and phones.
 * Concurrent pushes for one customer (Sobot sends several at once, and its retries) then apply one
 * after the other, on every instance, instead of creating duplicates or deadlocking.
 */
export function upsertSobotCustomer(
  client: Db,
  integrationId: string,
  push: SobotPush,
  digest: string,
  allowContactMatch: boolean,
  names?: PushNames,
): Promise<UpsertResult> {
  const keys = [`sobot-customer:${push.id}`];
  if (allowContactMatch)
    keys.push(...push.emails.map((e) => `email:${e}`), ...push.phones.map((p) => `phone:${normalizePhone(p) || p}`));
  return withLocks(
    client,
    keys.map((k) => `customer-key:${k}`),
    (locked, lock) => upsertLocked(locked, lock, integrationId, push, digest, allowContactMatch, names),
  );
}

async function upsertLocked(
  client: Db,
  lock: Lock,
  integrationId: string,
  push: SobotPush,
  digest: string,
  allowContactMatch: boolean,
  names?: PushNames,
): Promise<UpsertResult> {
  // A duplicate is a push identical to the latest one applied to that customer (a retry). The
  // same body arriving after a different one (A, B, A) is applied again.
  // Prepared statements (lib/db/prepared): every push runs these.
  const [seen] = await preparedRows<{ id: number; customerId: number | null; createdAt: unknown; latest: number }>(
    client,
    Prisma.sql`
      SELECT r."id", r."customerId", r."createdAt",
        (SELECT l."id" FROM "WebhookReceipt" l WHERE l."integrationId" = r."integrationId"
          AND l."customerId" = r."customerId" ORDER BY l."createdAt" DESC, l."id" DESC LIMIT 1) AS "latest"
      FROM "WebhookReceipt" r WHERE r."integrationId" = ${integrationId} AND r."digest" = ${digest}`,
  );
  if (seen && Number(seen.latest) === Number(seen.id))
    return {
      customerId: seen.customerId ?? 0,
      created: false,
      matchedBy: null,
      duplicate: dateOf(seen.createdAt),
      dropped: [],
    };

  const found = await findExisting(client, push, allowContactMatch);
  const { matchedBy } = found;
  let customer = found.customer;
  if (customer) {
    // Another push may reach the same customer through another key (a phone, where this one came
    // by its id): the customer itself is locked, and read again under the lock.
    await lock(`customer:${customer.id}`);
    customer = await customerViewById(client, customer.id);
  }
  const { input, dropped } = mergePush(customer, push, names);
  const receipt = (customerId: number) =>
    seen
      ? Prisma.sql`UPDATE "WebhookReceipt" SET "createdAt" = ${new Date()}, "customerId" = ${customerId}
          WHERE "id" = ${seen.id}`
      : Prisma.sql`INSERT INTO "WebhookReceipt" ("integrationId", "digest", "customerId", "createdAt")
          VALUES (${integrationId}, ${digest}, ${customerId}, ${new Date()})`;
  let customerId = customer?.id ?? 0;
  try {
    if (customer) {
      // The change and its receipt are written together: a push is applied and known, or neither.
      const change = await customerChange(client, customer, input);
      if (change) await applyChange(client, change, receipt(customer.id));
      else await preparedRows(client, receipt(customer.id));
    } else {
      customerId = (await createCustomer(client, input)).id;
      await preparedRows(client, receipt(customerId));
    }
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The same push applied concurrently (its receipt is there): the merge is idempotent, so a duplicate.
    const first = await client.webhookReceipt.findUnique({
      where: { integrationId_digest: { integrationId, digest } },
    });
    if (!first) rethrowUnique(error);
    return {
      customerId: first.customerId ?? customerId,
      created: false,
      matchedBy,
      duplicate: first.createdAt,
      dropped,
    };
  }
  return { customerId, created: !customer, matchedBy, duplicate: null, dropped };
}

export { getCustomer };
