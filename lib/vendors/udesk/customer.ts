// Which customer a Udesk call is about, from what Udesk tells us, tried in one documented order
// (README, "Udesk: finding the customer"); the first key that finds someone wins:
//   1. the template's customer variable (a task-push template that names one: a phone, an email
//      or any external id the robot collected),
//   2. customerExtra.customerId (the Udesk customer id: external id udesk-customer),
//   3. customerExtra.callerNumber (the voice robot's caller: a phone, in any writing),
//   4. extra.weChatOpenId (external id wechat-openid),
//   5. the knowledge call's customer fields: its email, then its phone.
import type { Db } from "@/lib/db/client";
import type { CustomerView } from "@/lib/customers/customers";
import { findByEmail, findByExternalId, findByPhone, triedAs } from "@/lib/customers/lookup";
import { EXTERNAL_ID_KINDS } from "@/lib/customers/schemas";
import { lookupValue } from "@/lib/vendors/input";

export type UdeskKeys = {
  variable?: unknown;
  customerId?: unknown;
  callerNumber?: unknown;
  weChatOpenId?: unknown;
  /** The knowledge call's `customer` object, as Udesk sent it. */
  knowledgeCustomer?: Record<string, unknown> | null;
};

export type UdeskMatch = {
  customer: CustomerView | null;
  matchedBy: string | null;
  /** When nobody matched, every key tried as it was read (`customerExtra.callerNumber "…" (as +86…)`). */
  tried: string[];
};

/** Field names Udesk uses for a customer's email and phone (its API writes c_email, cellphone). */
const EMAIL_FIELDS = ["email", "c_email"];
const PHONE_FIELDS = ["cellphone", "phone", "mobile", "c_cellphone", "c_phone", "tel"];

const text = (value: unknown): string =>
  typeof value === "string" || typeof value === "number" ? lookupValue(String(value).trim()) : "";

/** A value the robot collected (phone, email or any external id) → the customer. */
export async function customerByValue(client: Db, value: unknown): Promise<CustomerView | null> {
  const v = text(value);
  if (!v) return null;
  if (v.includes("@")) return findByEmail(client, v);
  for (const kind of EXTERNAL_ID_KINDS) {
    const found = await findByExternalId(client, kind, v);
    if (found) return found;
  }
  return /^[+\d\s()-]{3,}$/.test(v) ? findByPhone(client, v) : null;
}

/** The customer of a Udesk call, and which key found it ("customerExtra.callerNumber 138…"). */
export async function findUdeskCustomer(client: Db, keys: UdeskKeys): Promise<UdeskMatch> {
  const k = keys.knowledgeCustomer ?? {};
  const firstOf = (names: string[]) => names.map((n) => [n, text(k[n])] as const).find(([, v]) => v);
  const email = firstOf(EMAIL_FIELDS);
  const phone = firstOf(PHONE_FIELDS);
  type Kind = "phone" | "email" | "id";
  const steps: [string, string, Kind, () => Promise<CustomerView | null>][] = [
    ["the template's variable", text(keys.variable), "id", () => customerByValue(client, keys.variable)],
    [
      "customerExtra.customerId",
      text(keys.customerId),
      "id",
      () => findByExternalId(client, "udesk-customer", text(keys.customerId)),
    ],
    [
      "customerExtra.callerNumber",
      text(keys.callerNumber),
      "phone",
      () => findByPhone(client, text(keys.callerNumber)),
    ],
    [
      "extra.weChatOpenId",
      text(keys.weChatOpenId),
      "id",
      () => findByExternalId(client, "wechat-openid", text(keys.weChatOpenId)),
    ],
    [`customer.${email?.[0]}`, email?.[1] ?? "", "email", () => findByEmail(client, email?.[1] ?? "")],
    [`customer.${phone?.[0]}`, phone?.[1] ?? "", "phone", () => findByPhone(client, phone?.[1] ?? "")],
  ];
  const present = steps.filter(([, value]) => value);
  for (const [name, value, , find] of present) {
    const customer = await find();
    if (customer) return { customer, matchedBy: `${name} "${value}"`, tried: [] };
  }
  // Only when nobody matched: each key as it was read (a phone's normal form costs a parse).
  return { customer: null, matchedBy: null, tried: present.map(([name, value, kind]) => triedAs(name, value, kind)) };
}

/** What the call log says about the match. */
export const matchNote = (m: UdeskMatch): string =>
  m.customer
    ? `; customer #${m.customer.id} by ${m.matchedBy}`
    : m.tried.length
      ? `; no customer matched; tried ${m.tried.join(", ")}`
      : "; no customer key in the call";
