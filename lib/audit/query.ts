// Reading the audit log: filters from the URL, newest first, keyset pages on the id.
import { z } from "zod";
import { providerOfDb, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { DEFAULT_TIME_ZONE, formatDate, parseDateTime } from "@/lib/datetime";

export const auditQuery = z.object({
  entity: z.string().trim().max(30).catch(""),
  actor: z.string().trim().max(200).catch(""),
  q: z.string().trim().max(200).catch(""),
  customer: z.coerce.number().int().positive().optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
  per: z.coerce.number().int().min(1).max(200).catch(50),
});
export type AuditQuery = z.output<typeof auditQuery>;

export async function listAudit(client: Db, q: AuditQuery) {
  const mode = providerOfDb(client) === "postgresql" ? ("insensitive" as const) : undefined;
  const and: Prisma.AuditEventWhereInput[] = [];
  if (q.entity) and.push({ entity: q.entity });
  // The mode key exists only on PostgreSQL's filter type; SQLite's LIKE ignores ASCII case anyway.
  const contains = (value: string) => ({ contains: value, mode }) as Prisma.StringFilter<"AuditEvent">;
  if (q.actor) and.push({ actorLabel: contains(q.actor) });
  if (q.q) and.push({ OR: [{ summary: contains(q.q) }, { changes: contains(q.q) }, { entityId: q.q }] });
  if (q.customer) and.push({ customerId: q.customer });
  if (q.before) and.push({ id: { lt: q.before } });
  const rows = await client.auditEvent.findMany({
    where: and.length ? { AND: and } : {},
    orderBy: { id: "desc" },
    take: q.per + 1,
  });
  return { items: rows.slice(0, q.per), older: rows.length > q.per ? rows[q.per - 1].id : null };
}

export type TimelineEntry =
  | {
      type: "change";
      at: Date;
      id: number;
      actor: string;
      summary: string;
      changes: Record<string, [unknown, unknown]>;
    }
  | {
      /** A vendor's calls about the customer on one day (in the reader's zone), on one line. */
      type: "calls";
      at: Date;
      id: string;
      day: string;
      /** The day's first and last instant (ISO), for the Calls list's filter. */
      from: string;
      to: string;
      vendor: string;
      direction: string;
      count: number;
      /** Calls per kind ("crm", "task", …) and per outcome, most first. */
      kinds: [string, number][];
      outcomes: [string, number][];
    };

/** Calls read for the timeline: a busy customer's lookups fill whole days, edits still show. */
const TIMELINE_CALLS = 1000;

/** The first and last instant of a day in a zone, as ISO times (the Calls filter's from and to). */
function dayBounds(day: string, timeZone: string): { from: string; to: string } {
  const start = parseDateTime(`${day} 00:00`, { timeZone }) ?? new Date(`${day}T00:00:00Z`);
  const next = new Date(start.getTime() + 36 * 3_600_000); // past the day's end, whatever its length
  const end = parseDateTime(`${formatDate(next, { timeZone })} 00:00`, { timeZone }) ?? next;
  return { from: start.toISOString(), to: new Date(end.getTime() - 1).toISOString() };
}

const tally = (values: string[]): [string, number][] => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
};

/**
 * A customer's own history, newest first: each change on its own line, and the calls that
 * concerned it grouped per vendor and day, so a vendor looking the customer up all day long
 * takes one line and the edits between its lookups stay in view.
 */
export async function customerTimeline(
  client: Db,
  customerId: number,
  { take = 30, timeZone = DEFAULT_TIME_ZONE }: { take?: number; timeZone?: string } = {},
): Promise<TimelineEntry[]> {
  const [events, calls] = await Promise.all([
    client.auditEvent.findMany({ where: { customerId }, orderBy: { id: "desc" }, take }),
    client.call.findMany({
      where: { customerId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: TIMELINE_CALLS,
      select: { id: true, createdAt: true, vendor: true, kind: true, outcome: true, direction: true },
    }),
  ]);
  const groups = new Map<string, typeof calls>();
  for (const c of calls) {
    const key = `${formatDate(c.createdAt, { timeZone })} ${c.direction} ${c.vendor}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [
    ...events.map((e) => ({
      type: "change" as const,
      at: e.createdAt,
      id: e.id,
      actor: e.actorLabel,
      summary: e.summary,
      changes: JSON.parse(e.changes),
    })),
    ...[...groups].map(([key, group]) => ({
      type: "calls" as const,
      at: group[0].createdAt,
      id: key,
      day: key.slice(0, 10),
      ...dayBounds(key.slice(0, 10), timeZone),
      vendor: group[0].vendor,
      direction: group[0].direction,
      count: group.length,
      kinds: tally(group.map((c) => c.kind)),
      outcomes: tally(group.map((c) => c.outcome)),
    })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, take);
}
