// Finding the customer a vendor asks about: by external id, phone (its normal form) or email. Every vendor call
// runs one of these, so each is one plain SQL statement rather than the query builder's include
// (six statements, each several times the CPU of its SQL); the result is the same CustomerView
// the rest of the app uses.
import type { Db } from "@/lib/db/client";
import { dateOf, preparedRows } from "@/lib/db/prepared";
import { Prisma } from "@/lib/generated/sqlite/client";
import { toView, type CustomerView } from "@/lib/customers/customers";
import type { ExternalIdKind } from "@/lib/customers/schemas";
import { normalizePhone } from "@/lib/phones/normalize";

type Row = {
  /** c: the customer itself; e, l, p, x: an email, label, phone or external id. */
  t: string;
  a: string;
  b: string | null;
  p: number;
  remark: string | null;
  isVip: unknown;
  vipLevel: string | null;
  customFields: string | null;
  createdAt: unknown;
  updatedAt: unknown;
};

/**
 * The customer `hit` names (a query giving one "customerId") with its emails, phones, labels and
 * external ids, ordered as the dashboard shows them: one statement, so one round trip to the
 * database on every vendor call that finds a customer.
 */
async function customerViewOf(client: Db, hit: Prisma.Sql): Promise<CustomerView | null> {
  const rows = await preparedRows<Row>(
    client,
    Prisma.sql`
    WITH "hit" AS (${hit})
    SELECT 'c' AS "t", "uname" AS "a", "realname" AS "b", "id" AS "p", "remark", "isVip", "vipLevel",
      "customFields", "createdAt", "updatedAt"
    FROM "Customer" WHERE "id" = (SELECT "customerId" FROM "hit")
    UNION ALL SELECT 'e', "email", NULL, "position", NULL, NULL, NULL, NULL, NULL, NULL
    FROM "CustomerEmail" WHERE "customerId" = (SELECT "customerId" FROM "hit")
    UNION ALL SELECT 'p', "phone", NULL, "position", NULL, NULL, NULL, NULL, NULL, NULL
    FROM "CustomerPhone" WHERE "customerId" = (SELECT "customerId" FROM "hit")
    UNION ALL SELECT 'l', "label", NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL
    FROM "CustomerLabel" WHERE "customerId" = (SELECT "customerId" FROM "hit")
    UNION ALL SELECT 'x', "kind", "value", 0, NULL, NULL, NULL, NULL, NULL, NULL
    FROM "ExternalId" WHERE "customerId" = (SELECT "customerId" FROM "hit")
    ORDER BY 1, 4, 2, 3`,
  );
  const head = rows[0];
  if (head?.t !== "c") return null;
  const of = (t: string) => rows.filter((c) => c.t === t);
  // The same shape the query builder would return, so one mapping (toView) serves both.
  return toView({
    id: Number(head.p),
    uname: head.a,
    realname: head.b ?? "",
    remark: head.remark ?? "",
    isVip: head.isVip === true || Number(head.isVip) === 1,
    vipLevel: head.vipLevel ?? "",
    customFields: head.customFields ?? "{}",
    createdAt: dateOf(head.createdAt),
    updatedAt: dateOf(head.updatedAt),
    emails: of("e").map((c) => ({ email: c.a })),
    phones: of("p").map((c) => ({ phone: c.a })),
    labels: of("l").map((c) => ({ label: c.a })),
    externalIds: of("x").map((c) => ({ kind: c.a, value: c.b ?? "" })),
  });
}

/** The customer with its emails, phones, labels and external ids, ordered as the dashboard shows them. */
export function customerViewById(client: Db, id: number): Promise<CustomerView | null> {
  return customerViewOf(client, Prisma.sql`SELECT CAST(${id} AS INTEGER) AS "customerId"`);
}

export async function findByExternalId(client: Db, kind: ExternalIdKind, value: string): Promise<CustomerView | null> {
  if (!value) return null;
  return customerViewOf(
    client,
    Prisma.sql`SELECT "customerId" FROM "ExternalId" WHERE "kind" = ${kind} AND "value" = ${value}
      ORDER BY "customerId" LIMIT 1`,
  );
}

/** The customer with this phone number, however either side wrote it (lib/phones: one normal form). */
export async function findByPhone(client: Db, phone: string): Promise<CustomerView | null> {
  const normalized = normalizePhone(phone);
  if (!normalized) return null;
  return customerViewOf(
    client,
    Prisma.sql`SELECT "customerId" FROM "CustomerPhone" WHERE "normalized" = ${normalized}
      ORDER BY "customerId" LIMIT 1`,
  );
}

export async function findByEmail(client: Db, email: string): Promise<CustomerView | null> {
  const normalized = email.trim().toLowerCase();
  if (!normalized) return null;
  return customerViewOf(
    client,
    Prisma.sql`SELECT "customerId" FROM "CustomerEmail" WHERE "email" = ${normalized} ORDER BY "customerId" LIMIT 1`,
  );
}

/**
 * How a lookup read a value, for the call's detail when nobody matched: `phone "+86 138 0013 8000"
 * (as +8613800138000)`, `email "Li@X.com" (as li@x.com)`, or the value alone when read as sent.
 */
export function triedAs(field: string, value: string, kind: "phone" | "email" | "id"): string {
  const read = kind === "phone" ? normalizePhone(value) : kind === "email" ? value.trim().toLowerCase() : value;
  return read === value ? `${field} "${value}"` : `${field} "${value}" (as ${read || "no digits"})`;
}
