// Importing an integration's answers: its rules (in order), card templates (by task node, the
// default, or by name for a template bound to no node) and knowledge entries (by datum and
// template attribute). The file's list replaces the integration's: what it lacks is removed.
import type { Db } from "@/lib/db/client";
import { fieldErrorsOf } from "@/lib/field-errors";
import { templateConfig } from "@/lib/templates/config";
import { renderTemplate, TemplateError } from "@/lib/templates/render";
import { sampleInput } from "@/lib/templates/sample";
import { createTemplate, deleteTemplate, listTemplates, updateTemplate } from "@/lib/templates/templates";
import {
  deleteEntry,
  deleteRule,
  entryInput,
  listEntries,
  listRules,
  ruleInput,
  saveEntry,
  saveRule,
} from "@/lib/vendors/udesk/rules";
import type { IntegrationConfig } from "@/lib/config-as-code/format";

export type Step = { line: string; apply: (client: Db) => Promise<void> };
/** The integration's id: known at plan time when it exists, set by its creation step otherwise. */
export type Target = { id: string; name: string };
export type Errors = Record<string, string[]>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const nodeOf = (id: string | null) => (id && /^\d+$/.test(id) ? id.replace(/^0+(?=\d)/, "") : id || null);

export async function planRules(
  client: Db,
  target: Target,
  wanted: IntegrationConfig["rules"],
  at: string,
  errors: Errors,
): Promise<Step[]> {
  const parsed = wanted.map((r, i) => {
    const result = ruleInput.safeParse({ ...r, position: i + 1 });
    if (!result.success)
      for (const [k, v] of Object.entries(fieldErrorsOf(result.error))) errors[`${at}.rules.${i}.${k}`] = v;
    return result.data;
  });
  const existing = target.id ? await listRules(client, target.id) : [];
  const key = (r: { matchType: string; pattern: string; answer: string }) => [r.matchType, r.pattern, r.answer];
  if (
    existing.length === parsed.length &&
    existing.every((r, i) => parsed[i] && same(key(r), key(parsed[i]!)) && r.position === i + 1)
  )
    return [];
  const kept = new Set(existing.map((r) => JSON.stringify(key(r))));
  const added = parsed.filter((r) => r && !kept.has(JSON.stringify(key(r)))).length;
  const removed = existing.length - (parsed.length - added);
  return [
    {
      line:
        `answer rules of "${target.name}": ${existing.length} → ${parsed.length}` +
        ` (${added} new or changed, ${Math.max(removed, 0)} removed, in the file's order)`,
      apply: async (tx) => {
        for (const r of existing) await deleteRule(tx, target.id, r.id);
        for (const r of parsed) await saveRule(tx, target.id, r!);
      },
    },
  ];
}

type WantedTemplate = { name: string; taskNodeId: string | null; isDefault: boolean; config: unknown };
const slotKey = (t: { name: string; taskNodeId: string | null; isDefault: boolean }) =>
  t.isDefault ? "default" : t.taskNodeId ? `node:${t.taskNodeId}` : `name:${t.name}`;
const slotLabel = (t: WantedTemplate) =>
  t.isDefault ? "the default" : t.taskNodeId ? `task node ${t.taskNodeId}` : "no task node";

export async function planTemplates(
  client: Db,
  target: Target,
  wanted: IntegrationConfig["templates"],
  at: string,
  errors: Errors,
): Promise<Step[]> {
  const parsed: WantedTemplate[] = wanted.map((t, i) => {
    const config = templateConfig.safeParse(t.config);
    if (!config.success)
      for (const [k, v] of Object.entries(fieldErrorsOf(config.error))) errors[`${at}.templates.${i}.config.${k}`] = v;
    else {
      // As saving a template does: it must render a valid answer for sample data.
      try {
        renderTemplate(config.data, sampleInput());
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        errors[`${at}.templates.${i}.config`] = error.problems.length ? error.problems : [error.message];
      }
    }
    const isDefault = Boolean(t.isDefault);
    return { name: t.name.trim(), isDefault, taskNodeId: isDefault ? null : nodeOf(t.taskNodeId), config: config.data };
  });
  const seen = new Set<string>();
  parsed.forEach((t, i) => {
    if (seen.has(slotKey(t))) errors[`${at}.templates.${i}`] = [`A second template for ${slotLabel(t)}`];
    seen.add(slotKey(t));
  });
  const existing = (target.id ? await listTemplates(client) : []).filter((t) => t.integrationId === target.id);
  const byKey = new Map(existing.map((t) => [slotKey(t), t]));
  const steps: Step[] = [];
  for (const t of existing)
    if (!seen.has(slotKey(t)))
      steps.push({
        line: `remove template "${t.name}" (${slotLabel(t)}) of "${target.name}"`,
        apply: (tx) => deleteTemplate(tx, t.id),
      });
  for (const t of parsed) {
    const input = () => ({ ...t, integrationId: target.id, config: t.config as never });
    const old = byKey.get(slotKey(t));
    if (!old)
      steps.push({
        line: `add template "${t.name}" (${slotLabel(t)}) to "${target.name}"`,
        apply: async (tx) => void (await createTemplate(tx, input())),
      });
    else if (old.name !== t.name || !same(old.config, t.config))
      steps.push({
        line: `change template "${t.name}" (${slotLabel(t)}) of "${target.name}"`,
        apply: async (tx) => void (await updateTemplate(tx, old.id, input())),
      });
  }
  return steps;
}

export async function planKnowledge(
  client: Db,
  target: Target,
  wanted: IntegrationConfig["knowledge"],
  at: string,
  errors: Errors,
): Promise<Step[]> {
  const parsed = wanted.map((e, i) => {
    const result = entryInput.safeParse(e);
    if (!result.success)
      for (const [k, v] of Object.entries(fieldErrorsOf(result.error))) errors[`${at}.knowledge.${i}.${k}`] = v;
    return result.data!;
  });
  const existing = target.id ? await listEntries(client, target.id) : [];
  const key = (e: { datumId: string; templateAttributeId: string; msgType: string; content: string }) =>
    JSON.stringify([e.datumId, e.templateAttributeId, e.msgType, e.content]);
  const left = [...existing];
  const missing = parsed.filter((e) => {
    const at = e ? left.findIndex((x) => key(x) === key(e)) : -1;
    if (at >= 0) left.splice(at, 1);
    return e && at < 0;
  });
  const where = (e: { datumId: string; templateAttributeId: string }) =>
    `datum ${e.datumId || "any"} / attribute ${e.templateAttributeId || "any"}`;
  return [
    ...left.map((e) => ({
      line: `remove knowledge entry for ${where(e)} of "${target.name}"`,
      apply: (tx: Db) => deleteEntry(tx, target.id, e.id),
    })),
    ...missing.map((e) => ({
      line: `add knowledge entry for ${where(e)} to "${target.name}"`,
      apply: async (tx: Db) => void (await saveEntry(tx, target.id, e)),
    })),
  ];
}
