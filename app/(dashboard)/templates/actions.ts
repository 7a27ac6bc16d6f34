"use server";
// Card template actions: operators edit; everyone signed in may preview.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action, callAction, flag, text } from "@/lib/actions";
import { db } from "@/lib/db";
import { validationError } from "@/lib/errors";
import { type PreviewResult, previewTemplate } from "@/lib/templates/preview";
import { createTemplate, deleteTemplate, duplicateTemplate, updateTemplate } from "@/lib/templates/templates";

const templateForm = z.object({
  id: text().transform((v) => Number(v) || 0),
  integrationId: text(),
  name: text(),
  taskNodeId: text(),
  isDefault: flag(),
  form: flag(),
  config: text(),
});

// The editor keeps its own state: a refused save does not send the (large) form back.
export const saveTemplateAction = action(
  "operator",
  templateForm,
  async ({ id, config: json, ...fields }) => {
    let config: unknown;
    try {
      config = JSON.parse(json);
    } catch {
      throw validationError("The template could not be read; reload the page.");
    }
    const input = { ...fields, config: config as never };
    const client = await db();
    const saved = id ? await updateTemplate(client, id, input) : await createTemplate(client, input);
    revalidatePath("/templates");
    if (!id) redirect(`/templates/${saved.id}?saved=created`);
    return { message: "Template saved." };
  },
  { echo: false },
);

const templateRef = z.object({ id: text().transform(Number) });

export const duplicateTemplateAction = action("operator", templateRef, async ({ id }) => {
  const copy = await duplicateTemplate(await db(), id);
  revalidatePath("/templates");
  redirect(`/templates/${copy.id}?saved=duplicated`);
});

export const deleteTemplateAction = action("operator", templateRef, async ({ id }) => {
  await deleteTemplate(await db(), id);
  revalidatePath("/templates");
  redirect("/templates?deleted=1");
});

const previewArgs = z.tuple([
  z.unknown(),
  z.object({ customerId: z.unknown(), callId: z.unknown() }).partial().catch({}),
]);

/** The editor's live preview. Reading only, so viewers may use it too. */
export const previewTemplateAction = callAction(
  "viewer",
  previewArgs,
  async ([config, from]): Promise<PreviewResult> =>
    previewTemplate(await db(), config, {
      customerId: Number(from.customerId) || undefined,
      callId: Number(from.callId) || undefined,
    }),
  (refused): PreviewResult => ({
    ok: false,
    error: refused.message ?? "Sign in to preview.",
    problems: [],
    source: "",
  }),
);
