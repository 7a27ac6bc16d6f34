// Text templates for robot answers: {{customer.uname}}, {{order.title}}, {{var.city}}, … Unknown
// paths render empty. In HTML fields every value is escaped; the surrounding markup is the
// operator's (and is sanitized afterwards).
import { escapeHtml } from "@/lib/html";

export type TemplateContext = Record<string, unknown>;

function lookup(context: TemplateContext, path: string): string {
  let value: unknown = context;
  for (const part of path.split(".")) {
    // Own properties only: {{constructor}} or {{x.toString}} render empty, not built-ins.
    if (value === null || value === undefined || typeof value !== "object" || !Object.hasOwn(value, part)) return "";
    value = (value as Record<string, unknown>)[part];
  }
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

export function renderText(template: string, context: TemplateContext, { html = false } = {}): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_.\u4e00-\u9fff-]+)\s*\}\}/g, (_, path: string) => {
    const value = lookup(context, path);
    return html ? escapeHtml(value) : value;
  });
}

/** The placeholders a template uses, for the editor's hints and checks. */
export const placeholders = (template: string) =>
  [...template.matchAll(/\{\{\s*([A-Za-z0-9_.\u4e00-\u9fff-]+)\s*\}\}/g)].map((m) => m[1]);
