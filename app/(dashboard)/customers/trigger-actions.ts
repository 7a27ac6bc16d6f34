"use server";
// Sending a Sobot rule trigger for a customer (operators).
import { guarded, type ActionState } from "@/lib/actions";
import { readConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { validationError } from "@/lib/errors";
import { masterKey } from "@/lib/secrets/keyring";
import { sendTrigger } from "@/lib/vendors/sobot/api/trigger";
import { SobotApiError } from "@/lib/vendors/sobot/api/errors";

export async function sendTriggerAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("operator", formData, async () => {
    const [integrationId, trigger] = String(formData.get("trigger") ?? "").split("|");
    if (!integrationId || !trigger) throw validationError("Pick a trigger.", { trigger: ["Pick a trigger"] });
    let body: unknown;
    try {
      body = JSON.parse(String(formData.get("body") ?? ""));
    } catch {
      throw validationError("The body is not valid JSON.", { body: ["Not valid JSON"] });
    }
    try {
      const result = await sendTrigger(await db(), masterKey(readConfig()), integrationId, trigger, body);
      return {
        ok: result.ok,
        message: result.ok
          ? `Sobot accepted the trigger (ret_code ${result.code}).`
          : `Sobot refused the trigger: ${result.message} (ret_code ${result.code}).`,
        values: { body: String(formData.get("body")), trigger: String(formData.get("trigger")) },
      };
    } catch (error) {
      if (error instanceof SobotApiError)
        return {
          ok: false,
          message: `The trigger could not be sent: ${error.message}`,
          values: { body: String(formData.get("body")), trigger: String(formData.get("trigger")) },
        };
      throw error;
    }
  });
}
