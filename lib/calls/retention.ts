// Retention: bodies of calls older than N days are deleted; the metadata row stays.
import type { Db } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { audit } from "@/lib/audit/audit";
import { pruneAccepted } from "@/lib/callbacks/replay-guard";

export const RETENTION_KEY = "calls.retentionDays";
export const DEFAULT_RETENTION_DAYS = 30;

export async function retentionDays(client: Db): Promise<number> {
  const row = await client.setting.findUnique({ where: { key: RETENTION_KEY } });
  const days = Number(row?.value);
  return Number.isInteger(days) && days > 0 ? days : DEFAULT_RETENTION_DAYS;
}

export function parseRetentionDays(value: unknown): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw validationError("Retention must be a whole number of days from 1 to 3650.", {
      retentionDays: ["A whole number of days from 1 to 3650"],
    });
  }
  return days;
}

export async function setRetentionDays(client: Db, value: unknown): Promise<number> {
  const days = parseRetentionDays(value);
  const before = await retentionDays(client);
  await client.setting.upsert({
    where: { key: RETENTION_KEY },
    create: { key: RETENTION_KEY, value: String(days) },
    update: { value: String(days) },
  });
  if (before !== days)
    await audit(client, {
      action: "update",
      entity: "setting",
      entityId: RETENTION_KEY,
      summary: `call bodies kept for ${days} day(s)`,
      changes: { retentionDays: [before, days] },
    });
  return days;
}

/** Removes the bodies of calls older than `days`; returns how many calls were pruned. */
export async function pruneCalls(
  client: Db,
  days?: number,
  now = new Date(),
): Promise<{ pruned: number; days: number; before: Date }> {
  const keep = days ?? (await retentionDays(client));
  const before = new Date(now.getTime() - keep * 86_400_000);
  const { count } = await client.call.updateMany({
    where: { createdAt: { lt: before }, prunedAt: null },
    data: { requestBody: null, responseBody: null, decryptedRequest: null, decryptedResponse: null, prunedAt: now },
  });
  // Replay protection forgets calls as old as the bodies it no longer keeps.
  await pruneAccepted(client, before);
  return { pruned: count, days: keep, before };
}

/** How many calls still keep their bodies. */
export async function countKeptBodies(client: Db): Promise<number> {
  return client.call.count({ where: { prunedAt: null } });
}
