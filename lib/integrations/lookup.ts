// Small reads of integrations for pages and actions: names for a filter, a count, one column.
import "server-only";
import type { Db } from "@/lib/db/client";

/** Id and name of every integration (of one vendor, when given), by name. */
export async function integrationNames(client: Db, vendor?: string): Promise<{ id: string; name: string }[]> {
  return client.integration.findMany({
    where: vendor ? { vendor } : {},
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** Id, name and raw settings of one vendor's integrations, by name. */
export async function integrationsOf(
  client: Db,
  vendor: string,
): Promise<{ id: string; name: string; settings: string }[]> {
  return client.integration.findMany({
    where: { vendor },
    select: { id: true, name: true, settings: true },
    orderBy: { name: "asc" },
  });
}

export async function countIntegrations(client: Db, vendor: string): Promise<number> {
  return client.integration.count({ where: { vendor } });
}

/** The slug and vendor of one integration, or null. */
export async function integrationHead(client: Db, id: string): Promise<{ slug: string; vendor: string } | null> {
  return client.integration.findUnique({ where: { id }, select: { slug: true, vendor: true } });
}

/** The company ids every Sobot CRM integration is set up for. */
export async function sobotCompanyIds(client: Db): Promise<string[]> {
  const rows = await client.integration.findMany({ where: { vendor: "sobot-crm" }, select: { settings: true } });
  return rows.map((o) => String((JSON.parse(o.settings) as { companyId?: unknown }).companyId ?? "")).filter(Boolean);
}
