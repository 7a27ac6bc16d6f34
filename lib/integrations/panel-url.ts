// "Open the panel as customer #…": the Hyphenate panel URL the agent console would open for a
// customer, found by the external id the integration matches on and built (its parameters
// encrypted with the integration's key) by the signature lab's builder.
import "server-only";
import type { Db } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { integrationHead } from "@/lib/integrations/lookup";
import { loadIntegrationWithKeys } from "@/lib/integrations/integrations";
import { buildLabRequest, LabInputError } from "@/lib/lab/build";
import type { MasterKeySecret } from "@/lib/secrets/master-key";

export async function panelUrlFor(
  client: Db,
  key: MasterKeySecret,
  integrationId: string,
  customerText: string,
  origin: string,
): Promise<{ customerId: number; url: string }> {
  const integration = await loadIntegrationWithKeys(client, key, integrationId, "hyphenate");
  const head = integration ? await integrationHead(client, integration.id) : null;
  if (!integration || !head) throw validationError("Pick a Hyphenate integration.");
  const raw = customerText.trim().replace(/^#/, "");
  const customerId = /^\d{1,12}$/.test(raw) ? Number(raw) : 0;
  if (!customerId) throw validationError("Give a customer number.", { customerId: ["A customer number such as 12"] });
  const matchParam = String(integration.settings.matchParam ?? "visitorImId");
  const matchKind = String(integration.settings.matchKind ?? "hyphenate-visitor");
  // The panel may also match its parameter to a phone or an email (lib/vendors/hyphenate/match).
  const external =
    matchKind === "phone"
      ? await client.customerPhone
          .findFirst({ where: { customerId }, orderBy: { position: "asc" } })
          .then((p) => (p ? { value: p.phone } : null))
      : matchKind === "email"
        ? await client.customerEmail
            .findFirst({ where: { customerId }, orderBy: { position: "asc" } })
            .then((e) => (e ? { value: e.email } : null))
        : await client.externalId.findFirst({ where: { customerId, kind: matchKind } });
  if (!external) {
    const exists = await client.customer.count({ where: { id: customerId } });
    const message = exists
      ? `Customer #${customerId} has no ${matchKind} id: the panel finds customers by it (${matchParam}).`
      : `There is no customer #${customerId}.`;
    throw validationError(message, { customerId: [message] });
  }
  const payload: Record<string, string> = { easemobId: "deskbridge-test", visitorImId: "", lang: "zh" };
  payload[matchParam] = external.value;
  if (!payload.visitorImId) payload.visitorImId = `deskbridge-test-${customerId}`;
  try {
    const built = buildLabRequest(
      "hyphenate-iframe",
      { name: integration.name, slug: head.slug, settings: integration.settings },
      { key: integration.keys.key?.find((k) => k.state === "current")?.value },
      payload,
      { origin },
    );
    return { customerId, url: built.view.url };
  } catch (error) {
    if (error instanceof LabInputError) throw validationError(error.message);
    throw error;
  }
}
