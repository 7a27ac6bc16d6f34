// Finding the customer a vendor asks about: by external id, phone (its normal form) or email. Every vendor call
// runs one of these, so they are plain SQL (three small statements) rather than the query
// builder's include (six statements, each several times the CPU of its SQL); the result is the
// same CustomerView the rest of the app uses.
import type { Db } from "@/lib/db/client";
import { preparedRows } from "@/lib/db/prepared";
import { Prisma } from "@/lib/generated/sqlite/client";
import { toView, type CustomerView } from "@/lib/customers/customers";
import type { ExternalIdKind } from "@/lib/customers/schemas";
import { normalizePhone } from "@/lib/phones/normalize";

type Head = {
  id: number;
  uname: string;
  realname: string;
  remark: string;
  isVip: unknown;
  vipLevel: string;
  customFields: string;
  createdAt: unknown;
  updatedAt: unknown;
};
type Child = { t: string; a: string; b: string | null; p: number };

/** The customer with its emails, phones, labels and external ids, ordered as the dashboard shows them. */
export async function customerViewById(client: Db, id: number): Promise<CustomerView | null> {
  const [head] = await preparedRows<Head>(
    client,
    Prisma.sql`
    SELECT "id", "uname", "realname", "remark", "isVip", "vipLevel", "customFields", "createdAt", "updatedAt"
    FROM "Customer" WHERE "id" = ${id}`,
  );
  if (!head) return null;
  const children = await preparedRows<Child>(
    client,
    Prisma.sql`
    SELECT 'e' AS "t", "email" AS "a", NULL AS "b", "position" AS "p" FROM "CustomerEmail" WHERE "customerId" = ${id}
    UNION ALL SELECT 'p', "phone", NULL, "position" FROM "CustomerPhone" WHERE "customerId" = ${id}
    UNION ALL SELECT 'l', "label", NULL, 0 FROM "CustomerLabel" WHERE "customerId" = ${id}
    UNION ALL SELECT 'x', "kind", "value", 0 FROM "ExternalId" WHERE "customerId" = ${id}
    ORDER BY 1, 4, 2, 3`,
  );
  const of = (t: string) => children.filter((c) => c.t === t);
  // The same shape the query builder would return, so one mapping (toView) serves both.
  return toView({
    ...head,
    id: Number(head.id),
    isVip: head.isVip === true || Number(head.isVip) === 1,
    createdAt: new Date(head.createdAt as string | Date),
    updatedAt: new Date(head.updatedAt as string | Date),
    emails: of("e").map((c) => ({ email: c.a })),
    phones: of("p").map((c) => ({ phone: c.a })),
    labels: of("l").map((c) => ({ label: c.a })),
    externalIds: of("x").map((c) => ({ kind: c.a, value: c.b ?? "" })),
  });
}

const firstId = (rows: { customerId: number }[]) => (rows.length ? Number(rows[0].customerId) : null);

export async function findByExternalId(client: Db, kind: ExternalIdKind, value: string): Promise<CustomerView | null> {
  if (!value) return null;
  const id = firstId(
    await preparedRows<{ customerId: number }>(
      client,
      Prisma.sql`SELECT "customerId" FROM "ExternalId" WHERE "kind" = ${kind} AND "value" = ${value}`,
    ),
  );
  return id === null ? null : customerViewById(client, id);
}

/** The customer with this phone number, however either side wrote it (lib/phones: one normal form). */
export async function findByPhone(client: Db, phone: string): Promise<CustomerView | null> {
  const normalized = normalizePhone(phone);
  if (!normalized) return null;
  const id = firstId(
    await preparedRows<{ customerId: number }>(
      client,
      Prisma.sql`SELECT "customerId" FROM "CustomerPhone" WHERE "normalized" = ${normalized}
        ORDER BY "customerId" LIMIT 1`,
    ),
  );
  return id === null ? null : customerViewById(client, id);
}

export async function findByEmail(client: Db, email: string): Promise<CustomerView | null> {
  const normalized = email.trim().toLowerCase();
  if (!normalized) return null;
  const id = firstId(
    await preparedRows<{ customerId: number }>(
      client,
      Prisma.sql`SELECT "customerId" FROM "CustomerEmail" WHERE "email" = ${normalized} ORDER BY "customerId" LIMIT 1`,
    ),
  );
  return id === null ? null : customerViewById(client, id);
}

/**
 * How a lookup read a value, for the call's detail when nobody matched: `phone "+86 138 0013 8000"
 * (as +8613800138000)`, `email "Li@X.com" (as li@x.com)`, or the value alone when read as sent.
 */
export function triedAs(field: string, value: string, kind: "phone" | "email" | "id"): string {
  const read = kind === "phone" ? normalizePhone(value) : kind === "email" ? value.trim().toLowerCase() : value;
  return read === value ? `${field} "${value}"` : `${field} "${value}" (as ${read || "no digits"})`;
}
