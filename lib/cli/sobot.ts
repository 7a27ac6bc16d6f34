// deskbridge sobot …: rule triggers of a sobot-api integration.
import type { Db } from "@/lib/db/client";
import { readConfig } from "@/lib/config";
import { masterKey } from "@/lib/secrets/keyring";
import { addTrigger } from "@/lib/vendors/sobot/api/triggers";
import { sendTrigger } from "@/lib/vendors/sobot/api/trigger";
import { parse, print, UsageError } from "@/lib/cli/args";

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

export const sobotCommands = { "sobot trigger": trigger, "sobot add-trigger": addTriggerCommand };
