// Udesk message-triggered answer rules and knowledge-base entries, edited in the dashboard.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { type KeptConfiguration, keptWhileUnchanged, preparedRows } from "@/lib/db/prepared";
import { Prisma } from "@/lib/generated/sqlite/client";
import { getCustomer, type CustomerView } from "@/lib/customers/customers";
import { listOrders, type OrderView } from "@/lib/customers/orders";
import { fieldErrorsOf } from "@/lib/field-errors";
import { notFound, validationError } from "@/lib/errors";
import { renderText } from "@/lib/vendors/udesk/text-template";
import { audit } from "@/lib/audit/audit";
import { patternMatches, patternProblem } from "@/lib/vendors/udesk/pattern";
import { transaction } from "@/lib/db/locks";

export const MATCH_TYPES = ["regex", "question", "always"] as const;

export const ruleInput = z
  .object({
    position: z.coerce.number().int().min(1, "At least 1").max(10_000).default(1),
    matchType: z.enum(MATCH_TYPES, { message: "regex, question or always" }),
    pattern: z.string().trim().max(500, "At most 500 characters").default(""),
    answer: z.string().trim().min(1, "An answer is required").max(5000, "At most 5000 characters"),
  })
  .superRefine((r, ctx) => {
    if (r.matchType !== "always" && !r.pattern)
      ctx.addIssue({ code: "custom", path: ["pattern"], message: "A pattern is required for this match" });
    // Run on RE2 (linear time, lib/vendors/udesk/pattern): what it cannot run is refused here.
    const problem = r.matchType === "question" && r.pattern ? patternProblem(r.pattern) : null;
    if (problem) ctx.addIssue({ code: "custom", path: ["pattern"], message: problem });
  });

export type RuleView = {
  id: number;
  position: number;
  matchType: (typeof MATCH_TYPES)[number];
  pattern: string;
  answer: string;
};

/** In their order; a prepared statement (lib/db/prepared), as every Udesk message call reads them. */
export async function listRules(client: Db, integrationId: string): Promise<RuleView[]> {
  const rows = await preparedRows<{ id: number; position: number; matchType: string; pattern: string; answer: string }>(
    client,
    Prisma.sql`SELECT "id", "position", "matchType", "pattern", "answer" FROM "UdeskRule"
      WHERE "integrationId" = ${integrationId} ORDER BY "position", "id"`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    position: Number(r.position),
    matchType: r.matchType as RuleView["matchType"],
    pattern: r.pattern,
    answer: r.answer,
  }));
}

export async function saveRule(
  client: Db,
  integrationId: string,
  input: z.input<typeof ruleInput>,
  id?: number,
): Promise<RuleView> {
  const parsed = ruleInput.safeParse(input);
  if (!parsed.success) throw validationError("The rule has invalid fields.", fieldErrorsOf(parsed.error));
  const data = parsed.data;
  if (id) {
    const { count } = await client.udeskRule.updateMany({ where: { id, integrationId }, data });
    if (count === 0) throw notFound(`Rule #${id} does not exist.`);
    await audit(client, {
      action: "update",
      entity: "rule",
      entityId: id,
      summary: `changed answer rule #${data.position} (${data.matchType})`,
    });
    return { id, ...data };
  }
  const row = await client.udeskRule.create({ data: { integrationId, ...data } });
  await audit(client, {
    action: "create",
    entity: "rule",
    entityId: row.id,
    summary: `added answer rule #${data.position} (${data.matchType}${data.pattern ? ` ${data.pattern}` : ""})`,
  });
  return { id: row.id, ...data };
}

export async function deleteRule(client: Db, integrationId: string, id: number): Promise<void> {
  const { count } = await client.udeskRule.deleteMany({ where: { id, integrationId } });
  if (count === 0) throw notFound(`Rule #${id} does not exist.`);
  await audit(client, { action: "delete", entity: "rule", entityId: id, summary: `deleted answer rule ${id}` });
}

/**
 * Moves a rule one place up or down in the order; every rule of the integration is numbered
 * again 1, 2, 3…, so the numbers shown are the order in which rules are tried.
 */
export async function moveRule(
  client: Db,
  integrationId: string,
  id: number,
  direction: "up" | "down",
): Promise<RuleView[]> {
  const rules = await listRules(client, integrationId);
  const at = rules.findIndex((r) => r.id === id);
  if (at < 0) throw notFound(`Rule #${id} does not exist.`);
  const to = direction === "up" ? at - 1 : at + 1;
  if (to < 0 || to >= rules.length) return rules;
  [rules[at], rules[to]] = [rules[to], rules[at]];
  await transaction(client, async (tx) => {
    for (const [i, r] of rules.entries())
      if (r.position !== i + 1) await tx.udeskRule.update({ where: { id: r.id }, data: { position: i + 1 } });
    await audit(tx, {
      action: "update",
      entity: "rule",
      entityId: id,
      summary:
        `moved answer rule (${rules[to].matchType}${rules[to].pattern ? ` ${rules[to].pattern}` : ""})` +
        ` to #${to + 1}`,
      changes: { position: [at + 1, to + 1] },
    });
  });
  return listRules(client, integrationId);
}

function matches(rule: RuleView, regex: string, question: string): boolean {
  if (rule.matchType === "always") return true;
  if (rule.matchType === "regex") return rule.pattern === regex;
  return patternMatches(rule.pattern, question.slice(0, 500));
}

/** Each integration's rules for answering, while they stay unchanged (lib/db/prepared). */
const keptRules: KeptConfiguration<RuleView[]> = new Map();

