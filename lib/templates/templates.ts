// Card templates: stored per integration and task node (or as the integration's default, or as a
// form template with its own URL), each a validated configuration that must render a valid Udesk
// answer before it can be saved.
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { dateOf, type KeptConfiguration, keptWhileUnchanged, preparedRows } from "@/lib/db/prepared";
import { Prisma } from "@/lib/generated/sqlite/client";
import { conflict, isUniqueViolation, notFound, validationError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";
import {
  savableTemplateConfig,
  templateConfig,
  type TemplateConfig,
  type TemplateConfigInput,
} from "@/lib/templates/config";
import { renderTemplate, TemplateError } from "@/lib/templates/render";
import { sampleInput } from "@/lib/templates/sample";
import { audit, diff } from "@/lib/audit/audit";

const auditable = (t: TemplateView | null) =>
  t
    ? {
        name: t.name,
        integrationId: t.integrationId,
        taskNodeId: t.taskNodeId,
        isDefault: t.isDefault,
        form: t.form,
        config: t.config,
      }
    : null;

export type TemplateView = {
  id: number;
  integrationId: string;
  integrationName: string;
  name: string;
  taskNodeId: string | null;
  isDefault: boolean;
  /** A form template: answers the task-push calls of a Udesk new form (no taskNodeId) whose
   *  webhook URL is formPath, this integration's task endpoint with ?template=<id>. */
  form: boolean;
  formPath: string | null;
  config: TemplateConfig;
  updatedAt: Date;
};

export type TemplateInput = {
  integrationId: string;
  name: string;
  taskNodeId?: string | null;
  isDefault?: boolean;
  form?: boolean;
  config: TemplateConfigInput;
};

function parse(input: TemplateInput) {
  const errors: Record<string, string[]> = {};
  const name = input.name?.trim() ?? "";
  if (!name) errors.name = ["A name is required"];
  if (name.length > 100) errors.name = ["At most 100 characters"];
  const rawNode = input.taskNodeId?.toString().trim() || null;
  if (rawNode && !/^\d{1,18}$/.test(rawNode)) errors.taskNodeId = ["A task node id is a number"];
  // Udesk sends node ids as integers: "0100" is node 100.
  const taskNodeId = rawNode && /^\d+$/.test(rawNode) ? rawNode.replace(/^0+(?=\d)/, "") : rawNode;
  if (input.isDefault && input.form)
    errors.form = ["A form template has its own URL: it cannot also be the integration's default"];
  else if (taskNodeId && input.form)
    errors.taskNodeId = ["A form template answers its own URL, not a task node: leave the task node id empty"];
  else if (!taskNodeId && !input.isDefault && !input.form)
    errors.taskNodeId = ["Give the task node id, make this the integration's default, or make it a form template"];
  const config = savableTemplateConfig.safeParse(input.config);
  if (!config.success) Object.assign(errors, fieldErrorsOf(config.error));
  if (Object.keys(errors).length) throw validationError("The template has invalid fields.", errors);
  // A template that cannot produce a valid answer cannot be saved: try it on sample data.
  try {
    renderTemplate(config.data!, sampleInput());
  } catch (error) {
    if (error instanceof TemplateError) throw validationError(error.message, { config: error.problems });
    throw error;
  }
  return {
    name,
    taskNodeId: input.isDefault || input.form ? null : taskNodeId,
    isDefault: Boolean(input.isDefault),
    form: Boolean(input.form),
    config: config.data!,
  };
}

const FORM_SLOT = "form:";
const isFormSlot = (slot: string | null) => Boolean(slot?.startsWith(FORM_SLOT));

type Row = {
  id: number;
  integrationId: string;
  name: string;
  taskNodeId: string | null;
  isDefault: boolean;
  slot: string | null;
  config: string;
  updatedAt: Date;
  integration: { name: string; slug: string };
};
const toView = (r: Row, config?: TemplateView["config"]): TemplateView => ({
  id: r.id,
  integrationId: r.integrationId,
  integrationName: r.integration.name,
  name: r.name,
  taskNodeId: r.taskNodeId,
  isDefault: r.isDefault,
  form: isFormSlot(r.slot),
  formPath: isFormSlot(r.slot) ? formPathOf(r.integration.slug, r.id) : null,
  config: config ?? templateConfig.parse(JSON.parse(r.config)),
  updatedAt: r.updatedAt,
});
const include = { integration: { select: { name: true, slug: true } } } as const;

/** The webhook URL (path) to paste into a Udesk new form for this form template. */
export const formPathOf = (integrationSlug: string, id: number) =>
  `/api/callbacks/udesk/task/${integrationSlug}?template=${id}`;

async function assertSlotFree(
  client: Db,
  integrationId: string,
  data: { taskNodeId: string | null; isDefault: boolean; form: boolean },
  selfId?: number,
) {
  // Each form template has a slot of its own.
  if (data.form) return;
  const clash = await client.cardTemplate.findFirst({
    where: {
      integrationId,
      ...(data.isDefault ? { isDefault: true } : { taskNodeId: data.taskNodeId }),
      NOT: selfId ? { id: selfId } : undefined,
    },
  });
  if (clash) {
    throw conflict(
      data.isDefault
        ? `"${clash.name}" is already this integration's default template.`
        : `"${clash.name}" already answers task node ${data.taskNodeId}.`,
      { [data.isDefault ? "isDefault" : "taskNodeId"]: ["Already taken by another template"] },
    );
  }
}

/** The unique slot; a form template keeps the one it has (its URL does not change on save). */
const slotOf = (data: { taskNodeId: string | null; isDefault: boolean; form: boolean }, current?: string | null) =>
  data.form
    ? isFormSlot(current ?? null)
      ? current!
      : `${FORM_SLOT}${randomUUID()}`
    : data.isDefault
      ? "default"
      : data.taskNodeId;

async function assertUdesk(client: Db, integrationId: string) {
  const integration = await client.integration.findUnique({ where: { id: integrationId } });
  if (integration?.vendor !== "udesk")
    throw validationError("Pick a Udesk integration.", { integrationId: ["Pick a Udesk integration"] });
}

/** The unique slot settles a race the check above cannot: the loser gets the same answer. */
function slotTaken(data: { taskNodeId: string | null; isDefault: boolean }) {
  return (error: unknown): never => {
    if (isUniqueViolation(error)) {
      throw conflict(
        data.isDefault
          ? "Another template is already this integration's default."
          : `Another template already answers task node ${data.taskNodeId}.`,
        {
          [data.isDefault ? "isDefault" : "taskNodeId"]: ["Already taken by another template"],
        },
      );
    }
    throw error;
  };
}

export async function createTemplate(client: Db, input: TemplateInput): Promise<TemplateView> {
  const data = parse(input);
  await assertUdesk(client, input.integrationId);
  await assertSlotFree(client, input.integrationId, data);
  const row = await client.cardTemplate
    .create({
      data: {
        integrationId: input.integrationId,
        name: data.name,
        taskNodeId: data.taskNodeId,
        isDefault: data.isDefault,
        slot: slotOf(data),
        kind: data.config.kind,
        config: JSON.stringify(data.config),
      },
      include,
    })
    .catch(slotTaken(data));
  const view = toView(row);
  await audit(client, {
    action: "create",
    entity: "template",
    entityId: view.id,
    summary: `created template "${view.name}" (${view.config.kind})`,
    changes: diff(null, auditable(view)),
  });
  return view;
}

export async function updateTemplate(client: Db, id: number, input: TemplateInput): Promise<TemplateView> {
  const data = parse(input);
  const existing = await client.cardTemplate.findUnique({ where: { id } });
  if (!existing) throw notFound(`Template #${id} does not exist.`);
  await assertUdesk(client, input.integrationId);
  await assertSlotFree(client, input.integrationId, data, id);
  const before = await getTemplate(client, id);
  const row = await client.cardTemplate
    .update({
      where: { id },
      data: {
        integrationId: input.integrationId,
        name: data.name,
        taskNodeId: data.taskNodeId,
        isDefault: data.isDefault,
        slot: slotOf(data, existing.slot),
        kind: data.config.kind,
        config: JSON.stringify(data.config),
      },
      include,
    })
    .catch(slotTaken(data));
  const view = toView(row);
  const changes = diff(auditable(before), auditable(view));
  if (Object.keys(changes).length)
    await audit(client, {
      action: "update",
      entity: "template",
      entityId: id,
      summary: `changed ${Object.keys(changes).join(", ")} of template "${view.name}"`,
      changes,
    });
  return view;
}

export async function duplicateTemplate(client: Db, id: number): Promise<TemplateView> {
  const existing = await getTemplate(client, id);
  if (!existing) throw notFound(`Template #${id} does not exist.`);
  // The copy answers no task node until the operator gives it one.
  const row = await client.cardTemplate.create({
    data: {
      integrationId: existing.integrationId,
      name: `${existing.name} (copy)`.slice(0, 100),
      taskNodeId: null,
      isDefault: false,
      kind: existing.config.kind,
      config: JSON.stringify(existing.config),
    },
    include,
  });
  const view = toView(row);
  await audit(client, {
    action: "create",
    entity: "template",
    entityId: view.id,
    summary: `duplicated template "${existing.name}" as "${view.name}"`,
  });
  return view;
}

export async function deleteTemplate(client: Db, id: number): Promise<void> {
  const before = await getTemplate(client, id);
  const { count } = await client.cardTemplate.deleteMany({ where: { id } });
  if (count === 0 || !before) throw notFound(`Template #${id} does not exist.`);
  await audit(client, {
    action: "delete",
    entity: "template",
    entityId: id,
    summary: `deleted template "${before.name}"`,
    changes: diff(auditable(before), null),
  });
}

export async function getTemplate(client: Db, id: number): Promise<TemplateView | null> {
  const row = await client.cardTemplate.findUnique({ where: { id }, include });
  return row ? toView(row) : null;
}

/** By integration; the default first, then task nodes in numeric order, then form templates,
 *  then unbound copies. */
export async function listTemplates(client: Db, where: { integrationId?: string } = {}): Promise<TemplateView[]> {
  const rows = await client.cardTemplate.findMany({ where, include });
  const rank = (t: TemplateView) =>
    t.isDefault
      ? -1
      : t.taskNodeId !== null
        ? Number(t.taskNodeId)
        : t.form
          ? Number.MAX_SAFE_INTEGER - 1
          : Number.MAX_SAFE_INTEGER;
  return rows
    .map((r) => toView(r))
    .sort(
      (a, b) =>
        a.integrationName.localeCompare(b.integrationName) ||
        a.integrationId.localeCompare(b.integrationId) ||
        rank(a) - rank(b) ||
        a.name.localeCompare(b.name),
    );
}

/** The form template a webhook URL names (?template=<id>), when it is one of this integration's. */
export async function formTemplateFor(
  client: Db,
  integrationId: string,
  templateId: string,
): Promise<TemplateView | null> {
  if (!/^\d{1,9}$/.test(templateId)) return null;
  const row = await client.cardTemplate.findFirst({
    where: { id: Number(templateId), integrationId, slot: { startsWith: FORM_SLOT } },
    include,
  });
  return row ? toView(row) : null;
}

/** Parsed configurations by template id and version: a template is parsed once per change. */
const parsedConfigs = new Map<string, TemplateView["config"]>();

type Candidate = Omit<Row, "integration" | "isDefault" | "updatedAt"> & {
  isDefault: unknown;
  updatedAt: unknown;
  integrationName: string;
  integrationSlug: string;
};
/** Each task node's candidates, while the templates stay unchanged (lib/db/prepared). */
const keptCandidates: KeptConfiguration<Candidate[]> = new Map();

/**
 * The template answering a task node: the one bound to it, else the integration's default. On
 * every Udesk task call: one prepared statement (lib/db/prepared) for both candidates, or none
 * while the templates stay unchanged.
 */
export async function templateFor(
  client: Db,
  integrationId: string,
  taskNodeId: string | null,
): Promise<TemplateView | null> {
  const node = taskNodeId ? taskNodeId.replace(/^0+(?=\d)/, "") : null;
  const rows = await keptWhileUnchanged(client, keptCandidates, JSON.stringify([integrationId, node]), () =>
    preparedRows<Candidate>(
      client,
      Prisma.sql`
      SELECT t."id", t."integrationId", t."name", t."taskNodeId", t."isDefault", t."slot", t."config", t."updatedAt",
        i."name" AS "integrationName", i."slug" AS "integrationSlug"
      FROM "CardTemplate" t JOIN "Integration" i ON i."id" = t."integrationId"
      WHERE t."integrationId" = ${integrationId} AND (t."taskNodeId" = ${node} OR t."isDefault" = TRUE)`,
    ),
  );
  const isDefault = (r: { isDefault: unknown }) => r.isDefault === true || Number(r.isDefault) === 1;
  const row = (node !== null && rows.find((r) => r.taskNodeId === node)) || rows.find(isDefault);
  if (!row) return null;
  const updatedAt = dateOf(row.updatedAt);
  const version = `${row.id}@${updatedAt.getTime()}`;
  let config = parsedConfigs.get(version);
  if (!config) {
    if (parsedConfigs.size > 1000) parsedConfigs.clear();
    config = templateConfig.parse(JSON.parse(row.config));
    parsedConfigs.set(version, config);
  }
  return toView(
    {
      ...row,
      isDefault: isDefault(row),
      updatedAt,
      integration: { name: row.integrationName, slug: row.integrationSlug },
    },
    config,
  );
}
