"use server";
// Server actions for the Sobot dictionary (admins only).
import { revalidatePath } from "next/cache";
import { guarded, type ActionState } from "@/lib/actions";
import { db } from "@/lib/db";
import { validationError } from "@/lib/errors";
import {
  ENTRY_TYPES,
  type EntryType,
  removeDictionaryEntry,
  setDictionaryEntries,
} from "@/lib/vendors/sobot/dictionary";
import { DICTIONARY_TEXT, fill } from "@/components/sobot/dictionary-text";

const typeOf = (formData: FormData): EntryType => {
  const type = String(formData.get("type") ?? "");
  if (!ENTRY_TYPES.includes(type as EntryType))
    throw validationError("Choose a kind.", { type: ["Tag, VIP level or custom field"] });
  return type as EntryType;
};

export async function setEntryAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("admin", formData, async () => {
    const companyId = String(formData.get("companyId") ?? "");
    const type = typeOf(formData);
    const entry = { type, name: String(formData.get("name") ?? ""), sobotId: String(formData.get("sobotId") ?? "") };
    try {
      await setDictionaryEntries(await db(), companyId, [entry]);
    } catch (error) {
      // The form's fields are name and sobotId, not entries.0.name.
      const fieldErrors = (error as { fieldErrors?: Record<string, string[]> }).fieldErrors;
      if (!fieldErrors) throw error;
      throw validationError((error as Error).message, {
        name: fieldErrors["entries.0.name"] ?? [],
        sobotId: fieldErrors["entries.0.sobotId"] ?? [],
        companyId: fieldErrors.companyId ?? [],
      });
    }
    revalidatePath("/sobot/dictionary");
    revalidatePath("/customers", "layout");
    return {
      message: fill(DICTIONARY_TEXT.saved, {
        type: DICTIONARY_TEXT.typeLabel[type],
        id: entry.sobotId.trim(),
        name: entry.name.trim(),
      }),
    };
  });
}

export async function removeEntryAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("admin", formData, async () => {
    await removeDictionaryEntry(
      await db(),
      String(formData.get("companyId") ?? ""),
      typeOf(formData),
      String(formData.get("sobotId") ?? ""),
    );
    revalidatePath("/sobot/dictionary");
    return { message: DICTIONARY_TEXT.removed };
  });
}