export async function answerFor(
  client: Db,
  integrationId: string,
  settings: Record<string, unknown>,
  input: { regex: string; question: string; customer: CustomerView | null; latestOrder: OrderView | null },
): Promise<{ answer: string; rule: RuleView | null }> {
  const rules = await keptWhileUnchanged(client, keptRules, integrationId, () => listRules(client, integrationId));
  const rule = rules.find((r) => matches(r, input.regex, input.question)) ?? null;
  const c = input.customer;
  const context = {
    question: input.question,
    regex: input.regex,
    customer: c
      ? { ...c, email: c.emails[0] ?? "", phone: c.phones[0] ?? "", labels: c.labels.join(","), fields: c.customFields }
      : {},
    order: input.latestOrder ?? {},
  };
  return { answer: renderText(rule?.answer ?? String(settings.defaultAnswer ?? ""), context), rule };
}

/**
 * "Test a question": which rule answers a question (Udesk's matched regex and the visitor's text,
 * optionally as a customer given by number) and what it answers: the same rules on the same
 * engine as a message-triggered call. Nothing is logged or changed.
 */
export async function testQuestion(
  client: Db,
  integrationId: string,
  input: { question: string; regex: string; customerId: string },
): Promise<{ rule: RuleView | null; answer: string }> {
  const integration = await client.integration.findFirst({ where: { id: integrationId, vendor: "udesk" } });
  if (!integration) throw validationError("Pick a Udesk integration.");
  if (!input.question.trim() && !input.regex)
    throw validationError("Type a question to test.", { question: ["Type a question"] });
  const raw = input.customerId.trim().replace(/^#/, "");
  const customer = raw ? await getCustomer(client, /^\d{1,12}$/.test(raw) ? Number(raw) : 0) : null;
  if (raw && !customer) throw validationError(`There is no customer #${raw}.`, { customerId: ["No such customer"] });
  const orders = customer ? await listOrders(client, customer.id, 1) : [];
  return answerFor(client, integrationId, JSON.parse(integration.settings), {
    regex: input.regex,
    question: input.question,
    customer,
    latestOrder: orders[0] ?? null,
  });
}

// ---- knowledge base ----
export const entryInput = z
  .object({
    datumId: z.string().trim().max(50).regex(/^\d*$/, "A number, or empty").default(""),
    templateAttributeId: z.string().trim().max(50).regex(/^\d*$/, "A number, or empty").default(""),
    msgType: z.string().trim().max(50).default(""),
    content: z.string().trim().min(1, "The answer is required").max(10_000),
  })
  .refine((e) => e.datumId || e.templateAttributeId, {
    path: ["datumId"],
    message: "Give a datum id, a template attribute id, or both",
  });

export type EntryView = { id: number; datumId: string; templateAttributeId: string; msgType: string; content: string };

/** By datum and attribute (digits); a prepared statement, as every knowledge call reads them. */
export async function listEntries(client: Db, integrationId: string): Promise<EntryView[]> {
  const rows = await preparedRows<EntryView>(
    client,
    Prisma.sql`SELECT "id", "datumId", "templateAttributeId", "msgType", "content" FROM "KnowledgeEntry"
      WHERE "integrationId" = ${integrationId} ORDER BY "datumId", "templateAttributeId", "id"`,
  );
  return rows.map(({ id, datumId, templateAttributeId, msgType, content }) => ({
    id: Number(id),
    datumId,
    templateAttributeId,
    msgType,
    content,
  }));
}

export async function saveEntry(
  client: Db,
  integrationId: string,
  input: z.input<typeof entryInput>,
): Promise<EntryView> {
  const parsed = entryInput.safeParse(input);
  if (!parsed.success) throw validationError("The entry has invalid fields.", fieldErrorsOf(parsed.error));
  const row = await client.knowledgeEntry.create({ data: { integrationId, ...parsed.data } });
  await audit(client, {
    action: "create",
    entity: "knowledge",
    entityId: row.id,
    summary:
      `added knowledge entry for datum ${parsed.data.datumId || "any"} ` +
      `/ attribute ${parsed.data.templateAttributeId || "any"}`,
  });
  return { id: row.id, ...parsed.data };
}

export async function deleteEntry(client: Db, integrationId: string, id: number): Promise<void> {
  const { count } = await client.knowledgeEntry.deleteMany({ where: { id, integrationId } });
  if (count === 0) throw notFound(`Entry #${id} does not exist.`);
  await audit(client, {
    action: "delete",
    entity: "knowledge",
    entityId: id,
    summary: `deleted knowledge entry ${id}`,
  });
}

/** datum + attribute first, then datum alone, then attribute alone; else the fallback. */
export async function knowledgeFor(
  client: Db,
  integrationId: string,
  settings: Record<string, unknown>,
  input: { datumId: string; templateAttributeId: string; context: Record<string, unknown> },
) {
  const entries = await listEntries(client, integrationId);
  const entry =
    entries.find(
      (e) => e.datumId && e.datumId === input.datumId && e.templateAttributeId === input.templateAttributeId,
    ) ??
    entries.find((e) => e.datumId && e.datumId === input.datumId && !e.templateAttributeId) ??
    entries.find((e) => !e.datumId && e.templateAttributeId && e.templateAttributeId === input.templateAttributeId) ??
    null;
  const fallback = String(settings.knowledgeFallback ?? "");
  if (entry)
    return {
      entry,
      fallback: false,
      answer: {
        resCode: 0,
        resError: "",
        message: { msgType: entry.msgType, msgContent: renderText(entry.content, input.context) },
      },
    };
  if (fallback)
    return {
      entry: null,
      fallback: true,
      answer: { resCode: 0, resError: "", message: { msgType: "", msgContent: renderText(fallback, input.context) } },
    };
  return {
    entry: null,
    fallback: false,
    answer: { resCode: -1, resError: "No entry for this datum", message: { msgType: "", msgContent: "" } },
  };
}
