// The audit log. The author of a change travels with the work (AsyncLocalStorage): the dashboard's
// action wrapper, the CLI and the callback pipeline set it, and every domain function that
// changes something records an event with it. Secret values are never recorded.
import { noteLocalChange } from "@/lib/db/change-notices";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/sqlite/client";

export type Actor = { id: string | null; label: string };

const storage = new AsyncLocalStorage<Actor>();
const SYSTEM: Actor = { id: null, label: "system" };

export function withActor<T>(actor: Actor, run: () => T): T {
  return storage.run(actor, run);
}

export function currentActor(): Actor {
  return storage.getStore() ?? SYSTEM;
}

export type Changes = Record<string, [unknown, unknown]>;

/** Fields whose value differs, as [before, after]. */
export function diff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  fields?: string[],
): Changes {
  const keys = fields ?? [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const out: Changes = {};
  for (const key of keys) {
    const a = before?.[key];
    const b = after?.[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) out[key] = [a ?? null, b ?? null];
  }
  return out;
}

export type AuditInput = {
  action: string;
  entity:
    | "customer"
    | "order"
    | "integration"
    | "template"
    | "user"
    | "rule"
    | "knowledge"
    | "setting"
    | "call"
    | "sobot-dictionary"
    | "session";
  entityId: string | number;
  summary: string;
  changes?: Changes;
  customerId?: number | null;
};

function row(actor: Actor, input: AuditInput) {
  return {
    actorId: actor.id,
    actorLabel: actor.label,
    action: input.action,
    entity: input.entity,
    entityId: String(input.entityId),
    summary: input.summary,
    changes: JSON.stringify(input.changes ?? {}),
    customerId: input.customerId ?? null,
  };
}

type AuditWriter = Pick<Db, "auditEvent">;

/**
 * What vendor calls read as configuration, kept between calls on PostgreSQL: a change audited here
 * applies to this process's next call at once, before the database's notice of it comes back.
 */
const CONFIGURATION = new Set(["integration", "rule", "template", "sobot-dictionary"]);
const noteChange = (input: AuditInput) => {
  if (CONFIGURATION.has(input.entity)) noteLocalChange();
};

export async function audit(client: AuditWriter, input: AuditInput): Promise<void> {
  await client.auditEvent.create({ data: row(currentActor(), input) });
  noteChange(input);
}

/** The event as one INSERT, for a caller that writes it with other statements in one transaction. */
export function auditSql(input: AuditInput): Prisma.Sql {
  noteChange(input);
  const r = row(currentActor(), input);
  return Prisma.sql`
    INSERT INTO "AuditEvent" ("createdAt", "actorId", "actorLabel", "action", "entity", "entityId", "summary",
      "changes", "customerId")
    VALUES (${new Date()}, ${r.actorId}, ${r.actorLabel}, ${r.action}, ${r.entity}, ${r.entityId}, ${r.summary},
      ${r.changes}, ${r.customerId})`;
}

/** Many events in one insert (bulk imports: one insert each would dominate their time). */
export async function auditMany(client: AuditWriter, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const actor = currentActor();
  await client.auditEvent.createMany({ data: inputs.map((input) => row(actor, input)) });
  for (const input of inputs) noteChange(input);
}
