// Rotating an integration's secret: the new value becomes current, and the old one stays valid
// for a grace period while the vendor's console is updated. An integration keeps one previous
// value per secret, so rotating again replaces it. When callers still sign with that value and it
// is still inside the grace period it was promised, the rotation is refused unless the operator
// confirms (replacePrevious): the vendor would be cut off at once.
import type { Db } from "@/lib/db/client";
import { conflict, notFound, validationError } from "@/lib/errors";
import type { MasterKeySecret } from "@/lib/secrets/master-key";
import { audit } from "@/lib/audit/audit";
import {
  allSecrets,
  getIntegration,
  requireKind,
  sealSecret,
  secretSchema,
  type IntegrationView,
} from "@/lib/integrations/integrations";

/** "24h", "30m", "2d", "90s", "0" → seconds. */
export function parseGrace(text: string): number {
  const m = /^\s*(\d{1,6})\s*([smhd]?)\s*$/i.exec(text);
  if (!m)
    throw validationError(`"${text}" is not a duration: use e.g. 24h, 30m, 2d or 0.`, {
      grace: ["A duration such as 24h, 30m, 2d or 0"],
    });
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86_400 }[m[2].toLowerCase() as "" | "s" | "m" | "h" | "d"];
  const seconds = Number(m[1]) * unit;
  if (seconds > 30 * 86_400)
    throw validationError("The grace period is at most 30 days.", { grace: ["At most 30 days"] });
  return seconds;
}

export type RotateOptions = {
  /** Replace a previous value that callers still use inside its grace period (it stops at once). */
  replacePrevious?: boolean;
};

/** Sets a new value; the old one stays valid for graceSeconds (0: replaced at once). */
export async function rotateSecret(
  client: Db,
  key: MasterKeySecret,
  id: string,
  name: string,
  value: string,
  graceSeconds = 86_400,
  options: RotateOptions = {},
): Promise<IntegrationView> {
  const view = await getIntegration(client, id);
  if (!view) throw notFound(`Integration ${id} does not exist.`);
  const kind = requireKind(view.vendor);
  const specs = allSecrets(kind, view.settings);
  const spec = specs.find((s) => s.name === name);
  if (!spec)
    throw validationError(`${kind.label} has no secret "${name}".`, {
      name: [`One of ${specs.map((s) => s.name).join(", ")}`],
    });
  const parsed = secretSchema(spec).safeParse(value);
  if (!parsed.success)
    throw validationError("The new secret is invalid.", {
      [`secrets.${name}`]: parsed.error.issues.map((i) => i.message),
    });
  await client.$transaction(async (tx) => {
    const now = new Date();
    if (!options.replacePrevious) {
      const inUse = await tx.integrationSecret.findFirst({
        where: {
          integrationId: id,
          name,
          state: "previous",
          lastUsedAt: { not: null },
          OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
        },
      });
      if (inUse)
        throw conflict(
          `The previous ${name} (${inUse.hint}) still signs calls and is valid until ` +
            `${inUse.expiresAt ? inUse.expiresAt.toISOString() : "further notice"}: ` +
            "rotating again would stop it at once.",
          { replacePrevious: ["Confirm to stop the previous value now"] },
        );
    }
    await tx.integrationSecret.deleteMany({ where: { integrationId: id, name, state: "previous" } });
    if (graceSeconds > 0) {
      await tx.integrationSecret.updateMany({
        where: { integrationId: id, name, state: "current" },
        data: { state: "previous", expiresAt: new Date(now.getTime() + graceSeconds * 1000), lastUsedAt: null },
      });
    } else {
      await tx.integrationSecret.deleteMany({ where: { integrationId: id, name, state: "current" } });
    }
    await tx.integrationSecret.create({
      data: { integrationId: id, name, state: "current", ...sealSecret(key, id, name, value) },
    });
    await tx.integration.update({ where: { id }, data: { updatedAt: now } });
  });
  // Only that the secret was rotated: never its value, nor its hint.
  await audit(client, {
    action: "rotate",
    entity: "integration",
    entityId: id,
    summary: `secret rotated: ${name} of "${view.name}"${
      graceSeconds ? `, the previous one valid for ${graceSeconds} s` : ""
    }`,
  });
  return (await getIntegration(client, id))!;
}
