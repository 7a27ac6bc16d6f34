// Udesk's document types some ids Integer (bubble and drawer items, products, cards, FAQ
// questions). A template's id mapping for those kinds must give a whole number: a number typed in,
// or a placeholder whose value is one. Text (an order number) is refused when the template is
// saved and marked in the editor's preview.
import type { TemplateKind } from "@/lib/templates/config";

export const INTEGER_ID_KINDS: ReadonlySet<TemplateKind> = new Set([
  "bubble_list",
  "drawer_list",
  "show_product",
  "custom_card",
]);

/** Placeholders whose value is always a whole number. */
export const INTEGER_PLACEHOLDERS = [
  "order.id",
  "order.customerId",
  "order.quantity",
  "order.amountCents",
  "customer.id",
  "shipment.id",
  "index",
];

// item.* and var.* come from the robot's variables or static items: their values are only known
// when the card is answered; a value that is not a whole number then falls back to the position.
const RUNTIME_CHECKED = /^(item|var)\.[A-Za-z0-9_.\u4e00-\u9fff-]+$/;

/** For an id template in an Integer field: null when acceptable, else the reason. */
export function integerTemplateProblem(template: string): string | null {
  const value = template.trim();
  if (value === "" || /^\d{1,15}$/.test(value)) return null;
  const single = /^\{\{\s*([A-Za-z0-9_.\u4e00-\u9fff-]+)\s*\}\}$/.exec(value);
  if (single && (INTEGER_PLACEHOLDERS.includes(single[1]) || RUNTIME_CHECKED.test(single[1]))) return null;
  return (
    `Udesk reads this id as a whole number: use {{order.id}}, {{index}} or a number, not text` +
    `${single ? ` such as {{${single[1]}}}` : ""} (show that in a display field instead)`
  );
}

/** A rendered id as Udesk's Integer, or null when it is not a whole number. */
export function asInteger(value: string | undefined): number | null {
  const text = (value ?? "").trim();
  if (!/^\d{1,15}$/.test(text)) return null;
  return Number(text);
}
