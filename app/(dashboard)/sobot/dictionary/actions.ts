"use server";
// Server actions for the Sobot dictionary (admins only).
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { action, text } from "@/lib/actions";
import { db } from "@/lib/db";
import { validationError } from "@/lib/errors";
import {
  ENTRY_TYPES,
  type EntryType,
  removeDictionaryEntry,
  setDictionaryEntries,
} from "@/lib/vendors/sobot/dictionary";

const typeOf = (type: string): EntryType => {
  if (!ENTRY_TYPES.includes(type as EntryType))
    throw validationError("Choose a kind.", { type: ["Tag, VIP level or custom field"] });
  return type as EntryType;
};

const entryForm = z.object({ companyId: text(), type: text(), name: text(), sobotId: text() });

export const setEntryAction = action("admin", entryForm, async (input) => {
  const type = typeOf(input.type);
  const entry = { type, name: input.name, sobotId: input.sobotId };
  try {
    await setDictionaryEntries(await db(), input.companyId, [entry]);
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
  // Written in the request's language here: the kind's name is part of the sentence.
  const t = await getTranslations("sobot");
  return { message: t("saved", { type: t(`typeLabel.${type}`), id: entry.sobotId.trim(), name: entry.name.trim() }) };
});

const removal = entryForm.pick({ companyId: true, type: true, sobotId: true });

export const removeEntryAction = action("admin", removal, async (input) => {
  await removeDictionaryEntry(await db(), input.companyId, typeOf(input.type), input.sobotId);
  revalidatePath("/sobot/dictionary");
  return { message: (await getTranslations("sobot"))("removed") };
});
