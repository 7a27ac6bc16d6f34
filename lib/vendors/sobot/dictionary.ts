// The Sobot dictionary: for each Sobot company, the ids Sobot uses for customer tags, VIP levels
// and custom fields (seeds/sobot-crm-docking.txt: vip_level and user_label are "the id
// corresponding to" the level and the tag; customer_fields is keyed by field id), and the
// Deskbridge label, level name or custom-field key each id stands for.
//
// CRM answers send ids (a value without one is left out); pushes store names where the id is
// known and keep an unknown id as it came, recorded here unnamed. Naming an id later renames it
// on every customer, so the name shows everywhere.
import { audit } from "@/lib/audit/audit";
import type { Db } from "@/lib/db/client";
import { type KeptConfiguration, keptWhileUnchanged, preparedRows } from "@/lib/db/prepared";
import { Prisma } from "@/lib/generated/sqlite/client";
import { transaction } from "@/lib/db/locks";
import { validationError } from "@/lib/errors";
import { FIELD_KEY, LIMITS } from "@/lib/customers/schemas";

export const ENTRY_TYPES = ["label", "vipLevel", "field"] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export type Dictionary = {
  companyId: string;
  /** Sobot id → name (null: arrived, not named yet). */
  byId: Record<EntryType, Map<string, string | null>>;
  /** Name → Sobot id. */
  byName: Record<EntryType, Map<string, string>>;
};

export type DictionaryView = {
  companyId: string;
  labels: Record<string, string>;
  vipLevels: Record<string, string>;
  fields: Record<string, string>;
  unnamed: { type: EntryType; id: string; callId: number | null; firstSeen: string }[];
};

const empty = <T>() => ({ label: new Map<string, T>(), vipLevel: new Map<string, T>(), field: new Map<string, T>() });

/** Each company's dictionary while it stays unchanged (PostgreSQL's change notices, lib/db/prepared). */
const keptDictionaries: KeptConfiguration<Dictionary> = new Map();

/** On every CRM lookup and push: a prepared statement, or none while the dictionary stays unchanged. */
export function loadDictionary(client: Db, companyId: string): Promise<Dictionary> {
  return keptWhileUnchanged(client, keptDictionaries, companyId, () => readDictionary(client, companyId));
}

async function readDictionary(client: Db, companyId: string): Promise<Dictionary> {
  const rows = companyId
    ? await preparedRows<{ type: string; sobotId: string; name: string | null }>(
        client,
        Prisma.sql`SELECT "type", "sobotId", "name" FROM "SobotDictionaryEntry" WHERE "companyId" = ${companyId}`,
      )
    : [];
  const byId = empty<string | null>();
  const byName = empty<string>();
  for (const row of rows) {
    const type = row.type as EntryType;
    if (!byId[type]) continue;
    byId[type].set(row.sobotId, row.name);
    if (row.name !== null) byName[type].set(row.name, row.sobotId);
  }
  return { companyId, byId, byName };
}

/** Records ids that arrived without a name (existing entries stay as they are). Returns the new ones. */
export async function recordUnnamed(
  client: Db,
  companyId: string,
  ids: { type: EntryType; id: string }[],
): Promise<{ type: EntryType; id: string }[]> {
  const added: { type: EntryType; id: string }[] = [];
  const now = new Date();
  for (const { type, id } of ids) {
    const rows = await client.$queryRaw<{ id: number }[]>`
      INSERT INTO "SobotDictionaryEntry" ("companyId", "type", "sobotId", "name", "createdAt", "updatedAt")
      VALUES (${companyId}, ${type}, ${id}, NULL, ${now}, ${now})
      ON CONFLICT ("companyId", "type", "sobotId") DO NOTHING
      RETURNING "id"`;
    if (rows.length) added.push({ type, id });
  }
  return added;
}

/** Links ids recorded unnamed to the call that brought them, once that call is logged. */
export async function linkUnnamedToCall(
  client: Db,
  companyId: string,
  ids: { type: EntryType; id: string }[],
  callId: number,
): Promise<void> {
  for (const { type, id } of ids)
    await client.sobotDictionaryEntry.updateMany({
      where: { companyId, type, sobotId: id, callId: null },
      data: { callId },
    });
}

export async function dictionaryView(client: Db, companyId: string): Promise<DictionaryView> {
  const rows = await client.sobotDictionaryEntry.findMany({
    where: { companyId },
    orderBy: [{ type: "asc" }, { name: "asc" }, { sobotId: "asc" }],
  });
  const named = (type: EntryType) =>
    Object.fromEntries(rows.filter((r) => r.type === type && r.name !== null).map((r) => [r.name, r.sobotId]));
  return {
    companyId,
    labels: named("label"),
    vipLevels: named("vipLevel"),
    fields: named("field"),
    unnamed: rows
      .filter((r) => r.name === null)
      .map((r) => ({
        type: r.type as EntryType,
        id: r.sobotId,
        callId: r.callId,
        firstSeen: r.createdAt.toISOString(),
      })),
  };
}

/** Every company with a dictionary or a Sobot CRM integration. */
export async function dictionaryCompanies(client: Db): Promise<string[]> {
  const [entries, crm] = await Promise.all([
    client.sobotDictionaryEntry.findMany({ distinct: ["companyId"], select: { companyId: true } }),
    client.integration.findMany({ where: { vendor: "sobot-crm" }, select: { settings: true } }),
  ]);
  const ids = new Set(entries.map((e) => e.companyId));
  for (const i of crm) {
    const companyId = String((JSON.parse(i.settings) as { companyId?: unknown }).companyId ?? "");
    if (companyId) ids.add(companyId);
  }
  return [...ids].sort();
}

