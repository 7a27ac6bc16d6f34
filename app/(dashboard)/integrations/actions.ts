"use server";
// Server actions for integrations: admins only. Secrets go in, never out: `secrets.*` fields are
// never echoed back (lib/actions strips every secret-named field from the answer).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action, secret, text } from "@/lib/actions";
import { readConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { validationError } from "@/lib/errors";
import { createIntegration, deleteIntegration, updateIntegration } from "@/lib/integrations/integrations";
import { parseGrace, rotateSecret } from "@/lib/integrations/rotation";
import { kindOf } from "@/lib/integrations/kinds";
import { masterKey } from "@/lib/secrets/keyring";
import { addTrigger, removeTrigger } from "@/lib/vendors/sobot/api/triggers";
import { allowFrameAncestor } from "@/lib/vendors/hyphenate/consoles";

/** The integration form: fixed fields plus one `settings.<name>` / `secrets.<name>` per vendor field. */
const integrationForm = z.object({ id: text(), vendor: text(), name: text() }).catchall(z.string());
type IntegrationForm = z.output<typeof integrationForm>;

const field = (input: IntegrationForm, name: string) => input[name] ?? "";

function settingsFrom(input: IntegrationForm) {
  const kind = kindOf(input.vendor);
  if (!kind) throw validationError(`Unknown vendor kind "${input.vendor}".`);
  return {
    kind,
    settings: Object.fromEntries(kind.settingFields.map((f) => [f.name, field(input, `settings.${f.name}`)])),
  };
}

export const createIntegrationAction = action("admin", integrationForm, async (input) => {
  const { kind, settings } = settingsFrom(input);
  const secrets = Object.fromEntries(kind.secrets.map((s) => [s.name, field(input, `secrets.${s.name}`)]));
  const { id } = await createIntegration(await db(), masterKey(readConfig()), {
    vendor: input.vendor,
    name: input.name,
    settings,
    secrets,
  });
  revalidatePath("/integrations");
  redirect(`/integrations/${id}?saved=created`);
});

export const updateIntegrationAction = action("admin", integrationForm, async (input) => {
  const { settings } = settingsFrom(input);
  await updateIntegration(await db(), input.id, { name: input.name, settings });
  revalidatePath(`/integrations/${input.id}`);
  return { message: "Settings saved." };
});

const enabling = z.object({ id: text(), enabled: text().transform((v) => v === "1") });

export const setEnabledAction = action("admin", enabling, async ({ id, enabled }) => {
  await updateIntegration(await db(), id, { enabled });
  revalidatePath(`/integrations/${id}`);
  revalidatePath("/integrations");
  return { message: enabled ? "Integration enabled." : "Integration disabled: its URLs now answer 404." };
});

const rotation = z.object({ id: text(), name: text(), grace: text() }).catchall(z.string());

export const rotateSecretAction = action("admin", rotation, async (input) => {
  const { id, name } = input;
  const grace = parseGrace(input.grace || "24h");
  // A previous value callers still sign with is replaced only when the operator ticked the box.
  const replacePrevious = input.replacePrevious === "on";
  await rotateSecret(await db(), masterKey(readConfig()), id, name, input[`secrets.${name}`] ?? "", grace, {
    replacePrevious,
  });
  revalidatePath(`/integrations/${id}`);
  return {
    message: grace
      ? `New ${name} saved; the previous one stays valid for ${input.grace}.`
      : `New ${name} saved; the previous one no longer works.`,
  };
});

export const deleteIntegrationAction = action("admin", z.object({ id: text() }), async ({ id }) => {
  await deleteIntegration(await db(), id);
  revalidatePath("/integrations");
  redirect("/integrations?deleted=1");
});

const trigger = z.object({ id: text(), name: text(), triggerId: text(), secret: secret() });

export const addTriggerAction = action("admin", trigger, async ({ id, ...input }) => {
  await addTrigger(await db(), masterKey(readConfig()), id, input);
  revalidatePath(`/integrations/${id}`);
  return { message: `Trigger ${input.name} added.` };
});

export const removeTriggerAction = action("admin", z.object({ id: text(), name: text() }), async ({ id, name }) => {
  await removeTrigger(await db(), id, name);
  revalidatePath(`/integrations/${id}`);
  return { message: "Trigger removed." };
});

/** One click on the page's warning: allow an agent console's origin to frame the Hyphenate panel. */
export const allowFrameAncestorAction = action(
  "admin",
  z.object({ id: text(), origin: text() }),
  async ({ id, origin }) => {
    await allowFrameAncestor(await db(), id, origin);
    revalidatePath(`/integrations/${id}`);
    return { message: `${origin} may now frame the panel.` };
  },
);
