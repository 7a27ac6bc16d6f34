// Customers: the domain functions behind the dashboard, the CLI and the vendor callbacks.
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/sqlite/client";
import { conflict, isUniqueViolation, notFound, validationError } from "@/lib/errors";
import { customerInput, type CustomerData, type CustomerInput, type ListQuery } from "@/lib/customers/schemas";
import { fieldErrorsOf } from "@/lib/field-errors";
import { audit, diff } from "@/lib/audit/audit";
import { phoneRows } from "@/lib/phones/normalize";
import { amongMatches, matchCountUpTo, rowMatches, searchMatches } from "@/lib/customers/search";

export const AUDITED = [
  "uname",
  "realname",
  "emails",
  "phones",
  "remark",
  "isVip",
  "vipLevel",
  "labels",
  "customFields",
  "externalIds",
];
export const label = (c: { uname: string; realname: string; id: number }) => c.uname || c.realname || `#${c.id}`;

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

/** What toView reads: a customer row with its children (built by the query builder or by plain SQL). */
export type CustomerSource = Omit<CustomerRow, "emails" | "phones" | "labels" | "externalIds"> & {
  emails: { email: string }[];
  phones: { phone: string }[];
  labels: { label: string }[];
  externalIds: { kind: string; value: string }[];
};

export function toView(row: CustomerSource): CustomerView {
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
    phones: { create: phoneRows(data.phones) },
    labels: { create: data.labels.map((label) => ({ label })) },
    externalIds: { create: data.externalIds.map(({ kind, value }) => ({ kind, value })) },
  };
}

