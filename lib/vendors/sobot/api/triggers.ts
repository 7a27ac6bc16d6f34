// The named rule-engine triggers of a sobot-api integration: trigger-id in the settings, its
// secret sealed like any other.
import type { Db } from "@/lib/db/client";
import { notFound, validationError, conflict } from "@/lib/errors";
import { getIntegration, sealSecret, type IntegrationView } from "@/lib/integrations/integrations";
import { KINDS, triggerSecretName, type SobotTrigger } from "@/lib/integrations/kinds";
import { fieldErrorsOf } from "@/lib/field-errors";
import { audit } from "@/lib/audit/audit";

export async function addTrigger(
  client: Db,
  key: Buffer,
  integrationId: string,
  input: { name: string; triggerId: string; secret: string },
): Promise<IntegrationView> {
  const row = await client.integration.findUnique({ where: { id: integrationId } });
  if (row?.vendor !== "sobot-api") throw notFound(`No sobot-api integration has the id ${integrationId}.`);
  const settings = JSON.parse(row.settings) as { triggers?: SobotTrigger[] };
  const triggers = settings.triggers ?? [];
  if (triggers.some((t) => t.name === input.name.trim()))
    throw conflict(`A trigger named "${input.name.trim()}" already exists.`, { name: ["Already used"] });
  const parsed = KINDS["sobot-api"].settings.safeParse({
    ...settings,
    triggers: [...triggers, { name: input.name, triggerId: input.triggerId }],
  });
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error);
    const mapped = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.replace(/^triggers\.\d+\./, ""), v]));
    throw validationError("The trigger has invalid fields.", mapped);
  }
  if (!input.secret)
    throw validationError("The trigger has invalid fields.", { secret: ["The trigger's secret is required"] });
  const trigger = (parsed.data.triggers as SobotTrigger[]).at(-1)!;
  await client.$transaction(async (tx) => {
    await tx.integration.update({ where: { id: integrationId }, data: { settings: JSON.stringify(parsed.data) } });
    await tx.integrationSecret.deleteMany({ where: { integrationId, name: triggerSecretName(trigger.name) } });
    await tx.integrationSecret.create({
      data: {
        integrationId,
        name: triggerSecretName(trigger.name),
        state: "current",
        ...sealSecret(key, integrationId, triggerSecretName(trigger.name), input.secret),
      },
    });
  });
  await audit(client, {
    action: "update",
    entity: "integration",
    entityId: integrationId,
    summary: `added trigger ${trigger.name} (${trigger.triggerId}) to "${row.name}"; its secret set`,
  });
  return (await getIntegration(client, integrationId))!;
}

export async function removeTrigger(client: Db, integrationId: string, name: string): Promise<IntegrationView> {
  const row = await client.integration.findUnique({ where: { id: integrationId } });
  if (row?.vendor !== "sobot-api") throw notFound(`No sobot-api integration has the id ${integrationId}.`);
  const settings = JSON.parse(row.settings) as { triggers?: SobotTrigger[] };
  if (!settings.triggers?.some((t) => t.name === name)) throw notFound(`No trigger is named "${name}".`);
  await client.$transaction(async (tx) => {
    await tx.integration.update({
      where: { id: integrationId },
      data: { settings: JSON.stringify({ ...settings, triggers: settings.triggers!.filter((t) => t.name !== name) }) },
    });
    await tx.integrationSecret.deleteMany({ where: { integrationId, name: triggerSecretName(name) } });
  });
  await audit(client, {
    action: "update",
    entity: "integration",
    entityId: integrationId,
    summary: `removed trigger ${name} from "${row.name}"`,
  });
  return (await getIntegration(client, integrationId))!;
}
