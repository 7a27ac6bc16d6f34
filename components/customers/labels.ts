// Code values the customer pages show under a label of the page's language ("kinds.sobot-partner",
// "statuses.paid"); a value outside these lists is shown as it is.
import { EXTERNAL_ID_KINDS, type ExternalIdKind, ORDER_STATUSES } from "@/lib/customers/schemas";

export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const isExternalIdKind = (kind: string): kind is ExternalIdKind =>
  (EXTERNAL_ID_KINDS as readonly string[]).includes(kind);

export const isOrderStatus = (status: string): status is OrderStatus =>
  (ORDER_STATUSES as readonly string[]).includes(status);
