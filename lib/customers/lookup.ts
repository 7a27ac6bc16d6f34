// Finding the customer a vendor asks about: by external id, phone or email.
import type { Db } from "@/lib/db/client";
import { customerInclude, toView, type CustomerView } from "@/lib/customers/customers";
import type { ExternalIdKind } from "@/lib/customers/schemas";

export async function findByExternalId(client: Db, kind: ExternalIdKind, value: string): Promise<CustomerView | null> {
  if (!value) return null;
  const row = await client.externalId.findUnique({ where: { kind_value: { kind, value } }, select: { customer: { include: customerInclude } } });
  return row ? toView(row.customer) : null;
}

export async function findByPhone(client: Db, phone: string): Promise<CustomerView | null> {
  const normalized = phone.replace(/[^0-9+]/g, "");
  if (!normalized) return null;
  const row = await client.customerPhone.findFirst({
    where: { phone: normalized },
    orderBy: { customerId: "asc" },
    select: { customer: { include: customerInclude } },
  });
  return row ? toView(row.customer) : null;
}

export async function findByEmail(client: Db, email: string): Promise<CustomerView | null> {
  const normalized = email.trim().toLowerCase();
  if (!normalized) return null;
  const row = await client.customerEmail.findFirst({
    where: { email: normalized },
    orderBy: { customerId: "asc" },
    select: { customer: { include: customerInclude } },
  });
  return row ? toView(row.customer) : null;
}
