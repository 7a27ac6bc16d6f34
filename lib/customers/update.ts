// Changing a customer: only what changed is written, in one transaction. A vendor push that
// changes one field of a customer (the rule engine's remark, a VIP flag) updates that column and
// writes the audit event; lists (emails, phones, labels, external ids) are rewritten only when
// they differ. The statements run prepared (lib/db/prepared) where the client allows it.
import type { Db } from "@/lib/db/client";
import { preparedAtOnce, preparedTogether } from "@/lib/db/prepared";
import { Prisma } from "@/lib/generated/sqlite/client";
import { notFound } from "@/lib/errors";
import { auditSql, diff } from "@/lib/audit/audit";
import type { CustomerInput } from "@/lib/customers/schemas";
import { phoneRows } from "@/lib/phones/normalize";
import { customerViewById } from "@/lib/customers/lookup";
import {
  AUDITED,
  assertExternalIdsFree,
  type CustomerView,
  label,
  parseCustomer,
  rethrowUnique,
  scalars,
} from "@/lib/customers/customers";

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);
const sameSet = (a: string[], b: string[]) => sameList([...a].sort(), [...b].sort());
const idKey = (x: { kind: string; value: string }) => `${x.kind}\u0000${x.value}`;

/** One of the customer's lists written anew: its rows deleted, the new ones inserted in one statement. */
function rewrite(table: string, id: number, columns: string[], rows: unknown[][]): Prisma.Sql[] {
  const name = Prisma.raw(`"${table}"`);
  const statements = [Prisma.sql`DELETE FROM ${name} WHERE "customerId" = ${id}`];
  if (rows.length === 0) return statements;
  const names = Prisma.raw(["customerId", ...columns].map((c) => `"${c}"`).join(", "));
  const values = Prisma.join(rows.map((row) => Prisma.sql`(${Prisma.join([id, ...row])})`));
  return [...statements, Prisma.sql`INSERT INTO ${name} (${names}) VALUES ${values}`];
}

export async function updateCustomer(client: Db, id: number, input: CustomerInput): Promise<CustomerView> {
  const before = await customerViewById(client, id);
  if (!before) throw notFound(`Customer #${id} does not exist.`);
  const change = await customerChange(client, before, input);
  if (!change) return before;
  await applyChange(client, change).catch(rethrowUnique);
  return (await customerViewById(client, id)) ?? change.after;
}

/** What changing `before` into `input` writes: its statements, whether lists are rewritten, the view after. */
export type CustomerChange = { statements: Prisma.Sql[]; lists: boolean; after: CustomerView };

/**
 * Writes a change in one transaction, with `also` (statements of the caller's that belong with
 * it); a unique key's violation is the caller's to name. Without a list to rewrite, no statement
 * reads another's writes: on PostgreSQL that is one statement, so one round trip.
 */
export async function applyChange(client: Db, change: CustomerChange, ...also: Prisma.Sql[]): Promise<void> {
  const [first, ...rest] = [...change.statements, ...also];
  const run = change.lists ? preparedTogether : preparedAtOnce;
  await run(client, first, ...rest);
}

/** The change from `before` (read under the caller's lock, if any) to `input`; null when nothing differs. */
export async function customerChange(
  client: Db,
  before: CustomerView,
  input: CustomerInput,
): Promise<CustomerChange | null> {
  const id = before.id;
  const data = parseCustomer(input);
  const next = scalars(data);
  const was = scalars({ ...before, externalIds: [] } as unknown as Parameters<typeof scalars>[0]);
  const columns = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== was[k]);
  const emails = !sameList(before.emails, data.emails);
  const phones = !sameList(before.phones, data.phones);
  const labels = !sameSet(before.labels, data.labels);
  const externalIds = !sameSet(before.externalIds.map(idKey), data.externalIds.map(idKey));
  if (!columns.length && !emails && !phones && !labels && !externalIds) return null;
  if (externalIds) await assertExternalIdsFree(client, data, id);
  const now = new Date();
  const set = columns.map((c) => Prisma.sql`${Prisma.raw(`"${c}"`)} = ${next[c]}`);
  const statements = [
    Prisma.sql`UPDATE "Customer" SET ${Prisma.join([...set, Prisma.sql`"updatedAt" = ${now}`])} WHERE "id" = ${id}`,
  ];
  if (emails)
    statements.push(
      ...rewrite(
        "CustomerEmail",
        id,
        ["position", "email"],
        data.emails.map((e, i) => [i, e]),
      ),
    );
  if (phones)
    statements.push(
      ...rewrite(
        "CustomerPhone",
        id,
        ["position", "phone", "normalized"],
        phoneRows(data.phones).map((p) => [p.position, p.phone, p.normalized]),
      ),
    );
  if (labels)
    statements.push(
      ...rewrite(
        "CustomerLabel",
        id,
        ["label"],
        data.labels.map((l) => [l]),
      ),
    );
  if (externalIds)
    statements.push(
      ...rewrite(
        "ExternalId",
        id,
        ["kind", "value"],
        data.externalIds.map((x) => [x.kind, x.value]),
      ),
    );
  // The view after the change, lists in the order the database returns them (unchanged ones as read).
  const after: CustomerView = {
    ...before,
    ...data,
    labels: labels ? [...data.labels].sort() : before.labels,
    externalIds: externalIds
      ? [...data.externalIds].sort((a, b) => idKey(a).localeCompare(idKey(b)))
      : before.externalIds,
    updatedAt: now,
  };
  const changes = diff(
    before as unknown as Record<string, unknown>,
    after as unknown as Record<string, unknown>,
    AUDITED,
  );
  if (Object.keys(changes).length)
    statements.push(
      auditSql({
        action: "update",
        entity: "customer",
        entityId: id,
        customerId: id,
        summary: `changed ${Object.keys(changes).join(", ")} of ${label(after)}`,
        changes,
      }),
    );
  return { statements, lists: emails || phones || labels || externalIds, after };
}
