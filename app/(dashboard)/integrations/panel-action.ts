"use server";
// "Open the panel as customer #…" on a Hyphenate integration's page (operators and admins).
import { z } from "zod";
import { action, text } from "@/lib/actions";
import { readConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { panelUrlFor } from "@/lib/integrations/panel-url";
import { publicOrigin } from "@/lib/public-url";
import { masterKey } from "@/lib/secrets/keyring";

export const panelUrlAction = action(
  "operator",
  z.object({ integrationId: text(), customerId: text() }),
  async (input) => {
    const { customerId, url } = await panelUrlFor(
      await db(),
      masterKey(readConfig()),
      input.integrationId,
      input.customerId,
      publicOrigin(),
    );
    return { message: `The panel for customer #${customerId}.`, url };
  },
);

export type PanelUrlState = Awaited<ReturnType<typeof panelUrlAction>>;
