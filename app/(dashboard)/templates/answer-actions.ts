"use server";
// Udesk message-answer rules and knowledge-base entries (operators).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, text } from "@/lib/actions";
import { db } from "@/lib/db";
import {
  deleteEntry,
  deleteRule,
  moveRule,
  saveEntry,
  saveRule,
  testQuestion,
  type RuleView,
} from "@/lib/vendors/udesk/rules";

/** A numeric id field, 0 (NaN) when absent or not a number, as the domain functions expect. */
const num = () => text().transform(Number);

const ruleForm = z.object({
  integrationId: text(),
  ruleId: num(),
  position: text(),
  matchType: text(),
  pattern: text(),
  answer: text(),
});

export const saveRuleAction = action("operator", ruleForm, async ({ integrationId, ruleId, ...rule }) => {
  await saveRule(await db(), integrationId, rule as never, ruleId || undefined);
  revalidatePath("/templates/answers");
  return { message: "Rule saved." };
});

export const deleteRuleAction = action(
  "operator",
  ruleForm.pick({ integrationId: true, ruleId: true }),
  async (input) => {
    await deleteRule(await db(), input.integrationId, input.ruleId);
    revalidatePath("/templates/answers");
    return { message: "Rule deleted." };
  },
);

const entryForm = z.object({
  integrationId: text(),
  entryId: num(),
  datumId: text(),
  templateAttributeId: text(),
  msgType: text(),
  content: text(),
});

export const saveEntryAction = action("operator", entryForm, async ({ integrationId, entryId: _, ...entry }) => {
  await saveEntry(await db(), integrationId, entry);
  revalidatePath("/templates/answers");
  return { message: "Entry added." };
});

const entryRef = entryForm.pick({ integrationId: true, entryId: true });

export const deleteEntryAction = action("operator", entryRef, async (input) => {
  await deleteEntry(await db(), input.integrationId, input.entryId);
  revalidatePath("/templates/answers");
  return { message: "Entry deleted." };
});

export const moveRuleAction = action(
  "operator",
  ruleForm.pick({ integrationId: true, ruleId: true }).extend({ direction: z.enum(["up", "down"]) }),
  async ({ integrationId, ruleId, direction }) => {
    await moveRule(await db(), integrationId, ruleId, direction);
    revalidatePath("/templates/answers");
    return { message: `Moved ${direction}.` };
  },
);

const questionForm = z.object({ integrationId: text(), question: text(), regex: text(), customerId: text() });

/** "Test a question" (viewers too): which rule answers, and what; nothing is logged or changed. */
export const testQuestionAction = action(
  "viewer",
  questionForm,
  async ({ integrationId, ...question }): Promise<{ ok: true; result: { rule: RuleView | null; answer: string } }> => ({
    ok: true,
    result: await testQuestion(await db(), integrationId, question),
  }),
);

export type QuestionTestState = Awaited<ReturnType<typeof testQuestionAction>>;
