"use server";
// Server actions for integrations: admins only. Secrets go in, never out.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { guarded, type ActionState } from "@/lib/actions";
import { readConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { validationError } from "@/lib/errors";
import {
  createIntegration,
  deleteIntegration,
  parseGrace,
  rotateSecret,
  updateIntegration,
} from "@/lib/integrations/integrations";
import { kindOf } from "@/lib/integrations/kinds";
import { masterKey } from "@/lib/secrets/keyring";
import { addTrigger, removeTrigger } from "@/lib/vendors/sobot/api/triggers";

const str = (f: FormData, k: string) => String(f.get(k) ?? "");

function settingsFrom(formData: FormData, vendor: string) {
  const kind = kindOf(vendor);
  if (!kind) throw validationError(`Unknown vendor kind "${vendor}".`);
  return {
    kind,
    settings: Object.fromEntries(kind.settingFields.map((f) => [f.name, str(formData, `settings.${f.name}`)])),
  };
}

/** Secret values never travel back to the browser, even in a refused form. */
function withoutSecrets(state: ActionState): ActionState {
  if (!state.values) return state;
  return {
    ...state,
    values: Object.fromEntries(Object.entries(state.values).filter(([k]) => !k.startsWith("secrets."))),
  };
}

export async function createIntegrationAction(_: ActionState, formData: FormData): Promise<ActionState> {
  let id = "";
  const state = await guarded("admin", formData, async () => {
    const vendor = str(formData, "vendor");
    const { kind, settings } = settingsFrom(formData, vendor);
    const secrets = Object.fromEntries(kind.secrets.map((s) => [s.name, str(formData, `secrets.${s.name}`)]));
    id = (
      await createIntegration(await db(), masterKey(readConfig()), {
        vendor,
        name: str(formData, "name"),
        settings,
        secrets,
      })
    ).id;
  });
  if (!state.ok) return withoutSecrets(state);
  revalidatePath("/integrations");
  redirect(`/integrations/${id}?saved=created`);
}

export async function updateIntegrationAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return withoutSecrets(
    await guarded("admin", formData, async () => {
      const id = str(formData, "id");
      const { settings } = settingsFrom(formData, str(formData, "vendor"));
      await updateIntegration(await db(), id, { name: str(formData, "name"), settings });
      revalidatePath(`/integrations/${id}`);
      return { message: "Settings saved." };
    }),
  );
}

export async function setEnabledAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("admin", formData, async () => {
    const id = str(formData, "id");
    const enabled = str(formData, "enabled") === "1";
    await updateIntegration(await db(), id, { enabled });
    revalidatePath(`/integrations/${id}`);
    revalidatePath("/integrations");
    return { message: enabled ? "Integration enabled." : "Integration disabled: its URLs now answer 404." };
  });
}

export async function rotateSecretAction(_: ActionState, formData: FormData): Promise<ActionState> {
  const state = await guarded("admin", formData, async () => {
    const id = str(formData, "id");
    const name = str(formData, "name");
    const grace = parseGrace(str(formData, "grace") || "24h");
    await rotateSecret(await db(), masterKey(readConfig()), id, name, str(formData, `secrets.${name}`), grace);
    revalidatePath(`/integrations/${id}`);
    return {
      message: grace
        ? `New ${name} saved; the previous one stays valid for ${str(formData, "grace")}.`
        : `New ${name} saved; the previous one no longer works.`,
    };
  });
  return withoutSecrets(state);
}

export async function deleteIntegrationAction(_: ActionState, formData: FormData): Promise<ActionState> {
  const state = await guarded("admin", formData, async () => {
    await deleteIntegration(await db(), str(formData, "id"));
  });
  if (!state.ok) return state;
  revalidatePath("/integrations");
  redirect("/integrations?deleted=1");
}

export async function addTriggerAction(_: ActionState, formData: FormData): Promise<ActionState> {
  const state = await guarded("admin", formData, async () => {
    const id = str(formData, "id");
    await addTrigger(await db(), masterKey(readConfig()), id, {
      name: str(formData, "name"),
      triggerId: str(formData, "triggerId"),
      secret: str(formData, "secret"),
    });
    revalidatePath(`/integrations/${id}`);
    return { message: `Trigger ${str(formData, "name")} added.` };
  });
  // The trigger's secret never travels back to the browser.
  return state.values ? { ...state, values: { ...state.values, secret: "" } } : state;
}

export async function removeTriggerAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("admin", formData, async () => {
    const id = str(formData, "id");
    await removeTrigger(await db(), id, str(formData, "name"));
    revalidatePath(`/integrations/${id}`);
    return { message: "Trigger removed." };
  });
}
