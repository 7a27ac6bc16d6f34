// Reading the audit log: filters from the URL, newest first, keyset pages on the id.
import { z } from "zod";
import { providerOfDb, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/sqlite/client";

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
  | { type: "call"; at: Date; id: number; vendor: string; kind: string; outcome: string; direction: string };

/** A customer's own history: its changes and the calls that concerned it, newest first. */
export async function customerTimeline(client: Db, customerId: number, take = 30): Promise<TimelineEntry[]> {
  const [events, calls] = await Promise.all([
    client.auditEvent.findMany({ where: { customerId }, orderBy: { id: "desc" }, take }),
    client.call.findMany({
      where: { customerId },
      orderBy: { id: "desc" },
      take,
      select: { id: true, createdAt: true, vendor: true, kind: true, outcome: true, direction: true },
    }),
  ]);
  return [
    ...events.map((e) => ({
      type: "change" as const,
      at: e.createdAt,
      id: e.id,
      actor: e.actorLabel,
      summary: e.summary,
      changes: JSON.parse(e.changes),
    })),
    ...calls.map((c) => ({
      type: "call" as const,
      at: c.createdAt,
      id: c.id,
      vendor: c.vendor,
      kind: c.kind,
      outcome: c.outcome,
      direction: c.direction,
    })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, take);
}
