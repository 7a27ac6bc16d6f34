"use server";
// Card template actions: operators edit; everyone signed in may preview.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { guarded, type ActionState } from "@/lib/actions";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { validationError } from "@/lib/errors";
import { createTemplate, deleteTemplate, duplicateTemplate, updateTemplate } from "@/lib/templates/templates";
import { previewTemplate, type PreviewResult } from "@/lib/templates/preview";

const str = (f: FormData, k: string) => String(f.get(k) ?? "");

function inputFrom(formData: FormData) {
  let config: unknown;
  try {
    config = JSON.parse(str(formData, "config"));
  } catch {
    throw validationError("The template could not be read; reload the page.");
  }
  return {
    integrationId: str(formData, "integrationId"),
    name: str(formData, "name"),
    taskNodeId: str(formData, "taskNodeId"),
    isDefault: formData.get("isDefault") === "on",
    config: config as never,
  };
}

export async function saveTemplateAction(_: ActionState, formData: FormData): Promise<ActionState> {
  let id = Number(formData.get("id")) || 0;
  const created = !id;
  const state = await guarded("operator", formData, async () => {
    const input = inputFrom(formData);
    const client = await db();
    id = created ? (await createTemplate(client, input)).id : (await updateTemplate(client, id, input)).id;
  });
  if (!state.ok) return { ...state, values: undefined };
  revalidatePath("/templates");
  if (created) redirect(`/templates/${id}?saved=created`);
  return { ok: true, message: "Template saved.", seq: Date.now() };
}

export async function duplicateTemplateAction(_: ActionState, formData: FormData): Promise<ActionState> {
  let id = 0;
  const state = await guarded("operator", formData, async () => {
    id = (await duplicateTemplate(await db(), Number(formData.get("id")))).id;
  });
  if (!state.ok) return state;
  revalidatePath("/templates");
  redirect(`/templates/${id}?saved=duplicated`);
}

export async function deleteTemplateAction(_: ActionState, formData: FormData): Promise<ActionState> {
  const state = await guarded("operator", formData, async () => {
    await deleteTemplate(await db(), Number(formData.get("id")));
  });
  if (!state.ok) return state;
  revalidatePath("/templates");
  redirect("/templates?deleted=1");
}

/** The editor's live preview. Reading only, so viewers may use it too. */
export async function previewTemplateAction(
  config: unknown,
  from: { customerId?: number; callId?: number },
): Promise<PreviewResult> {
  try {
    await requireUser("viewer");
  } catch {
    return { ok: false, error: "Sign in to preview.", problems: [], source: "" };
  }
  return previewTemplate(await db(), config, {
    customerId: Number(from.customerId) || undefined,
    callId: Number(from.callId) || undefined,
  });
}
