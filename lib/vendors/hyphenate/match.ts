// How the panel finds its customer from the parameter the integration names: as an external id of
// a kind, or as a phone number (in any writing: lib/phones) or an email address.
import type { Db } from "@/lib/db/client";
import type { CustomerView } from "@/lib/customers/customers";
import { findByEmail, findByExternalId, findByPhone } from "@/lib/customers/lookup";
import type { PanelMatchKind } from "@/lib/integrations/kinds";

export type { PanelMatchKind } from "@/lib/integrations/kinds";

export function findPanelCustomer(client: Db, kind: PanelMatchKind, value: string): Promise<CustomerView | null> {
  if (kind === "phone") return findByPhone(client, value);
  if (kind === "email") return findByEmail(client, value);
  return findByExternalId(client, kind, value);
}
