// One segment of an import inside its transaction: the longest run of rows that can be written
// together, looked up in bulk, matched to customers, compared, written and audited.
import { auditMany, diff, type AuditInput } from "@/lib/audit/audit";
import { customerInclude, toView, type CustomerView } from "@/lib/customers/customers";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { ExternalIdKind } from "@/lib/customers/schemas";
import { sortedIds, sortedLabels } from "@/lib/customers/io/format";
import { fieldChanges } from "@/lib/customers/io/changes";
import type { ParsedRow, RowError } from "@/lib/customers/io/rows";
import {
  AUDITED,
  changes,
  idKey,
  merge,
  nameOf,
  parts,
  scalarKey,
  scalarsOf,
  type Changed,
  type ImportResult,
  type RowOutcome,
  type Shape,
} from "@/lib/customers/io/merge";
import { phoneRows } from "@/lib/phones/normalize";

export type Tx = Prisma.TransactionClient;

/** Imports the longest prefix of rows that can be written together (no two rows naming the same
 *  key or the same customer, so the file's order holds); returns how many rows it took. */
export async function importSegment(
  tx: Tx,
  rows: ParsedRow[],
  result: ImportResult,
  outcomes: RowOutcome[],
): Promise<number> {
  // 1. Look every key up in bulk.
  const valuesByKind = new Map<ExternalIdKind, Set<string>>();
  const emails = new Set<string>();
  for (const r of rows) {
    for (const x of r.data.externalIds) {
      if (!valuesByKind.has(x.kind)) valuesByKind.set(x.kind, new Set());
      valuesByKind.get(x.kind)!.add(x.value);
    }
    for (const e of r.data.emails) emails.add(e);
  }
  const owners = new Map<string, number>(); // kind\0value → customer id
  if (valuesByKind.size) {
    for (const [kind, values] of valuesByKind) {
      for (const part of parts([...values])) {
        const found = await tx.externalId.findMany({
          where: { kind, value: { in: part } },
          select: { kind: true, value: true, customerId: true },
        });
        for (const f of found) owners.set(idKey(f), f.customerId);
      }
    }
  }
  const emailOwner = new Map<string, number>(); // the lowest customer id with that email
  if (emails.size) {
    for (const part of parts([...emails])) {
      const found = await tx.customerEmail.findMany({
        where: { email: { in: part } },
        select: { email: true, customerId: true },
      });
      for (const f of found)
        if (!emailOwner.has(f.email) || emailOwner.get(f.email)! > f.customerId) emailOwner.set(f.email, f.customerId);
    }
  }

  // 2. Which customer each row names (or none: a new one).
  // byId: named only by the id column, which counts only if that customer exists.
  type Plan = { row: ParsedRow; target: number | null; byId?: boolean; error?: RowError };
  const plans: Plan[] = [];
  const candidates = new Set<number>();
  for (const r of rows) {
    const matched = new Map<number, { kind: string; value: string }>();
    for (const x of r.data.externalIds) {
      const owner = owners.get(idKey(x));
      if (owner !== undefined && !matched.has(owner)) matched.set(owner, x);
    }
    if (matched.size > 1) {
      const [[a, xa], [b, xb]] = [...matched];
      plans.push({
        row: r,
        target: null,
        error: {
          row: r.row,
          column: xb.kind,
          message: `"${xb.value}" belongs to customer #${b}, but ${xa.kind} "${xa.value}" belongs to customer #${a}`,
        },
      });
      continue;
    }
    let target: number | null = matched.size ? [...matched.keys()][0] : null;
    if (target === null) {
      const owned = r.data.emails.find((e) => emailOwner.has(e));
      if (owned !== undefined) target = emailOwner.get(owned)!;
    }
    const byId = target === null && r.id !== null;
    if (byId) target = r.id;
    if (target !== null) candidates.add(target);
    plans.push({ row: r, target, byId });
  }
  const existing = new Map<number, CustomerView>();
  if (candidates.size) {
    for (const part of parts([...candidates])) {
      const found = await tx.customer.findMany({ where: { id: { in: part } }, include: customerInclude });
      for (const f of found) existing.set(f.id, toView(f));
    }
  }

  // 3. The segment: stop at the first row that shares a key or a customer with an earlier one.
  const usedKeys = new Set<string>();
  const usedTargets = new Set<number>();
  type Write = { plan: Plan; before: CustomerView | null; after: Shape; changed: Changed | null };
  const writes: Write[] = [];
  let taken = 0;
  for (const plan of plans) {
    const r = plan.row;
    const keys = [
      ...r.data.externalIds.map((x) => `x${idKey(x)}`),
      ...r.data.emails.map((e) => `e${e}`),
      ...(r.id ? [`i${r.id}`] : []),
    ];
    let target = plan.target;
    if (plan.byId && target !== null && !existing.has(target)) target = null; // a new customer (ids are not reused)
    if (keys.some((k) => usedKeys.has(k)) || (target !== null && usedTargets.has(target))) break;
    taken += 1;
    for (const k of keys) usedKeys.add(k);
    if (plan.error) {
      result.failed += 1;
      result.errors.push(plan.error);
      outcomes.push({ row: r.row, status: "error" });
      continue;
    }
    const before = target !== null ? (existing.get(target) ?? null) : null;
    if (target !== null && !before) {
      // Deleted between the lookups: treat as new.
      target = null;
    }
    if (target !== null) usedTargets.add(target);
    const after = merge(before, r);
    if (!after.uname && !after.realname) {
      result.failed += 1;
      result.errors.push({
        row: r.row,
        column: "uname",
        message: before
          ? `Customer #${before.id} would have neither a nickname nor a real name: clear at most one of them`
          : "A new customer needs a nickname or a real name (this row's uname and realname are empty)",
      });
      outcomes.push({ row: r.row, status: "error" });
      continue;
    }
    if (before) {
      const changed = changes(
        { ...before, labels: sortedLabels(before.labels), externalIds: sortedIds(before.externalIds) },
        after,
      );
      if (!changed) {
        result.unchanged += 1;
        outcomes.push({ row: r.row, status: "unchanged", customerId: before.id });
        continue;
      }
      writes.push({ plan: { ...plan, target }, before, after, changed });
    } else {
      writes.push({ plan: { ...plan, target: null }, before: null, after, changed: null });
    }
  }

  // 4. Write: new customers in bulk, changed ones one update each (their children in bulk).
  const creates = writes.filter((w) => !w.before);
  const updates = writes.filter((w) => w.before);
  const idOf = new Map<Write, number>();
  if (creates.length) {
    const made = await tx.customer.createManyAndReturn({
      data: creates.map((w) => scalarsOf(w.after)),
      select: { id: true, uname: true, realname: true, remark: true, isVip: true, vipLevel: true, customFields: true },
    });
    // Rows come back in insertion order on both databases; matching on the values makes that
    // irrelevant (two new customers with the same values are interchangeable).
    const free = new Map<string, number[]>();
    for (const m of made) {
      const k = scalarKey(m);
      if (!free.has(k)) free.set(k, []);
      free.get(k)!.push(m.id);
    }
    for (const w of creates) idOf.set(w, free.get(scalarKey(scalarsOf(w.after)))!.shift()!);
  }
  for (const w of updates) {
    idOf.set(w, w.before!.id);
    // Always written (same values when only children changed), so updatedAt moves.
    await tx.customer.update({ where: { id: w.before!.id }, data: scalarsOf(w.after), select: { id: true } });
  }
  const replaced = (what: keyof Changed) => updates.filter((w) => w.changed![what]).map((w) => w.before!.id);
  const replacing = (what: keyof Changed) => [...creates, ...updates.filter((w) => w.changed![what])];
  const wipe = async (what: keyof Changed, del: (ids: number[]) => Promise<unknown>) => {
    for (const part of parts(replaced(what))) await del(part);
  };
  await wipe("emails", (ids) => tx.customerEmail.deleteMany({ where: { customerId: { in: ids } } }));
  await wipe("phones", (ids) => tx.customerPhone.deleteMany({ where: { customerId: { in: ids } } }));
  await wipe("labels", (ids) => tx.customerLabel.deleteMany({ where: { customerId: { in: ids } } }));
  await wipe("externalIds", (ids) => tx.externalId.deleteMany({ where: { customerId: { in: ids } } }));
  const emailRows = replacing("emails").flatMap((w) =>
    w.after.emails.map((email, position) => ({ customerId: idOf.get(w)!, email, position })),
  );
  if (emailRows.length) await tx.customerEmail.createMany({ data: emailRows });
  const phones = replacing("phones").flatMap((w) =>
    phoneRows(w.after.phones).map((row) => ({ customerId: idOf.get(w)!, ...row })),
  );
  if (phones.length) await tx.customerPhone.createMany({ data: phones });
  const labelRows = replacing("labels").flatMap((w) =>
    w.after.labels.map((label) => ({ customerId: idOf.get(w)!, label })),
  );
  if (labelRows.length) await tx.customerLabel.createMany({ data: labelRows });
  const idRows = replacing("externalIds").flatMap((w) =>
    w.after.externalIds.map(({ kind, value }) => ({ customerId: idOf.get(w)!, kind, value })),
  );
  if (idRows.length) await tx.externalId.createMany({ data: idRows });

  // 5. Audit: one event per created or changed customer, as the dashboard's edits record them.
  const events: AuditInput[] = writes.map((w) => {
    const id = idOf.get(w)!;
    const after = { ...w.after, id } as unknown as Record<string, unknown>;
    if (!w.before)
      return {
        action: "create",
        entity: "customer",
        entityId: id,
        customerId: id,
        summary: `imported new customer ${nameOf({ ...w.after, id })}`,
        changes: diff(null, after, AUDITED),
      };
    const before = {
      ...w.before,
      labels: sortedLabels(w.before.labels),
      externalIds: sortedIds(w.before.externalIds),
    } as unknown as Record<string, unknown>;
    const changed = diff(before, after, AUDITED);
    return {
      action: "update",
      entity: "customer",
      entityId: id,
      customerId: id,
      summary: `import changed ${Object.keys(changed).join(", ")} of ${nameOf({ ...w.after, id })}`,
      changes: changed,
    };
  });
  await auditMany(tx, events);

  for (const w of writes) {
    if (w.before) result.updated += 1;
    else result.created += 1;
    outcomes.push({
      row: w.plan.row.row,
      status: w.before ? "updated" : "created",
      customerId: idOf.get(w),
      ...(w.before ? { changes: fieldChanges(w.before, w.after) } : {}),
    });
  }
  return taken;
}
