// Applying a Sobot webhook push to Deskbridge's customers: find by the Sobot customer id (else by
// email or phone, when the integration allows it), merge, never duplicate. Merging is idempotent,
// so applying the same push twice leaves the customer as once.
import type { Db } from "@/lib/db/client";
import { createCustomer, getCustomer, updateCustomer, type CustomerView } from "@/lib/customers/customers";
import { findByEmail, findByExternalId, findByPhone } from "@/lib/customers/lookup";
import type { CustomerInput } from "@/lib/customers/schemas";
import { isUniqueViolation } from "@/lib/errors";

export type SobotPush = {
  id: string;
  pid: string;
  nick: string;
  uname: string;
  email: string;
  tel: string;
  qq: string;
  remark: string;
  is_vip: string;
  vip_level: string;
  user_label: string;
  face: string;
  ex_fields: Record<string, string | number | boolean | null>;
};

export type UpsertResult = { customerId: number; created: boolean; matchedBy: string | null; duplicate: Date | null };

const split = (value: string, separator: RegExp) =>
  value
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

/** The merged customer: what the push says wins, what it leaves empty keeps its value. */
export function mergePush(existing: CustomerView | null, push: SobotPush): CustomerInput {
  const fields: Record<string, string> = { ...(existing?.customFields ?? {}) };
  // Custom fields are single lines: line breaks become spaces.
  const line = (v: unknown) => String(v).replace(/[\r\n]+/g, " ");
  for (const [k, v] of Object.entries(push.ex_fields)) if (v !== null) fields[k] = line(v);
  if (push.qq) fields.qq = line(push.qq);
  if (push.face) fields.face = line(push.face);
  if (push.pid) fields.sobot_pid = line(push.pid);
  const externalIds = existing?.externalIds.map((x) => ({ kind: x.kind as "sobot-customer", value: x.value })) ?? [];
  if (!externalIds.some((x) => x.kind === "sobot-customer" && x.value === push.id))
    externalIds.push({ kind: "sobot-customer", value: push.id });
  const nickname = push.nick || existing?.uname || "";
  const realname = push.uname || existing?.realname || "";
  return {
    // Without any name, "sobot-<id>", cut to the 100 characters (code points) a nickname may have.
    uname: nickname || (realname ? "" : [...`sobot-${push.id}`].slice(0, 100).join("")),
    realname,
    emails: union(existing?.emails ?? [], split(push.email, /[;；]/)),
    phones: union(existing?.phones ?? [], split(push.tel, /[;；]/)),
    remark: push.remark || existing?.remark || "",
    isVip: push.is_vip ? push.is_vip === "1" : (existing?.isVip ?? false),
    vipLevel: push.vip_level || existing?.vipLevel || "",
    labels: union(existing?.labels ?? [], split(push.user_label, /[,，]/)),
    customFields: fields,
    externalIds,
  };
}

async function findExisting(
  client: Db,
  push: SobotPush,
  allowContactMatch: boolean,
): Promise<{ customer: CustomerView | null; matchedBy: string | null }> {
  const byId = await findByExternalId(client, "sobot-customer", push.id);
  if (byId) return { customer: byId, matchedBy: "Sobot customer id" };
  if (!allowContactMatch) return { customer: null, matchedBy: null };
  for (const email of split(push.email, /[;；]/)) {
    const found = await findByEmail(client, email);
    if (found) return { customer: found, matchedBy: `email ${email}` };
  }
  for (const tel of split(push.tel, /[;；]/)) {
    const found = await findByPhone(client, tel);
    if (found) return { customer: found, matchedBy: `phone ${tel}` };
  }
  return { customer: null, matchedBy: null };
}

export async function upsertSobotCustomer(
  client: Db,
  integrationId: string,
  push: SobotPush,
  digest: string,
  allowContactMatch: boolean,
): Promise<UpsertResult> {
  // A duplicate is a push identical to the latest one applied to that customer (a retry). The
  // same body arriving after a different one (A, B, A) is applied again.
  const seen = await client.webhookReceipt.findUnique({ where: { integrationId_digest: { integrationId, digest } } });
  if (seen) {
    const latest = await client.webhookReceipt.findFirst({
      where: { integrationId, customerId: seen.customerId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    if (latest?.id === seen.id)
      return { customerId: seen.customerId ?? 0, created: false, matchedBy: null, duplicate: seen.createdAt };
  }

  const { customer, matchedBy } = await findExisting(client, push, allowContactMatch);
  const merged = mergePush(customer, push);
  const saved = customer ? await updateCustomer(client, customer.id, merged) : await createCustomer(client, merged);
  try {
    if (seen)
      await client.webhookReceipt.update({
        where: { id: seen.id },
        data: { createdAt: new Date(), customerId: saved.id },
      });
    else await client.webhookReceipt.create({ data: { integrationId, digest, customerId: saved.id } });
  } catch (error) {
    // The same push applied concurrently: the merge above was idempotent, so it is a duplicate.
    if (!isUniqueViolation(error)) throw error;
    const first = await client.webhookReceipt.findUnique({
      where: { integrationId_digest: { integrationId, digest } },
    });
    return { customerId: saved.id, created: false, matchedBy, duplicate: first?.createdAt ?? new Date() };
  }
  return { customerId: saved.id, created: !customer, matchedBy, duplicate: null };
}

export { getCustomer };
