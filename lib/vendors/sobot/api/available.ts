// Every trigger an operator may send: the enabled sobot-api integrations and their triggers.
import type { Db } from "@/lib/db/client";
import type { SobotTrigger } from "@/lib/integrations/kinds";

export type TriggerChoice = { integrationId: string; integrationName: string; trigger: string; triggerId: string };

export async function availableTriggers(client: Db): Promise<TriggerChoice[]> {
  const rows = await client.integration.findMany({
    where: { vendor: "sobot-api", enabled: true },
    orderBy: { name: "asc" },
  });
  return rows.flatMap((row) =>
    ((JSON.parse(row.settings).triggers as SobotTrigger[] | undefined) ?? []).map((t) => ({
      integrationId: row.id,
      integrationName: row.name,
      trigger: t.name,
      triggerId: t.triggerId,
    })),
  );
}
