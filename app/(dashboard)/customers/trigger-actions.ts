"use server";
// Sending a Sobot rule trigger for a customer (operators).
import { z } from "zod";
import { action, text } from "@/lib/actions";
import { readConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { validationError } from "@/lib/errors";
import { masterKey } from "@/lib/secrets/keyring";
import { SobotApiError } from "@/lib/vendors/sobot/api/errors";
import { sendTrigger } from "@/lib/vendors/sobot/api/trigger";

export const sendTriggerAction = action("operator", z.object({ trigger: text(), body: text() }), async (input) => {
  const [integrationId, trigger] = input.trigger.split("|");
  if (!integrationId || !trigger) throw validationError("Pick a trigger.", { trigger: ["Pick a trigger"] });
  let body: unknown;
  try {
    body = JSON.parse(input.body);
  } catch {
    throw validationError("The body is not valid JSON.", { body: ["Not valid JSON"] });
  }
  const values = { body: input.body, trigger: input.trigger };
  try {
    const result = await sendTrigger(await db(), masterKey(readConfig()), integrationId, trigger, body);
    return {
      ok: result.ok,
      message: result.ok
        ? `Sobot accepted the trigger (ret_code ${result.code}).`
        : `Sobot refused the trigger: ${result.message} (ret_code ${result.code}).`,
      values,
    };
  } catch (error) {
    if (error instanceof SobotApiError)
      return { ok: false, message: `The trigger could not be sent: ${error.message}`, values };
    throw error;
  }
});
