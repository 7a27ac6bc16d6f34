"use server";
// Replaying a logged call (operators): recorded in the audit log and linked to the original.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, text } from "@/lib/actions";
import { authSecret } from "@/lib/boot/ensure-ready";
import { replayCall } from "@/lib/calls/replay";
import { readConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { selfOrigin } from "@/lib/public-url";
import { masterKey } from "@/lib/secrets/keyring";

const replay = z.object({ id: text().transform(Number), mode: text() });

export const replayAction = action("operator", replay, async ({ id, mode }) => {
  const client = await db();
  const config = readConfig();
  // Replays go to Deskbridge's own endpoint: its listening address (or DESKBRIDGE_SELF_URL), never
  // an address a request header names.
  const origin = selfOrigin();
  const how = mode === "resign" ? "resign" : "original";
  const result = await replayCall(client, masterKey(config), await authSecret(client, config), id, how, origin);
  revalidatePath(`/calls/${id}`);
  return {
    message: `Replayed: HTTP ${result.status}${result.callId ? ` — call #${result.callId}` : ""}`,
    values: { newCallId: String(result.callId ?? "") },
  };
});
