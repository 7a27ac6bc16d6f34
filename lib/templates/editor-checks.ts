// What the template editor warns about before a save (warnings, not refusals: the save's own
// validation refuses what Udesk cannot read): placeholders that name nothing ({{order.titel}}),
// placeholders left open, and a task node id that the chosen role would drop.
import type { TemplateConfigInput } from "@/lib/templates/config";

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.\u4e00-\u9fff-]+)\s*\}\}/g;

/** The fields of each object a template can name; item.* and var.* are whatever they hold. */
export const KNOWN_PATHS: Record<string, readonly string[] | "any"> = {
  customer: [
    "id",
    "uname",
    "realname",
    "email",
    "phone",
    "emails",
    "phones",
    "remark",
    "isVip",
    "vipLevel",
    "labels",
    "fields",
    "customFields",
    "externalIds",
    "createdAt",
    "updatedAt",
  ],
  order: [
    "id",
    "customerId",
    "orderNo",
    "title",
    "imageUrl",
    "amountCents",
    "amount",
    "quantity",
    "status",
    "statusText",
    "createdAt",
    "latestShipment",
    "shipments",
  ],
  shipment: ["id", "status", "text", "time"],
  item: "any",
  var: "any",
};
const OPEN_ENDED = new Set(["customer.fields", "customer.customFields"]);

/** Why a placeholder names nothing, or null when it names something. */
export function unknownPlaceholder(path: string): string | null {
  if (path === "index") return null;
  const [root, field, ...rest] = path.split(".");
  const known = KNOWN_PATHS[root];
  if (!known) return `{{${path}}} names nothing: start with customer., order., shipment., item. or var.`;
  if (known === "any") return field ? null : `{{${path}}} needs a field, e.g. {{${root}.name}}`;
  if (!field || !known.includes(field)) {
    const near = known.find((k) => k.toLowerCase() === field?.toLowerCase()) ?? closest(field ?? "", known);
    return `{{${path}}} is not a field of ${root}${near ? `: did you mean {{${root}.${near}}}?` : ""}`;
  }
  if (rest.length && !OPEN_ENDED.has(`${root}.${field}`)) return `{{${path}}}: ${root}.${field} has no fields`;
  return null;
}

/** The known name one or two edits away, for a typo such as "titel". */
function closest(word: string, names: readonly string[]): string | undefined {
  const distance = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length][b.length];
  };
  return names.find((n) => distance(word.toLowerCase(), n.toLowerCase()) <= 2);
}

/** The warnings for one text template. */
export function textWarnings(template: string): string[] {
  const out: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const problem = unknownPlaceholder(match[1]);
    if (problem && !out.includes(problem)) out.push(problem);
  }
  const rest = template.replace(PLACEHOLDER, "");
  if (rest.includes("{{") || rest.includes("}}"))
    out.push("A placeholder is not closed: write it as {{order.title}}, with both braces");
  return out;
}

export type EditorHead = { taskNodeId: string; isDefault: boolean; form: boolean };

/** Every warning, keyed like the save's field errors (title, mapping.id, staticItems.0.title…). */
export function editorWarnings(config: TemplateConfigInput, head: EditorHead): Record<string, string[]> {
  const texts: [string, string][] = [
    ["title", config.title ?? ""],
    ["subTitle", config.subTitle ?? ""],
    ["faqText", config.faqText ?? ""],
    ...Object.entries(config.mapping ?? {}).map(([f, v]) => [`mapping.${f}`, v ?? ""] as [string, string]),
    ...(config.faqQuestions ?? []).map((q, i) => [`faqQuestions.${i}`, q] as [string, string]),
    ...Object.entries(config.answerVariables ?? {}).map(([k, v]) => [`answerVariables.${k}`, v] as [string, string]),
    ...(config.staticItems ?? []).flatMap((item, i) =>
      Object.entries(item).map(([f, v]) => [`staticItems.${i}.${f}`, v] as [string, string]),
    ),
  ];
  const out: Record<string, string[]> = {};
  for (const [key, text] of texts) {
    const found = textWarnings(text);
    if (found.length) out[key] = found;
  }
  const node = head.taskNodeId.trim();
  if (node && (head.isDefault || head.form))
    out.taskNodeId = [
      `Task node ${node} will not be kept: ${head.isDefault ? "the default" : "a form template"} answers no ` +
        "single node. Clear it, or untick the box.",
    ];
  return out;
}
