// Reading the call log: filters from the URL, newest first, keyset pagination so a deep page
// costs the same as the first. The order is (createdAt, id), the order of every index on Call
// (createdAt; vendor, integration, outcome or customer then createdAt): a filtered page is read
// from an index in order and stops after one page. Ordered by id alone, SQLite would fetch every
// call of the vendor and sort them (0.7 s for a vendor page at 1,000,000 calls). The cursors in
// the URL stay call ids.
import { z } from "zod";
import { providerOfDb, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { FAILURE_OUTCOMES, OUTCOMES } from "@/lib/calls/outcomes";
import { parseDateTime } from "@/lib/datetime";

const optionalId = z.coerce.number().int().positive().optional().catch(undefined);
const optionalDate = z
  .string()
  .trim()
  .optional()
  // "2026-11-30T21:43" without a zone is read in UTC (the Calls page first turns a field typed in the
  // operator's zone into an ISO time); a full ISO time keeps its zone.
  .transform((v) => (v ? (parseDateTime(v) ?? new Date(v)) : undefined))
  .refine((d) => d === undefined || !Number.isNaN(d.getTime()))
  .catch(undefined);

/** The quick ranges the Calls page offers, in milliseconds back from now. */
export const RANGES: Record<string, number> = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 };

export const callQuery = z.object({
  vendor: z.string().trim().max(50).catch(""),
  integration: z.string().trim().max(100).catch(""),
  /** One outcome, or "failures": every outcome that did not answer the vendor as asked. */
  outcome: z.enum(["", "failures", ...OUTCOMES]).catch(""),
  direction: z.enum(["", "in", "out"]).catch(""),
  /** "1": only calls of which something was left out (a push's invalid fields, unmapped ids). */
  partial: z.enum(["", "1"]).catch(""),
  customer: optionalId,
  /** A quick range ending now; "from" and "to", when given, win. */
  range: z.enum(["", ...Object.keys(RANGES)] as [string, ...string[]]).catch(""),
  from: optionalDate,
  to: optionalDate,
  q: z.string().trim().max(200).catch(""),
  before: optionalId,
  after: optionalId,
  per: z.coerce.number().int().min(1).max(200).catch(50),
});
export type CallQuery = z.output<typeof callQuery>;

export function callWhere(client: Db, q: CallQuery, now = new Date()): Prisma.CallWhereInput {
  const and: Prisma.CallWhereInput[] = [];
  if (q.vendor) and.push({ vendor: q.vendor });
  if (q.integration) and.push({ integrationId: q.integration });
  // "in" over the failure outcomes: each is a seek on the (outcome, createdAt) index.
  if (q.outcome === "failures") and.push({ outcome: { in: [...FAILURE_OUTCOMES] } });
  else if (q.outcome) and.push({ outcome: q.outcome });
  if (q.direction) and.push({ direction: q.direction });
  if (q.partial) and.push({ partial: true });
  if (q.customer) and.push({ customerId: q.customer });
  if (q.from) and.push({ createdAt: { gte: q.from } });
  else if (q.range && !q.to) and.push({ createdAt: { gte: new Date(now.getTime() - RANGES[q.range]) } });
  if (q.to) and.push({ createdAt: { lte: q.to } });
  if (q.q) {
    const mode = providerOfDb(client) === "postgresql" ? ("insensitive" as const) : undefined;
    const contains = { contains: q.q, mode };
    and.push({
      OR: [
        { path: contains },
        { detail: contains },
        { requestBody: contains },
        { responseBody: contains },
        { decryptedRequest: contains },
        { decryptedResponse: contains },
      ],
    });
  }
  return and.length ? { AND: and } : {};
}

export const callListSelect = {
  id: true,
  createdAt: true,
  direction: true,
  vendor: true,
  kind: true,
  method: true,
  path: true,
  status: true,
  outcome: true,
  detail: true,
  durationMs: true,
  keyUsed: true,
  partial: true,
  customerId: true,
  integration: { select: { id: true, name: true } },
  customer: { select: { id: true, uname: true, realname: true } },
} satisfies Prisma.CallSelect;

export type CallRow = Prisma.CallGetPayload<{ select: typeof callListSelect }>;

export type CallPage = { items: CallRow[]; newer: number | null; older: number | null };

/** Calls after (newer) or before (older) the cursor call in the list's order, (createdAt, id). */
async function beyond(client: Db, id: number, side: "newer" | "older"): Promise<Prisma.CallWhereInput> {
  const cursor = await client.call.findUnique({ where: { id }, select: { createdAt: true } });
  // A cursor that no longer exists falls back to the id order.
  if (!cursor) return { id: side === "newer" ? { gt: id } : { lt: id } };
  const at = cursor.createdAt;
  // The bound on createdAt alone is what the index seeks to; the OR settles ties within it.
  return side === "newer"
    ? { AND: [{ createdAt: { gte: at } }, { OR: [{ createdAt: { gt: at } }, { id: { gt: id } }] }] }
    : { AND: [{ createdAt: { lte: at } }, { OR: [{ createdAt: { lt: at } }, { id: { lt: id } }] }] };
}

export async function listCalls(client: Db, q: CallQuery): Promise<CallPage> {
  const where = callWhere(client, q);
  if (q.after) {
    // Going back towards the newest: read ascending, then show newest first.
    const rows = await client.call.findMany({
      where: { AND: [where, await beyond(client, q.after, "newer")] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: q.per + 1,
      select: callListSelect,
    });
    const hasNewer = rows.length > q.per;
    const items = rows.slice(0, q.per).reverse();
    return { items, newer: hasNewer ? items[0].id : null, older: items.length ? items[items.length - 1].id : null };
  }
  const rows = await client.call.findMany({
    where: q.before ? { AND: [where, await beyond(client, q.before, "older")] } : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.per + 1,
    select: callListSelect,
  });
  const items = rows.slice(0, q.per);
  return {
    items,
    newer: q.before && items.length ? items[0].id : null,
    older: rows.length > q.per ? items[items.length - 1].id : null,
  };
}

export async function getCall(client: Db, id: number) {
  return client.call.findUnique({
    where: { id },
    include: {
      integration: { select: { id: true, name: true, vendor: true } },
      customer: { select: { id: true, uname: true, realname: true } },
    },
  });
}

/** The newest call of an integration, for "what did my request add to the log". */
export async function latestCallId(client: Db, integrationId: string): Promise<number> {
  const call = await client.call.findFirst({ where: { integrationId }, orderBy: { id: "desc" }, select: { id: true } });
  return call?.id ?? 0;
}

/** The newest call of an integration on `path` logged after call `afterId`, or null. */
export async function callAfter(client: Db, integrationId: string, path: string, afterId: number) {
  return client.call.findFirst({
    where: { integrationId, path, id: { gt: afterId } },
    orderBy: { id: "desc" },
    select: { id: true, outcome: true, status: true, detail: true },
  });
}

/** How many calls an integration has in the log. */
export async function countCallsOf(client: Db, integrationId: string): Promise<number> {
  return client.call.count({ where: { integrationId } });
}