/** Every label / level / field that has no unnamed entry anywhere: for showing unnamed ids. */
export async function unnamedIds(client: Db, type: EntryType): Promise<Set<string>> {
  const rows = await client.sobotDictionaryEntry.findMany({ where: { type, name: null }, select: { sobotId: true } });
  return new Set(rows.map((r) => r.sobotId));
}

const SOBOT_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const NAME_RULES: Record<EntryType, (name: string) => string | null> = {
  label: (n) =>
    [...n].length > LIMITS.labelLength || /[\n\r,;，；]/.test(n)
      ? `A label of at most ${LIMITS.labelLength} characters, without commas, semicolons or line breaks`
      : null,
  vipLevel: (n) => ([...n].length > LIMITS.vipLevelLength ? `At most ${LIMITS.vipLevelLength} characters` : null),
  field: (n) => (FIELD_KEY.test(n) ? null : "A field key: letters, digits, _ . - only (at most 64)"),
};

export type EntryInput = { type: EntryType; name: string; sobotId: string };

/** The entries trimmed, or a validation error naming each bad one. */
export function checkDictionaryEntries(companyId: string, entries: EntryInput[]): EntryInput[] {
  const errors: Record<string, string[]> = {};
  const add = (key: string, message: string) => {
    errors[key] = [...(errors[key] ?? []), message];
  };
  const company = companyId.trim();
  if (!company || company.length > 64) errors.companyId = ["The Sobot company id (at most 64 characters)"];
  const out = entries.map((e, i) => {
    const name = e.name.trim();
    const sobotId = e.sobotId.trim();
    if (!ENTRY_TYPES.includes(e.type)) add(`entries.${i}`, "label, vipLevel or field");
    if (!name) add(`entries.${i}.name`, "A name is required");
    else {
      const problem = NAME_RULES[e.type]?.(name);
      if (problem) add(`entries.${i}.name`, problem);
    }
    if (!SOBOT_ID.test(sobotId)) add(`entries.${i}.sobotId`, "A Sobot id: letters, digits, _ . - only (at most 64)");
    return { type: e.type, name, sobotId };
  });
  if (Object.keys(errors).length) throw validationError("The dictionary entries are invalid.", errors);
  return out;
}

/** Renames an id to its name on every customer that carries it. Returns how many changed. */
async function renameOnCustomers(tx: Db, type: EntryType, sobotId: string, name: string): Promise<number> {
  if (type === "label") {
    // A customer that already has the name just loses the id.
    await tx.$executeRaw`DELETE FROM "CustomerLabel" WHERE "label" = ${sobotId}
      AND "customerId" IN (SELECT "customerId" FROM "CustomerLabel" WHERE "label" = ${name})`;
    return tx.$executeRaw`UPDATE "CustomerLabel" SET "label" = ${name} WHERE "label" = ${sobotId}`;
  }
  if (type === "vipLevel")
    return tx.$executeRaw`UPDATE "Customer" SET "vipLevel" = ${name} WHERE "vipLevel" = ${sobotId}`;
  const rows = await tx.customer.findMany({
    where: { customFields: { contains: JSON.stringify(sobotId) } },
    select: { id: true, customFields: true },
  });
  let changed = 0;
  for (const row of rows) {
    const fields = JSON.parse(row.customFields) as Record<string, string>;
    if (!Object.hasOwn(fields, sobotId)) continue;
    const renamed = Object.fromEntries(
      Object.entries(fields)
        .filter(([k]) => k !== name)
        .map(([k, v]) => [k === sobotId ? name : k, v]),
    );
    await tx.customer.update({ where: { id: row.id }, data: { customFields: JSON.stringify(renamed) } });
    changed++;
  }
  return changed;
}

/**
 * Sets entries: each Sobot id gets its name (a name already given to another id of the same kind
 * moves to this one). Customers carrying an id that gets a name show the name from then on.
 */
export async function setDictionaryEntries(
  client: Db,
  companyId: string,
  input: EntryInput[],
): Promise<DictionaryView> {
  const entries = checkDictionaryEntries(companyId, input);
  const company = companyId.trim();
  await transaction(client, async (tx) => {
    for (const e of entries) {
      await tx.sobotDictionaryEntry.updateMany({
        where: { companyId: company, type: e.type, name: e.name, NOT: { sobotId: e.sobotId } },
        data: { name: null },
      });
      await tx.sobotDictionaryEntry.upsert({
        where: { companyId_type_sobotId: { companyId: company, type: e.type, sobotId: e.sobotId } },
        create: { companyId: company, type: e.type, sobotId: e.sobotId, name: e.name },
        update: { name: e.name },
      });
      const changed = await renameOnCustomers(tx, e.type, e.sobotId, e.name);
      await audit(tx, {
        action: "update",
        entity: "sobot-dictionary",
        entityId: company,
        summary:
          `Sobot company ${company}: ${e.type} ${e.sobotId} is "${e.name}"` +
          `${changed ? ` (renamed on ${changed} customer${changed === 1 ? "" : "s"})` : ""}`,
      });
    }
  });
  return dictionaryView(client, company);
}

/** Removes an entry: the id is no longer sent or named. */
export async function removeDictionaryEntry(client: Db, companyId: string, type: EntryType, sobotId: string) {
  const { count } = await client.sobotDictionaryEntry.deleteMany({ where: { companyId, type, sobotId } });
  if (count)
    await audit(client, {
      action: "delete",
      entity: "sobot-dictionary",
      entityId: companyId,
      summary: `Sobot company ${companyId}: ${type} ${sobotId} removed`,
    });
}
