// deskbridge sobot …: rule triggers of a sobot-api integration.
import type { Db } from "@/lib/db/client";
import { readConfig } from "@/lib/config";
import { masterKey } from "@/lib/secrets/keyring";
import { addTrigger } from "@/lib/vendors/sobot/api/triggers";
import { sendTrigger } from "@/lib/vendors/sobot/api/trigger";
import { parse, print, UsageError } from "@/lib/cli/args";
import { dictionaryView, type EntryInput, type EntryType, setDictionaryEntries } from "@/lib/vendors/sobot/dictionary";

/** An integration named by id or by exact name. */
async function resolve(db: Db, ref: string | undefined): Promise<string> {
  if (!ref || ref.startsWith("-")) throw new UsageError("name the sobot-api integration (its id or name) first");
  const found = await db.integration.findMany({
    where: { vendor: "sobot-api", OR: [{ id: ref }, { name: ref }] },
    select: { id: true },
  });
  if (found.length === 0) throw new UsageError(`no sobot-api integration has the id or name "${ref}"`);
  if (found.length > 1) throw new UsageError(`several sobot-api integrations are named "${ref}": use the id`);
  return found[0].id;
}

async function trigger(db: Db, argv: string[]) {
  const [ref, name, ...rest] = argv;
  if (!name || name.startsWith("-"))
    throw new UsageError("usage: deskbridge sobot trigger INTEGRATION TRIGGER --body JSON");
  const { values } = parse(rest, { body: { type: "string" } });
  let body: unknown;
  try {
    body = JSON.parse((values.body as string) ?? "");
  } catch {
    throw new UsageError('--body must be a JSON object, e.g. \'{"Contact_id":"123","nick":"John"}\'');
  }
  const result = await sendTrigger(db, masterKey(readConfig()), await resolve(db, ref), name, body);
  print(
    values.json as boolean,
    result,
    () =>
      `${result.ok ? "Accepted" : "Refused"}: ${result.message} ` +
      `(ret_code ${result.code}, HTTP ${result.httpStatus}, ${result.attempts} attempt(s))`,
  );
  if (!result.ok) process.exitCode = 1;
}

async function addTriggerCommand(db: Db, argv: string[]) {
  const [ref, ...rest] = argv;
  const { values } = parse(rest, {
    name: { type: "string" },
    "trigger-id": { type: "string" },
    secret: { type: "string" },
  });
  const view = await addTrigger(db, masterKey(readConfig()), await resolve(db, ref), {
    name: (values.name as string) ?? "",
    triggerId: (values["trigger-id"] as string) ?? "",
    secret: (values.secret as string) ?? "",
  });
  print(
    values.json as boolean,
    { id: view.id, name: view.name, triggers: view.settings.triggers },
    () => `Added trigger ${values.name} to "${view.name}"`,
  );
}

/** NAME=ID pairs (the name may hold "=", the id may not). */
function pairs(values: unknown, type: EntryType, flag: string): EntryInput[] {
  return ((values as string[] | undefined) ?? []).map((pair) => {
    const at = pair.lastIndexOf("=");
    if (at <= 0)
      throw new UsageError(
        `--${flag} takes NAME=ID, e.g. --${flag} ${flag === "field" ? "city" : "gold"}=4a069df0fd4d4929`,
      );
    return { type, name: pair.slice(0, at), sobotId: pair.slice(at + 1) };
  });
}

async function dictionary(db: Db, argv: string[]) {
  const { values } = parse(argv, {
    "company-id": { type: "string" },
    label: { type: "string", multiple: true },
    "vip-level": { type: "string", multiple: true },
    field: { type: "string", multiple: true },
  });
  const companyId = ((values["company-id"] as string | undefined) ?? "").trim();
  if (!companyId) throw new UsageError("--company-id is required (the Sobot company: companyId or a push's pid)");
  const entries = [
    ...pairs(values.label, "label", "label"),
    ...pairs(values["vip-level"], "vipLevel", "vip-level"),
    ...pairs(values.field, "field", "field"),
  ];
  const view = entries.length
    ? await setDictionaryEntries(db, companyId, entries)
    : await dictionaryView(db, companyId);
  const section = (title: string, map: Record<string, string>) =>
    `${title}:\n${
      Object.entries(map)
        .map(([name, id]) => `  ${name} = ${id}`)
        .join("\n") || "  (none)"
    }`;
  print(values.json as boolean, view, () =>
    [
      `Sobot company ${view.companyId}`,
      section("Tags", view.labels),
      section("VIP levels", view.vipLevels),
      section("Fields", view.fields),
      `Unnamed ids: ${view.unnamed.map((u) => `${u.type} ${u.id}`).join(", ") || "(none)"}`,
    ].join("\n"),
  );
}

export const sobotCommands = {
  "sobot trigger": trigger,
  "sobot add-trigger": addTriggerCommand,
  "sobot dictionary": dictionary,
};
