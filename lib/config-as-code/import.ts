// `deskbridge config import FILE [--dry-run]`: makes the database's configuration the file's, and
// says what that changed. An integration is matched by vendor and name (created when missing, its
// settings and enabled state brought in line otherwise); within it, the file's answer rules,
// templates and knowledge entries replace the database's. Integrations the file does not name are
// left alone. Everything is checked before anything is written, and written in one transaction;
// importing the same file twice changes nothing the second time. Secrets are never in the file: a
// new integration starts without them, and the result lists what each integration still needs.
import crypto from "node:crypto";
import { withProviderOf, type Db } from "@/lib/db/client";
import { fieldErrorsOf } from "@/lib/field-errors";
import { validationError } from "@/lib/errors";
import { audit, diff } from "@/lib/audit/audit";
import { listIntegrations, updateIntegration } from "@/lib/integrations/integrations";
import { kindOf, VENDORS } from "@/lib/integrations/kinds";
import { configFile, type IntegrationConfig } from "@/lib/config-as-code/format";
import { planKnowledge, planRules, planTemplates, type Errors, type Step, type Target } from "./answers";
import { planDictionary } from "@/lib/config-as-code/dictionary";

export type ImportResult = {
  dryRun: boolean;
  /** One line per change, in the order applied ("would" changes on a dry run). */
  changes: string[];
  integrations: { vendor: string; name: string; id: string | null; endpoints: Record<string, string> }[];
  /** Integrations whose secrets are not set yet: "name (vendor): secret, …". */
  secretsToSet: { vendor: string; name: string; id: string | null; secrets: string[] }[];
};

const sorted = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(sorted)
    : value && typeof value === "object"
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, sorted(v)]),
        )
      : value;
const same = (a: unknown, b: unknown) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

async function planIntegration(
  client: Db,
  wanted: IntegrationConfig,
  index: number,
  existing: Awaited<ReturnType<typeof listIntegrations>>,
  errors: Errors,
): Promise<{ steps: Step[]; target: Target }> {
  const at = `integrations.${index}`;
  const kind = kindOf(wanted.vendor);
  const name = wanted.name.trim();
  const target: Target = { id: "", name };
  if (!kind) {
    errors[`${at}.vendor`] = [`One of ${VENDORS.join(", ")}`];
    return { steps: [], target };
  }
  if (!name || name.length > 100) errors[`${at}.name`] = ["A name of at most 100 characters"];
  const settings = kind.settings.safeParse(wanted.settings);
  if (!settings.success)
    for (const [k, v] of Object.entries(fieldErrorsOf(settings.error))) errors[`${at}.settings.${k}`] = v;
  const matches = existing.filter((i) => i.vendor === kind.vendor && i.name === name);
  if (matches.length > 1)
    errors[`${at}.name`] = [`${matches.length} ${kind.label} integrations are named "${name}": rename all but one`];
  const steps: Step[] = [];
  const old = matches.length === 1 ? matches[0] : undefined;
  if (old) {
    target.id = old.id;
    const before = { enabled: old.enabled, ...old.settings };
    const after = { enabled: wanted.enabled, ...(settings.data ?? {}) };
    if (settings.success && !same(before, after)) {
      const changed = Object.keys(
        diff(sorted(before) as Record<string, unknown>, sorted(after) as Record<string, unknown>),
      );
      steps.push({
        line: `change ${changed.join(", ")} of integration "${name}" (${kind.vendor})`,
        apply: async (tx) =>
          void (await updateIntegration(tx, old.id, { settings: settings.data, enabled: wanted.enabled })),
      });
    }
  } else {
    steps.push({
      line: `create integration "${name}" (${kind.vendor})${wanted.enabled ? "" : ", disabled"}`,
      apply: async (tx) => {
        target.id = crypto.randomUUID();
        await tx.integration.create({
          data: {
            id: target.id,
            vendor: kind.vendor,
            name,
            enabled: wanted.enabled,
            slug: crypto.randomBytes(18).toString("base64url"),
            settings: JSON.stringify(settings.data),
          },
        });
        await audit(tx, {
          action: "create",
          entity: "integration",
          entityId: target.id,
          summary: `created ${kind.label} integration "${name}" from a configuration file, without secrets`,
          changes: diff(null, { name, settings: settings.data, enabled: wanted.enabled }),
        });
      },
    });
  }
  const answers = kind.vendor === "udesk";
  if (!answers && (wanted.rules.length || wanted.templates.length || wanted.knowledge.length))
    errors[at] = [`Only Udesk integrations have answer rules, templates and knowledge entries`];
  if (answers) {
    steps.push(...(await planRules(client, target, wanted.rules, at, errors)));
    steps.push(...(await planTemplates(client, target, wanted.templates, at, errors)));
    steps.push(...(await planKnowledge(client, target, wanted.knowledge, at, errors)));
  }
  return { steps, target };
}

export async function importConfig(
  client: Db,
  input: unknown,
  options: { dryRun?: boolean } = {},
): Promise<ImportResult> {
  const file = configFile.safeParse(input);
  if (!file.success) throw validationError("The configuration file is invalid.", fieldErrorsOf(file.error));
  const errors: Errors = {};
  const existing = await listIntegrations(client);
  const seen = new Set<string>();
  const steps: Step[] = [];
  const targets: { vendor: string; target: Target }[] = [];
  for (const [i, wanted] of file.data.integrations.entries()) {
    const key = `${wanted.vendor}\u0000${wanted.name.trim()}`;
    if (seen.has(key)) errors[`integrations.${i}.name`] = [`"${wanted.name}" (${wanted.vendor}) appears twice`];
    seen.add(key);
    const planned = await planIntegration(client, wanted, i, existing, errors);
    steps.push(...planned.steps);
    targets.push({ vendor: wanted.vendor, target: planned.target });
  }
  steps.push(...(await planDictionary(client, file.data.sobotDictionary, errors)));
  if (Object.keys(errors).length)
    throw validationError("The configuration file has invalid entries; nothing was changed.", errors);
  // All or nothing: a step that fails (another writer took a template's task node meanwhile)
  // rolls back the steps before it.
  if (!options.dryRun && steps.length)
    await client.$transaction(
      async (tx) => {
        const inner = withProviderOf(tx as Db, client);
        for (const step of steps) await step.apply(inner);
      },
      { maxWait: 10_000, timeout: 120_000 },
    );

  const after = options.dryRun ? existing : await listIntegrations(client);
  const result: ImportResult = { dryRun: Boolean(options.dryRun), changes: [], integrations: [], secretsToSet: [] };
  result.changes = steps.flatMap((s) => s.line.split("\n"));
  for (const { vendor, target } of targets) {
    const view = after.find((i) => i.id === target.id);
    const kind = kindOf(vendor)!;
    result.integrations.push({ vendor, name: target.name, id: view?.id ?? null, endpoints: view?.endpoints ?? {} });
    const missing = view
      ? view.secrets.filter((s) => !s.hint && !kind.secrets.find((k) => k.name === s.name)?.optional).map((s) => s.name)
      : kind.secrets.filter((s) => !s.optional).map((s) => s.name);
    if (missing.length) result.secretsToSet.push({ vendor, name: target.name, id: view?.id ?? null, secrets: missing });
  }
  return result;
}
