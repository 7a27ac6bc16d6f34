"use server";
// Udesk message-answer rules and knowledge-base entries (operators).
import { revalidatePath } from "next/cache";
import { guarded, type ActionState } from "@/lib/actions";
import { db } from "@/lib/db";
import { deleteEntry, deleteRule, saveEntry, saveRule } from "@/lib/vendors/udesk/rules";

const str = (f: FormData, k: string) => String(f.get(k) ?? "");

export async function saveRuleAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("operator", formData, async () => {
    const integrationId = str(formData, "integrationId");
    await saveRule(
      await db(),
      integrationId,
      {
        position: str(formData, "position") as never,
        matchType: str(formData, "matchType") as never,
        pattern: str(formData, "pattern"),
        answer: str(formData, "answer"),
      },
      Number(formData.get("ruleId")) || undefined,
    );
    revalidatePath("/templates/answers");
    return { message: "Rule saved." };
  });
}

export async function deleteRuleAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("operator", formData, async () => {
    await deleteRule(await db(), str(formData, "integrationId"), Number(formData.get("ruleId")));
    revalidatePath("/templates/answers");
    return { message: "Rule deleted." };
  });
}

export async function saveEntryAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("operator", formData, async () => {
    await saveEntry(await db(), str(formData, "integrationId"), {
      datumId: str(formData, "datumId"),
      templateAttributeId: str(formData, "templateAttributeId"),
      msgType: str(formData, "msgType"),
      content: str(formData, "content"),
    });
    revalidatePath("/templates/answers");
    return { message: "Entry added." };
  });
}

export async function deleteEntryAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("operator", formData, async () => {
    await deleteEntry(await db(), str(formData, "integrationId"), Number(formData.get("entryId")));
    revalidatePath("/templates/answers");
    return { message: "Entry deleted." };
  });
}
