// Replay protection for vendor calls. A call is accepted once: its (integration, sign, timestamp,
// digest) is inserted under a unique key, so a second copy is known on whichever app instance
// receives it. A copy of a lookup (which changes nothing, and whose answer only the vendor can
// read) is answered and logged as a duplicate; a copy is refused where the integration asks for
// it. The digest covers what the vendor's sign leaves out (Udesk signs only name, key and
// timestamp, so two different questions in the same second share a sign).
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { preparedRows } from "@/lib/db/prepared";
import { Prisma } from "@/lib/generated/sqlite/client";
import { CallbackRefusal } from "@/lib/callbacks/types";
import type { OpenedSecret } from "@/lib/integrations/integrations";

export type AcceptedSignRef = { id: number };

/** SHA-256 of a payload in a form that survives re-encoding (JSON is re-serialized). */
export function payloadDigest(payload: unknown): string {
  if (payload === null || payload === undefined) return "";
  const text = typeof payload === "string" ? payload : JSON.stringify(payload);
  return createHash("sha256").update(text).digest("hex");
}

/** The first time a call is seen: accepted (releasable). Again: a duplicate of the call first accepted then. */
export type Acceptance = { ref: AcceptedSignRef } | { duplicateOf: Date | null; detail: string };

/** Records the call as accepted, or says when the same call was accepted before (on any instance). */
export async function acceptOnce(
  client: Db,
  integrationId: string,
  input: { sign: string; timestamp: string; payload?: unknown },
): Promise<Acceptance> {
  const sign = input.sign.trim().toLowerCase();
  const digest = payloadDigest(input.payload);
  // ON CONFLICT DO NOTHING: a copy returns no row, on SQLite and PostgreSQL alike, without an error.
  const [row] = await preparedRows<{ id: number }>(
    client,
    Prisma.sql`
      INSERT INTO "AcceptedSign" ("integrationId", "sign", "timestamp", "digest", "createdAt")
      VALUES (${integrationId}, ${sign}, ${input.timestamp}, ${digest}, ${new Date()})
      ON CONFLICT ("integrationId", "sign", "timestamp", "digest") DO NOTHING
      RETURNING "id"`,
  );
  if (row) return { ref: { id: Number(row.id) } };
  const first = await client.acceptedSign.findUnique({
    where: { integrationId_sign_timestamp_digest: { integrationId, sign, timestamp: input.timestamp, digest } },
    select: { createdAt: true },
  });
  const what = sign ? `sign ${sign.slice(0, 64)} with timestamp ${input.timestamp}` : `second ${input.timestamp}`;
  return {
    duplicateOf: first?.createdAt ?? null,
    detail:
      `${what}${digest ? " and the same payload" : ""} was already accepted` +
      `${first ? ` at ${first.createdAt.toISOString()}` : ""}`,
  };
}

/** The refusal of a copy, where copies are refused (calls that change data, or "refuse duplicates"). */
export function replayedRefusal(detail: string, key?: OpenedSecret): CallbackRefusal {
  return new CallbackRefusal({
    outcome: "replayed",
    publicMessage: "This call was already accepted; a vendor sends each call once with a fresh timestamp.",
    detail,
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
