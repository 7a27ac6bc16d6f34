// The template editor's small pieces of text handling: which fields each kind shows, and the
// "one per line" textareas (key=value pairs, static items) read and written back.
import type { ItemField, TemplateKind } from "@/lib/templates/config";

/** Which item fields each kind uses, in the order the form shows them. */
export const FIELDS: Record<TemplateKind, ItemField[]> = {
  bubble_list: ["id", "title", "subTitle", "img", "attr1", "attr2", "attr3", "hitContent"],
  drawer_list: ["id", "tabId", "title", "subTitle", "img", "attr1", "attr2", "attr3", "hitContent"],
  logistics: ["status", "title", "subTitle"],
  custom_card: ["id", "content", "hitContent"],
  selective_list: ["id", "title"],
  selective_table: ["id", "title"],
  show_product: ["id", "title", "subTitle", "img", "url", "attr1", "attr2", "attr3"],
};

export const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
export const pairs = (text: string) =>
  Object.fromEntries(
    lines(text).map((l) => [
      l.slice(0, l.indexOf("=") < 0 ? l.length : l.indexOf("=")).trim(),
      l.indexOf("=") < 0 ? "" : l.slice(l.indexOf("=") + 1).trim(),
    ]),
  );
export const toPairs = (obj: Record<string, string> = {}) =>
  Object.entries(obj)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");

type LineFormat = (line: number, field: string, message: string) => string;
const english: LineFormat = (line, field, message) => `Line ${line}${field ? `, ${field}` : ""}: ${message}`;

/** A static item's field errors ("staticItems.1.img"), named the way the textarea shows them. */
export function itemErrors(
  errors: Record<string, string[]> | undefined,
  format: LineFormat = english,
): string[] | undefined {
  const found = Object.entries(errors ?? {})
    .filter(([key]) => key.startsWith("staticItems."))
    .map(([key, messages]) => {
      const [, index, field] = key.split(".");
      return format(Number(index) + 1, field ?? "", messages[0]);
    });
  return found.length ? found : undefined;
}
