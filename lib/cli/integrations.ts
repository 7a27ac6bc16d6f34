// deskbridge integrations …: add, list, rotate.
import type { Db } from "@/lib/db/client";
import { readConfig } from "@/lib/config";
import { createIntegration, listIntegrations, type IntegrationView } from "@/lib/integrations/integrations";
import { parseGrace, rotateSecret } from "@/lib/integrations/rotation";
import { KINDS, kindOf, triggerSecretName, VENDORS } from "@/lib/integrations/kinds";
import { masterKey } from "@/lib/secrets/keyring";
import { parse, print, table, UsageError, type Options } from "@/lib/cli/args";

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** What the CLI prints of an integration: never a secret, only its hint. */
function summary(i: IntegrationView) {
  return {
    id: i.id,
    vendor: i.vendor,
    name: i.name,
    enabled: i.enabled,
    endpoints: i.endpoints,
    settings: i.settings,
    secrets: i.secrets,
  };
}

async function add(db: Db, argv: string[]) {
  const vendor = argv[0];
  const kind = vendor ? kindOf(vendor) : undefined;
  if (!kind) throw new UsageError(`integrations add takes a vendor kind first: ${VENDORS.join(", ")}`);
  const options: Options = { name: { type: "string" } };
  const flagOf = (f: (typeof kind.settingFields)[number]) => f.cliFlag ?? kebab(f.name);
  for (const f of kind.settingFields) {
    options[flagOf(f)] =
      f.type === "checkbox"
        ? { type: "boolean" }
        : f.type === "list"
          ? { type: "string", multiple: true }
          : { type: "string" };
  }
  for (const s of kind.secrets) options[s.flag] = { type: "string" };
  const { values } = parse(argv.slice(1), options);
  const settings: Record<string, unknown> = {};
  for (const f of kind.settingFields) {
    const value = values[flagOf(f)];
    if (value === undefined) continue;
    if (f.cliFlag === "match") {
      // --match PARAM=KIND sets both the parameter and the external id kind.
      const [param, matchKind = ""] = String(value).split("=");
      settings.matchParam = param;
      settings.matchKind = matchKind;
    } else settings[f.name] = value;
  }
  const secrets: Record<string, string> = {};
  for (const s of kind.secrets) secrets[s.name] = (values[s.flag] as string) ?? "";
  const integration = await createIntegration(db, masterKey(readConfig()), {
    vendor,
    name: (values.name as string) ?? "",
    settings,
    secrets,
  });
  print(values.json as boolean, summary(integration), () =>
    [
      `Added ${kind.label} integration "${integration.name}" (${integration.id})`,
      ...Object.entries(integration.endpoints).map(([k, p]) => `  ${k}: ${p}`),
    ].join("\n"),
  );
}

async function list(db: Db, argv: string[]) {
  const { values } = parse(argv, {});
  const items = await listIntegrations(db);
  print(values.json as boolean, items.map(summary), () =>
    table(
      items.map((i) => ({
        id: i.id,
        vendor: i.vendor,
        name: i.name,
        enabled: i.enabled ? "yes" : "no",
        endpoints: Object.values(i.endpoints).join(" "),
      })),
      ["id", "vendor", "name", "enabled", "endpoints"],
    ),
  );
}

async function rotate(db: Db, argv: string[]) {
  const id = argv[0];
  if (!id || id.startsWith("-")) throw new UsageError("integrations rotate takes the integration id or name first");
  const flags = [...new Set(Object.values(KINDS).flatMap((k) => k.secrets.map((s) => s.flag)))];
  const options: Options = {
    grace: { type: "string" },
    trigger: { type: "string" },
    "replace-previous": { type: "boolean" },
  };
  for (const flag of [...flags, "trigger-secret"]) options[flag] = { type: "string" };
  const { values } = parse(argv.slice(1), options);
  // By id, or by name (as after a configuration import, which gives new ids).
  const all = await listIntegrations(db);
  const named = all.filter((i) => i.name === id);
  if (!all.some((i) => i.id === id) && named.length > 1)
    throw new UsageError(`${named.length} integrations are named "${id}": give the id`);
  const integration = all.find((i) => i.id === id) ?? named[0];
  if (!integration) throw new UsageError(`no integration has the id or name ${id}`);
  const integrationId = integration.id;
  const kind = kindOf(integration.vendor)!;
  const given = kind.secrets.filter((s) => values[s.flag] !== undefined);
  // A Sobot rule trigger's secret: --trigger NAME --trigger-secret S.
  if (values.trigger !== undefined)
    given.push({ name: triggerSecretName(String(values.trigger)), label: "", flag: "trigger-secret" });
  if (given.length === 0)
    throw new UsageError(`give the new value with ${kind.secrets.map((s) => `--${s.flag}`).join(" or ")}`);
  const grace = parseGrace((values.grace as string) ?? "24h");
  let updated = integration;
  for (const spec of given)
    updated = await rotateSecret(
      db,
      masterKey(readConfig()),
      integrationId,
      spec.name,
      values[spec.flag] as string,
      grace,
      { replacePrevious: Boolean(values["replace-previous"]) },
    );
  print(
    values.json as boolean,
    summary(updated),
    () =>
      `Rotated ${given.map((s) => s.name).join(", ")} of "${updated.name}"; ` +
      `the previous value stays valid for ${grace} s`,
  );
}

export const integrationCommands = {
  "integrations add": add,
  "integrations list": list,
  "integrations rotate": rotate,
};
