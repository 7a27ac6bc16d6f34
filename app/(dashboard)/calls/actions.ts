"use server";
// Replaying a logged call (operators): recorded in the audit log and linked to the original.
import { revalidatePath } from "next/cache";
import { guarded, type ActionState } from "@/lib/actions";
import { authSecret } from "@/lib/boot/ensure-ready";
import { readConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { selfOrigin } from "@/lib/public-url";
import { masterKey } from "@/lib/secrets/keyring";
import { replayCall } from "@/lib/calls/replay";

export async function replayAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("operator", formData, async () => {
    const client = await db();
    const config = readConfig();
    const id = Number(formData.get("id"));
    const mode = formData.get("mode") === "resign" ? "resign" : "original";
    // Replays go to Deskbridge's own endpoint: its listening address (or DESKBRIDGE_SELF_URL), never
    // an address a request header names.
    const origin = selfOrigin();
    const result = await replayCall(client, masterKey(config), await authSecret(client, config), id, mode, origin);
    revalidatePath(`/calls/${id}`);
    return {
      message: `Replayed: HTTP ${result.status}${result.callId ? ` — call #${result.callId}` : ""}`,
      values: { newCallId: String(result.callId ?? "") },
    };
  });
}
