// Replay protection for signed vendor calls. A call is accepted once: its (integration, sign,
// timestamp, digest) is inserted under a unique key, so a second copy is refused on whichever app
// instance receives it. The digest covers what the vendor's sign leaves out (Udesk signs only
// name, key and timestamp, so two different questions in the same second share a sign).
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { CallbackRefusal } from "@/lib/callbacks/types";
import type { OpenedSecret } from "@/lib/integrations/integrations";

export type AcceptedSignRef = { id: number };

/** SHA-256 of a payload in a form that survives re-encoding (JSON is re-serialized). */
export function payloadDigest(payload: unknown): string {
  if (payload === null || payload === undefined) return "";
  const text = typeof payload === "string" ? payload : JSON.stringify(payload);
  return createHash("sha256").update(text).digest("hex");
}

/**
 * Records the call as accepted, or refuses it as `replayed` when the same one was accepted before.
 * Returns the row, so the pipeline can release it when the call fails afterwards.
 */
export async function acceptOnce(
  client: Db,
  integrationId: string,
  input: { sign: string; timestamp: string; payload?: unknown },
  key?: OpenedSecret,
): Promise<AcceptedSignRef> {
  const sign = input.sign.trim().toLowerCase();
  const digest = payloadDigest(input.payload);
  // ON CONFLICT DO NOTHING: a copy returns no row, on SQLite and PostgreSQL alike, without an error.
  const [row] = await client.$queryRaw<{ id: number }[]>`
    INSERT INTO "AcceptedSign" ("integrationId", "sign", "timestamp", "digest", "createdAt")
    VALUES (${integrationId}, ${sign}, ${input.timestamp}, ${digest}, ${new Date()})
    ON CONFLICT ("integrationId", "sign", "timestamp", "digest") DO NOTHING
    RETURNING "id"`;
  if (row) return { id: Number(row.id) };
  const first = await client.acceptedSign.findUnique({
    where: { integrationId_sign_timestamp_digest: { integrationId, sign, timestamp: input.timestamp, digest } },
    select: { createdAt: true },
  });
  throw new CallbackRefusal({
    outcome: "replayed",
    publicMessage: "This call was already accepted; a vendor sends each call once with a fresh timestamp.",
    detail:
      `sign ${sign.slice(0, 64)} with timestamp ${input.timestamp}${digest ? " and the same payload" : ""} ` +
      `was already accepted${first ? ` at ${first.createdAt.toISOString()}` : ""}`,
    key,
  });
}

/** Forgets an acceptance: the call failed on our side, so the vendor's retry must get through. */
export async function releaseAccepted(client: Db, ref: AcceptedSignRef): Promise<void> {
  await client.acceptedSign.deleteMany({ where: { id: ref.id } });
}

/**
 * Removes acceptances that can no longer matter: older than `keepSeconds`. With a timestamp
 * window, a copy older than the window is refused as stale anyway; without one (tolerance 0),
 * acceptances live as long as the call log keeps calls.
 */
export async function pruneAccepted(client: Db, olderThan: Date): Promise<number> {
  const { count } = await client.acceptedSign.deleteMany({ where: { createdAt: { lt: olderThan } } });
  return count;
}