export function scalars(data: CustomerData) {
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
export async function assertExternalIdsFree(client: Db, data: CustomerData, selfId?: number) {
  if (data.externalIds.length === 0) return;
  const taken = await client.externalId.findMany({
    where: {
      OR: data.externalIds.map(({ kind, value }) => ({ kind, value })),
      NOT: selfId ? { customerId: selfId } : undefined,
    },
  });
  if (taken.length === 0) return;
  const errors: Record<string, string[]> = {};
  for (const t of taken) {
    const i = data.externalIds.findIndex((x) => x.kind === t.kind && x.value === t.value);
    errors[`externalIds.${i}`] ??= [];
    errors[`externalIds.${i}`].push(`${t.kind} "${t.value}" already belongs to customer #${t.customerId}`);
  }
  throw conflict("An external id is already used by another customer.", errors);
}

export function rethrowUnique(error: unknown): never {
  if (isUniqueViolation(error))
    throw conflict("An external id is already used by another customer.", {
      externalIds: ["Already used by another customer"],
    });
  throw error;
}

export async function createCustomer(client: Db, input: CustomerInput): Promise<CustomerView> {
  const data = parseCustomer(input);
  await assertExternalIdsFree(client, data);
  const row = await client.customer
    .create({ data: { ...scalars(data), ...children(data) }, include: customerInclude })
    .catch(rethrowUnique);
  const view = toView(row);
  await audit(client, {
    action: "create",
    entity: "customer",
    entityId: view.id,
    customerId: view.id,
    summary: `created customer ${label(view)}`,
    changes: diff(null, view as unknown as Record<string, unknown>, AUDITED),
  });
  return view;
}

export { updateCustomer } from "@/lib/customers/update";

export async function deleteCustomer(client: Db, id: number): Promise<void> {
  const before = await getCustomer(client, id);
  const { count } = await client.customer.deleteMany({ where: { id } });
  if (count === 0 || !before) throw notFound(`Customer #${id} does not exist.`);
  await audit(client, {
    action: "delete",
    entity: "customer",
    entityId: id,
    customerId: id,
    summary: `deleted customer ${label(before)}`,
    changes: diff(before as unknown as Record<string, unknown>, null, AUDITED),
  });
}

export async function getCustomer(client: Db, id: number): Promise<CustomerView | null> {
  const row = await client.customer.findUnique({ where: { id }, include: customerInclude });
  return row ? toView(row) : null;
}

/** The list's sort orders, ties broken by id so pages are stable. */
export const customerOrderBy: Record<
  ListQuery["sort"],
  (dir: "asc" | "desc") => Prisma.CustomerOrderByWithRelationInput[]
> = {
  updated: (dir) => [{ updatedAt: dir }, { id: dir }],
  created: (dir) => [{ createdAt: dir }, { id: dir }],
  uname: (dir) => [{ uname: dir }, { id: dir }],
  realname: (dir) => [{ realname: dir }, { id: dir }],
  id: (dir) => [{ id: dir }],
};

/** The list's filters other than the text search (which is SQL, below): VIP status and label. */
export function filterWhere(query: Pick<ListQuery, "vip" | "label">): Prisma.CustomerWhereInput {
  const and: Prisma.CustomerWhereInput[] = [];
  if (query.vip === "yes") and.push({ isVip: true });
  if (query.vip === "no") and.push({ isVip: false });
  if (query.label) and.push({ labels: { some: { label: query.label } } });
  return and.length ? { AND: and } : {};
}

const SORT_COLUMNS: Record<ListQuery["sort"], string> = {
  updated: "updatedAt",
  created: "createdAt",
  uname: "uname",
  realname: "realname",
  id: "id",
};

/**
 * The text search, in one SQL statement: the ids of the customers whose nickname, real name,
 * an email, a phone or an external id contains the text (or whose id it is), filtered, sorted
 * and paged, with the total of matches. The matches come from each column's text index
 * (lib/customers/search) and are joined by id: Prisma's relation filters (`emails: { some: … }`)
 * would instead run three correlated subqueries for every customer, which takes seconds at
 * 100,000 customers.
 */
async function searchIds(
  client: Db,
  query: Pick<ListQuery, "q" | "vip" | "label" | "sort" | "dir">,
  page?: { skip: number; take: number },
): Promise<{ ids: number[]; total: number }> {
  const filters = [
    query.vip === "yes"
      ? Prisma.sql`AND c."isVip" = ${true}`
      : query.vip === "no"
        ? Prisma.sql`AND c."isVip" = ${false}`
        : Prisma.empty,
    query.label
      ? Prisma.sql`AND c."id" IN (SELECT "customerId" FROM "CustomerLabel" WHERE "label" = ${query.label})`
      : Prisma.empty,
  ];
  const order = orderOf(query);
  const limit = page ? Prisma.sql`LIMIT ${page.take} OFFSET ${page.skip}` : Prisma.empty;
  const rows = await client.$queryRaw<{ id: number | bigint; total: number | bigint }[]>`
    WITH "matches" ("id") AS (
      ${searchMatches(client, query.q)}
    )
    SELECT c."id" AS "id", COUNT(*) OVER () AS "total"
    FROM "Customer" AS c
    WHERE ${amongMatches(client)} ${Prisma.join(filters, " ")}
    ${order} ${limit}`;
  if (rows.length > 0 || !page?.skip)
    return { ids: rows.map((r) => Number(r.id)), total: rows.length ? Number(rows[0].total) : 0 };
  // A page past the end has no row to carry the total: count the matches alone.
  return { ids: [], total: (await searchIds(client, query)).total };
}

function orderOf(query: Pick<ListQuery, "sort" | "dir">, table = "c"): Prisma.Sql {
  const column = Prisma.raw(`${table}."${SORT_COLUMNS[query.sort]}"`);
  const id = Prisma.raw(`${table}."id"`);
  const dir = Prisma.raw(query.dir === "asc" ? "ASC" : "DESC");
  return query.sort === "id" ? Prisma.sql`ORDER BY ${id} ${dir}` : Prisma.sql`ORDER BY ${column} ${dir}, ${id} ${dir}`;
}

/** Sorts whose column is indexed: the order a page of a common search can be read in. */
const INDEXED_SORTS = new Set<ListQuery["sort"]>(["updated", "uname", "realname", "id"]);
/** How far into a common search's order a page is read by walking the index (see commonSearchPage). */
const WALK_MAX = 500;
/**
 * How many customers such a walk reads at most before it gives way to finding every match: a
 * hundred per row up to the end of the page (past the cap, a million customers have at least one
 * match in a hundred), and no more than 10,000 (some 100–250 ms where it fails).
 */
const walkRows = (end: number) => Math.min(10_000, 100 * end);

/**
 * A page of a search that matches more than COUNT_CAP.customers customers (`olivia`, 25,000 of a
 * million), or undefined for any other search. Finding every match to sort them costs about
 * 150 ms there; instead the list's own index is walked in its order, testing each customer, until
 * the page is full: about a thousand rows and 5 ms for that one. Like the list without text, such
 * a search is then not counted to its end. Only without filters (they could make the matches rare)
 * and for the first pages; a walk that reads walkRows customers without filling the page (the
 * matches are elsewhere in that order) gives way to finding every match.
 */
async function commonSearchPage(
  client: Db,
  query: ListQuery,
  skip: number,
): Promise<{ ids: number[]; total: number } | undefined> {
  const test = rowMatches(client, query.q);
  const unfiltered = !query.vip && !query.label;
  if (!test || !unfiltered || !INDEXED_SORTS.has(query.sort) || skip + query.per > WALK_MAX) return undefined;
  const cap = COUNT_CAP.customers;
  const count = matchCountUpTo(client, query.q, cap);
  const over = async (sql: Prisma.Sql) => Number((await client.$queryRaw<{ n: number | bigint }[]>`${sql}`)[0].n) > cap;
  if (!(await over(count.first)) && !(await over(count.all))) return undefined;
  // The walk stops at the walkRows-th customer in the list's order (more than the cap exist, so
  // there is one): where the matches cluster elsewhere in that order (names sorted by name) the
  // page is not full by then, and every match is found instead.
  const column = Prisma.raw(`"${SORT_COLUMNS[query.sort]}"`);
  const cmp = Prisma.raw(query.dir === "asc" ? "<=" : ">=");
  const last = walkRows(skip + query.per) - 1;
  const edge = (what: Prisma.Sql) =>
    Prisma.sql`(SELECT ${what} FROM "Customer" AS e ${orderOf(query, "e")} LIMIT 1 OFFSET ${last})`;
  const within =
    query.sort === "id"
      ? Prisma.sql`c."id" ${cmp} ${edge(Prisma.sql`e."id"`)}`
      : Prisma.sql`c.${column} ${cmp} ${edge(Prisma.sql`e.${column}`)}
          AND (c.${column}, c."id") ${cmp} ${edge(Prisma.sql`e.${column}, e."id"`)}`;
  const rows = await client.$queryRaw<{ id: number | bigint }[]>`
    SELECT c."id" AS "id" FROM "Customer" AS c WHERE ${within} AND ${test}
    ${orderOf(query)} LIMIT ${query.per} OFFSET ${skip}`;
  if (rows.length < query.per) return undefined;
  return { ids: rows.map((r) => Number(r.id)), total: Math.max(cap, skip + rows.length) };
}

/** The ids of the customers a list query selects, in its order (for the export). */
export async function matchingCustomerIds(
  client: Db,
  query: Pick<ListQuery, "q" | "vip" | "label" | "sort" | "dir">,
): Promise<number[]> {
  if (query.q.trim()) return (await searchIds(client, query)).ids;
  const rows = await client.customer.findMany({
    where: filterWhere(query),
    orderBy: customerOrderBy[query.sort](query.dir),
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/**
 * A page of customers. Past COUNT_CAP.customers a list without search text is not counted to
 * the end: `total` is then what is known to exist and `atLeast` is set. Neither is a search past
 * the same count (commonSearchPage); any other search is counted in full.
 */
export type CustomerPage = {
  items: CustomerView[];
  total: number;
  atLeast: boolean;
  page: number;
  pages: number;
  per: number;
};

export async function listCustomers(client: Db, query: ListQuery): Promise<CustomerPage> {
  const skip = (query.page - 1) * query.per;
  let total: number;
  let atLeast = false;
  let rows: CustomerRow[];
  if (query.q.trim()) {
    const common = await commonSearchPage(client, query, skip);
    const found = common ?? (await searchIds(client, query, { skip, take: query.per }));
    total = found.total;
    atLeast = Boolean(common);
    const loaded = new Map(
      (await client.customer.findMany({ where: { id: { in: found.ids } }, include: customerInclude })).map((r) => [
        r.id,
        r,
      ]),
    );
    rows = found.ids.map((id) => loaded.get(id)).filter((r): r is CustomerRow => Boolean(r));
  } else {
    // Without text the indexes on the sort columns serve the page directly.
    const where = filterWhere(query);
    let counted: number;
    [counted, rows] = await Promise.all([
      client.customer.count({ where, take: COUNT_CAP.customers + 1 }),
      client.customer.findMany({
        where,
        include: customerInclude,
        orderBy: customerOrderBy[query.sort](query.dir),
        skip,
        take: query.per,
      }),
    ]);
    atLeast = counted > COUNT_CAP.customers;
    total = atLeast ? Math.max(COUNT_CAP.customers, skip + rows.length) : counted;
  }
  // Uncounted, a full page may have a next one.
  const known = Math.ceil(total / query.per);
  const pages = Math.max(1, atLeast && rows.length === query.per ? Math.max(known, query.page + 1) : known);
  return { items: rows.map(toView), total, atLeast, page: query.page, per: query.per, pages };
}

/** Counts past which the list says "N+": counting a million customers would cost most of a page. */
export const COUNT_CAP = { customers: 10_000, perLabel: 1_000 } as const;

/**
 * Every label with its customers, counted up to COUNT_CAP.perLabel (`atLeast` past it). The
 * labels are found by walking the label index from one label to the next (as many index seeks as
 * there are labels, whatever the customers' number), and each is counted no further than the cap:
 * grouping every label row took 55–90 ms on every Customers page at a million customers.
 */
export async function listLabels(client: Db): Promise<{ label: string; count: number; atLeast: boolean }[]> {
  const cap = COUNT_CAP.perLabel;
  const rows = await client.$queryRaw<{ label: string; n: number | bigint }[]>`
    WITH RECURSIVE "names" ("label") AS (
      SELECT MIN("label") FROM "CustomerLabel"
      UNION ALL
      SELECT (SELECT MIN(l."label") FROM "CustomerLabel" l WHERE l."label" > "names"."label")
      FROM "names" WHERE "names"."label" IS NOT NULL
    )
    SELECT "names"."label" AS "label", (SELECT COUNT(*) FROM
        (SELECT 1 FROM "CustomerLabel" x WHERE x."label" = "names"."label" LIMIT ${cap + 1}) AS "upTo") AS "n"
    FROM "names" WHERE "names"."label" IS NOT NULL`;
  return rows.map((r) => ({ label: r.label, count: Math.min(Number(r.n), cap), atLeast: Number(r.n) > cap }));
}
