// Customers: the domain functions behind the dashboard, the CLI and the vendor callbacks.
import { providerOfDb, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { conflict, isUniqueViolation, notFound, validationError } from "@/lib/errors";
import { customerInput, fieldErrorsOf, type CustomerData, type CustomerInput, type ListQuery } from "@/lib/customers/schemas";
import { audit, diff } from "@/lib/audit/audit";

const AUDITED = ["uname", "realname", "emails", "phones", "remark", "isVip", "vipLevel", "labels", "customFields", "externalIds"];
const label = (c: { uname: string; realname: string; id: number }) => c.uname || c.realname || `#${c.id}`;

export const customerInclude = {
  emails: { orderBy: { position: "asc" } },
  phones: { orderBy: { position: "asc" } },
  labels: { orderBy: { label: "asc" } },
  externalIds: { orderBy: [{ kind: "asc" }, { value: "asc" }] },
} satisfies Prisma.CustomerInclude;

type CustomerRow = Prisma.CustomerGetPayload<{ include: typeof customerInclude }>;

export type CustomerView = {
  id: number;
  uname: string;
  realname: string;
  emails: string[];
  phones: string[];
  remark: string;
  isVip: boolean;
  vipLevel: string;
  labels: string[];
  customFields: Record<string, string>;
  externalIds: { kind: string; value: string }[];
  createdAt: Date;
  updatedAt: Date;
};

function parseFields(json: string): Record<string, string> {
  try {
    const value = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

export function toView(row: CustomerRow): CustomerView {
  return {
    id: row.id,
    uname: row.uname,
    realname: row.realname,
    emails: row.emails.map((e) => e.email),
    phones: row.phones.map((p) => p.phone),
    remark: row.remark,
    isVip: row.isVip,
    vipLevel: row.vipLevel,
    labels: row.labels.map((l) => l.label),
    customFields: parseFields(row.customFields),
    externalIds: row.externalIds.map((x) => ({ kind: x.kind, value: x.value })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function parseCustomer(input: CustomerInput): CustomerData {
  const parsed = customerInput.safeParse(input);
  if (!parsed.success) throw validationError("The customer has invalid fields.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

function children(data: CustomerData) {
  return {
    emails: { create: data.emails.map((email, position) => ({ email, position })) },
    phones: { create: data.phones.map((phone, position) => ({ phone, position })) },
    labels: { create: data.labels.map((label) => ({ label })) },
    externalIds: { create: data.externalIds.map(({ kind, value }) => ({ kind, value })) },
  };
}

function scalars(data: CustomerData) {
  return {
    uname: data.uname,
    realname: data.realname,
    remark: data.remark,
    isVip: data.isVip,
    vipLevel: data.vipLevel,
    customFields: JSON.stringify(data.customFields),
  };
}

/** External ids are unique per kind across customers: name the one that is taken, and by whom. */
async function assertExternalIdsFree(client: Db, data: CustomerData, selfId?: number) {
  if (data.externalIds.length === 0) return;
  const taken = await client.externalId.findMany({
    where: { OR: data.externalIds.map(({ kind, value }) => ({ kind, value })), NOT: selfId ? { customerId: selfId } : undefined },
  });
  if (taken.length === 0) return;
  const errors: Record<string, string[]> = {};
  for (const t of taken) {
    const i = data.externalIds.findIndex((x) => x.kind === t.kind && x.value === t.value);
    (errors[`externalIds.${i}`] ??= []).push(`${t.kind} "${t.value}" already belongs to customer #${t.customerId}`);
  }
  throw conflict("An external id is already used by another customer.", errors);
}

function rethrowUnique(error: unknown): never {
  if (isUniqueViolation(error)) throw conflict("An external id is already used by another customer.", { externalIds: ["Already used by another customer"] });
  throw error;
}

export async function createCustomer(client: Db, input: CustomerInput): Promise<CustomerView> {
  const data = parseCustomer(input);
  await assertExternalIdsFree(client, data);
  const row = await client.customer
    .create({ data: { ...scalars(data), ...children(data) }, include: customerInclude })
    .catch(rethrowUnique);
  const view = toView(row);
  await audit(client, { action: "create", entity: "customer", entityId: view.id, customerId: view.id, summary: `created customer ${label(view)}`, changes: diff(null, view as unknown as Record<string, unknown>, AUDITED) });
  return view;
}

export async function updateCustomer(client: Db, id: number, input: CustomerInput): Promise<CustomerView> {
  const data = parseCustomer(input);
  await assertExternalIdsFree(client, data, id);
  const before = await getCustomer(client, id);
  const row = await client
    .$transaction(async (tx) => {
      const existing = await tx.customer.findUnique({ where: { id }, select: { id: true } });
      if (!existing) throw notFound(`Customer #${id} does not exist.`);
      await tx.customerEmail.deleteMany({ where: { customerId: id } });
      await tx.customerPhone.deleteMany({ where: { customerId: id } });
      await tx.customerLabel.deleteMany({ where: { customerId: id } });
      await tx.externalId.deleteMany({ where: { customerId: id } });
      return tx.customer.update({ where: { id }, data: { ...scalars(data), ...children(data) }, include: customerInclude });
    })
    .catch(rethrowUnique);
  const view = toView(row);
  const changes = diff(before as unknown as Record<string, unknown>, view as unknown as Record<string, unknown>, AUDITED);
  if (Object.keys(changes).length) await audit(client, { action: "update", entity: "customer", entityId: id, customerId: id, summary: `changed ${Object.keys(changes).join(", ")} of ${label(view)}`, changes });
  return view;
}

export async function deleteCustomer(client: Db, id: number): Promise<void> {
  const before = await getCustomer(client, id);
  const { count } = await client.customer.deleteMany({ where: { id } });
  if (count === 0 || !before) throw notFound(`Customer #${id} does not exist.`);
  await audit(client, { action: "delete", entity: "customer", entityId: id, customerId: id, summary: `deleted customer ${label(before)}`, changes: diff(before as unknown as Record<string, unknown>, null, AUDITED) });
}

export async function getCustomer(client: Db, id: number): Promise<CustomerView | null> {
  const row = await client.customer.findUnique({ where: { id }, include: customerInclude });
  return row ? toView(row) : null;
}

/** The list's sort orders, ties broken by id so pages are stable. */
export const customerOrderBy: Record<ListQuery["sort"], (dir: "asc" | "desc") => Prisma.CustomerOrderByWithRelationInput[]> = {
  updated: (dir) => [{ updatedAt: dir }, { id: dir }],
  created: (dir) => [{ createdAt: dir }, { id: dir }],
  uname: (dir) => [{ uname: dir }, { id: dir }],
  realname: (dir) => [{ realname: dir }, { id: dir }],
  id: (dir) => [{ id: dir }],
};

export function searchWhere(client: Db, query: Pick<ListQuery, "q" | "vip" | "label">): Prisma.CustomerWhereInput {
  const and: Prisma.CustomerWhereInput[] = [];
  const q = query.q.trim();
  if (q) {
    // SQLite's LIKE is case-insensitive for ASCII already; PostgreSQL needs ILIKE.
    const mode = providerOfDb(client) === "postgresql" ? ("insensitive" as const) : undefined;
    const contains = { contains: q, mode };
    const or: Prisma.CustomerWhereInput[] = [
      { uname: contains },
      { realname: contains },
      { emails: { some: { email: contains } } },
      // A phone-like query matches however the number was typed ("138 0000-0000").
      { phones: { some: { phone: { contains: /^[+\d\s\-().]+$/.test(q) ? q.replace(/[^0-9+]/g, "") : q } } } },
      { externalIds: { some: { value: contains } } },
    ];
    if (/^#?\d{1,9}$/.test(q)) or.push({ id: Number(q.replace("#", "")) });
    and.push({ OR: or });
  }
  if (query.vip === "yes") and.push({ isVip: true });
  if (query.vip === "no") and.push({ isVip: false });
  if (query.label) and.push({ labels: { some: { label: query.label } } });
  return and.length ? { AND: and } : {};
}

export type CustomerPage = { items: CustomerView[]; total: number; page: number; pages: number; per: number };

export async function listCustomers(client: Db, query: ListQuery): Promise<CustomerPage> {
  const where = searchWhere(client, query);
  const [total, rows] = await Promise.all([
    client.customer.count({ where }),
    client.customer.findMany({
      where,
      include: customerInclude,
      orderBy: customerOrderBy[query.sort](query.dir),
      skip: (query.page - 1) * query.per,
      take: query.per,
    }),
  ]);
  return { items: rows.map(toView), total, page: query.page, per: query.per, pages: Math.max(1, Math.ceil(total / query.per)) };
}

export async function listLabels(client: Db): Promise<{ label: string; count: number }[]> {
  const rows = await client.customerLabel.groupBy({ by: ["label"], _count: { label: true }, orderBy: { label: "asc" } });
  return rows.map((r) => ({ label: r.label, count: r._count.label }));
}
