// deskbridge templates …: card templates of a Udesk integration, provisioned by script like the
// integration itself.
import fs from "node:fs";
import type { Db } from "@/lib/db/client";
import { readConfig } from "@/lib/config";
import { defaultConfig, TEMPLATE_KINDS, type TemplateKind } from "@/lib/templates/config";
import { createTemplate, listTemplates, type TemplateView } from "@/lib/templates/templates";
import { parse, print, table, UsageError } from "@/lib/cli/args";

/** A Udesk integration named by id or by exact name. */
async function resolve(db: Db, ref: string | undefined): Promise<string> {
  if (!ref || ref.startsWith("-")) throw new UsageError("name the Udesk integration (its id or name) first");
  const found = await db.integration.findMany({
    where: { vendor: "udesk", OR: [{ id: ref }, { name: ref }] },
    select: { id: true },
  });
  if (found.length === 0) throw new UsageError(`no Udesk integration has the id or name "${ref}"`);
  if (found.length > 1) throw new UsageError(`several Udesk integrations are named "${ref}": use the id`);
  return found[0].id;
}

/** What the CLI prints of a template; a form template with the URL to paste into its form. */
function summary(t: TemplateView) {
  const origin = readConfig().publicUrl;
  return {
    id: t.id,
    integrationId: t.integrationId,
    integrationName: t.integrationName,
    name: t.name,
    kind: t.config.kind,
    answers: t.isDefault ? "default" : t.form ? "form" : t.taskNodeId ? `task node ${t.taskNodeId}` : "nothing yet",
    taskNodeId: t.taskNodeId,
    isDefault: t.isDefault,
    form: t.form,
    ...(t.formPath ? { formPath: t.formPath, formUrl: origin ? `${origin}${t.formPath}` : t.formPath } : {}),
    config: t.config,
  };
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read --from-file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`--from-file ${file} is not JSON (a template's config, as "templates list --json" prints it)`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw new UsageError(`--from-file ${file} must hold one JSON object: the template's config`);
  return parsed as Record<string, unknown>;
}

async function add(db: Db, argv: string[]) {
  const [ref, ...rest] = argv;
  const { values } = parse(rest, {
    name: { type: "string" },
    kind: { type: "string" },
    "task-node": { type: "string" },
    default: { type: "boolean" },
    form: { type: "boolean" },
    "from-file": { type: "string" },
  });
  const integrationId = await resolve(db, ref);
  const kind = values.kind as string | undefined;
  if (!kind || !(TEMPLATE_KINDS as readonly string[]).includes(kind))
    throw new UsageError(`--kind is one of ${TEMPLATE_KINDS.join(", ")}`);
  const slots = [values["task-node"] !== undefined, Boolean(values.default), Boolean(values.form)];
  if (slots.filter(Boolean).length !== 1)
    throw new UsageError("say what the template answers: one of --task-node ID, --default or --form");
  const file = values["from-file"] as string | undefined;
  const config = file ? readConfigFile(file) : defaultConfig(kind as TemplateKind);
  if (file && config.kind !== undefined && config.kind !== kind)
    throw new UsageError(`--from-file ${file} is a ${String(config.kind)} template, not --kind ${kind}`);
  const template = await createTemplate(db, {
    integrationId,
    name: (values.name as string) ?? "",
    taskNodeId: (values["task-node"] as string | undefined) ?? null,
    isDefault: Boolean(values.default),
    form: Boolean(values.form),
    config: { ...config, kind: kind as TemplateKind },
  });
  const shown = summary(template);
  print(values.json as boolean, shown, () =>
    [
      `Added template "${template.name}" (${kind}, #${template.id}) answering ${shown.answers}`,
      ...(shown.formUrl ? [`  paste into the Udesk form's webhook: ${shown.formUrl}`] : []),
    ].join("\n"),
  );
}

async function list(db: Db, argv: string[]) {
  const [ref, ...rest] = argv;
  const { values } = parse(rest, {});
  const items = (await listTemplates(db, { integrationId: await resolve(db, ref) })).map(summary);
  print(values.json as boolean, items, () =>
    table(
      items.map((t) => ({ ...t, url: t.formUrl ?? "" })),
      ["id", "name", "kind", "answers", "url"],
    ),
  );
}

export const templateCommands = {
  "templates add": add,
  "templates list": list,
};
