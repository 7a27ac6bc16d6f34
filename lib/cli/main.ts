// deskbridge CLI: provisioning and automation against the same DATABASE_URL as the app.
import { readConfig } from "@/lib/config";
import { createDb, providerOfDb, type Db } from "@/lib/db/client";
import { migrate, migrationStatus } from "@/lib/db/migrate";
import { createCustomer, listCustomers } from "@/lib/customers/customers";
import { listQuery, type CustomerInput } from "@/lib/customers/schemas";
import { createUser } from "@/lib/users/users";
import { parse, print, report, table, UsageError } from "@/lib/cli/args";
import { masterKey, verifyMasterKey } from "@/lib/secrets/keyring";
import os from "node:os";
import { withActor } from "@/lib/audit/audit";
import { ensureReady } from "@/lib/boot/ensure-ready";
import type { FileCommand } from "@/lib/cli/db";

const HELP = `deskbridge: the Deskbridge command line (add --json to any command for JSON output)

  deskbridge users add --email E --role admin|operator|viewer --password P [--name N]
  deskbridge users reset-two-factor --email E   turn off a user's two-factor sign-in (a lost phone)
  deskbridge users sign-out --email E           end every session of a user
  deskbridge settings two-factor off|admins|everyone   who must use two-factor sign-in
  deskbridge customers add --uname U [--realname R] [--email E]… [--tel T]… [--remark X]
                           [--vip] [--vip-level L] [--label L]… [--field key=value]…
                           [--external-id kind=value]…
  deskbridge customers list [--search S] [--limit N]
  deskbridge customers import FILE [--dry-run]   upsert customers from a CSV (the export's format);
                           progress on stderr, summary on stdout; exit 1 when rows were refused;
                           UTF-8 or GBK/GB18030; an empty cell keeps the field, (clear) clears it
  deskbridge customers export [--format csv|json] [--search S] [--vip yes|no] [--label L]   to stdout
  deskbridge integrations add sobot-crm --name N --company-id C --secret S [--timestamp-tolerance SECONDS]
  deskbridge integrations add hyphenate --name N [--key K] [--encrypt-system-params] [--match PARAM=KIND]
                           [--frame-ancestor ORIGIN]…
  deskbridge integrations list
  deskbridge integrations rotate ID|NAME --secret S [--grace 24h]   (or --key, --app-key,
                           --shared-secret, --trigger NAME --trigger-secret S) [--replace-previous:
                           also when calls still use the previous value, which then stops at once]
  deskbridge integrations add udesk --name N --integration-name I --key K [--timestamp-tolerance SECONDS]
  deskbridge integrations add sobot-webhook --name N [--auth-mode none|header|basic] [--header-name H]
                           [--basic-user U] [--shared-secret S] [--merge-by-contact]
  deskbridge integrations add sobot-api --name N --appid A --app-key K [--base-url URL]
  deskbridge templates add INTEGRATION --name N --kind KIND (--task-node ID | --default | --form)
                           [--from-file CONFIG.json]   a Udesk card template (the kind's built-in
                           mapping without a file); a form template prints the URL to paste
  deskbridge templates list INTEGRATION   INTEGRATION: a Udesk integration's id or name
  deskbridge sobot add-trigger INTEGRATION --name N --trigger-id ID --secret S
  deskbridge sobot trigger INTEGRATION TRIGGER --body JSON
  deskbridge sobot dictionary --company-id C [--label NAME=ID]… [--vip-level NAME=ID]… [--field KEY=ID]…
  deskbridge config export                    integrations (settings, never secrets), answer rules, templates,
                           knowledge entries and the Sobot dictionary as JSON, to stdout
  deskbridge config import FILE [--dry-run]   make the configuration the file's; prints what changed
  deskbridge calls list [--limit N] [--vendor V] [--outcome O]
  deskbridge calls prune [--days N]      delete bodies older than N days (default: Settings)
  deskbridge db migrate     apply pending migrations
  deskbridge db status      list applied and pending migrations
  deskbridge db backup FILE [--force]   SQLite: an online copy (the app may run); PostgreSQL: pg_dump
  deskbridge db restore FILE            replace the database with a backup (stop the app first)
  deskbridge db prepare     what the server does at its first start: migrate, create the first admin
                            (ADMIN_EMAIL / ADMIN_PASSWORD, or a generated password printed once), demo data

The database is DATABASE_URL (default: SQLite at ./data/deskbridge.db), as for the app.`;

export type Command = (db: Db, argv: string[]) => Promise<void>;

function pairs(values: string[] | undefined, flag: string): [string, string][] {
  return (values ?? []).map((v) => {
    const eq = v.indexOf("=");
    if (eq <= 0) throw new UsageError(`--${flag} takes key=value, got "${v}"`);
    return [v.slice(0, eq), v.slice(eq + 1)];
  });
}

// The other commands, by their first word, loaded only when one of them runs: a command starts
// without loading what the others need (the card sanitizer's jsdom, the configuration files).
const modules: Record<string, () => Promise<Record<string, Command>>> = {
  integrations: async () => (await import("@/lib/cli/integrations")).integrationCommands,
  calls: async () => (await import("@/lib/cli/calls")).callCommands,
  sobot: async () => (await import("@/lib/cli/sobot")).sobotCommands,
  customers: async () => (await import("@/lib/cli/customers-io")).customersIoCommands,
  users: async () => (await import("@/lib/cli/access")).accessCommands,
  settings: async () => (await import("@/lib/cli/access")).accessCommands,
  config: async () => (await import("@/lib/cli/config")).configCommands,
  templates: async () => (await import("@/lib/cli/templates")).templateCommands,
};
const fileModules: Record<string, () => Promise<Record<string, FileCommand>>> = {
  db: async () => (await import("@/lib/cli/db")).databaseFileCommands,
};

/** The command `name` (its own, or its module's), or undefined. */
export async function commandNamed(name: string): Promise<{ command?: Command; fileCommand?: FileCommand }> {
  if (Object.hasOwn(commands, name)) return { command: commands[name] };
  const word = name.split(" ")[0];
  const own = Object.hasOwn(modules, word) ? await modules[word]() : {};
  if (Object.hasOwn(own, name)) return { command: own[name] };
  const files = Object.hasOwn(fileModules, word) ? await fileModules[word]() : {};
  return Object.hasOwn(files, name) ? { fileCommand: files[name] } : {};
}

const commands: Record<string, Command> = {
  async "users add"(db, argv) {
    const { values } = parse(argv, {
      email: { type: "string" },
      role: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
    });
    const user = await createUser(db, {
      email: (values.email as string) ?? "",
      role: ((values.role as string) ?? "") as "viewer",
      password: (values.password as string) ?? "",
      name: values.name as string | undefined,
    });
    print(values.json as boolean, user, () => `Added ${user.email} (${user.role}), id ${user.id}`);
  },

  async "customers add"(db, argv) {
    const { values } = parse(argv, {
      uname: { type: "string" },
      realname: { type: "string" },
      email: { type: "string", multiple: true },
      tel: { type: "string", multiple: true },
      remark: { type: "string" },
      vip: { type: "boolean" },
      "vip-level": { type: "string" },
      label: { type: "string", multiple: true },
      field: { type: "string", multiple: true },
      "external-id": { type: "string", multiple: true },
    });
    const input: CustomerInput = {
      uname: values.uname as string | undefined,
      realname: values.realname as string | undefined,
      emails: values.email as string[] | undefined,
      phones: values.tel as string[] | undefined,
      remark: values.remark as string | undefined,
      isVip: Boolean(values.vip),
      vipLevel: values["vip-level"] as string | undefined,
      labels: values.label as string[] | undefined,
      customFields: Object.fromEntries(pairs(values.field as string[] | undefined, "field")),
      externalIds: pairs(values["external-id"] as string[] | undefined, "external-id").map(([kind, value]) => ({
        kind: kind as "sobot-partner",
        value,
      })),
    };
    const customer = await createCustomer(db, input);
    print(
      values.json as boolean,
      customer,
      () => `Created customer #${customer.id} ${customer.uname || customer.realname}`,
    );
  },

  async "customers list"(db, argv) {
    const { values } = parse(argv, { search: { type: "string" }, limit: { type: "string" } });
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
      throw new UsageError("--limit must be a whole number from 1 to 10000");
    const page = await listCustomers(db, {
      ...listQuery.parse({}),
      q: (values.search as string) ?? "",
      per: limit,
      sort: "id",
      dir: "asc",
    });
    print(values.json as boolean, page.items, () =>
      [
        table(
          page.items.map((c) => ({
            id: c.id,
            uname: c.uname,
            realname: c.realname,
            email: c.emails[0],
            tel: c.phones[0],
            vip: c.isVip ? "yes" : "",
          })),
          ["id", "uname", "realname", "email", "tel", "vip"],
        ),
        `${page.items.length} of ${page.total}${page.atLeast ? "+" : ""} customer(s)`,
      ].join("\n"),
    );
  },

  async "db migrate"(db, argv) {
    const { values } = parse(argv, {});
    const applied = await migrate(db, providerOfDb(db));
    await verifyMasterKey(db, masterKey(readConfig()));
    print(values.json as boolean, { applied }, () =>
      applied.length ? `Applied ${applied.join(", ")}` : "The database is up to date.",
    );
  },

  async "db prepare"(db, argv) {
    parse(argv, {});
    await ensureReady(db, readConfig());
  },

  async "db status"(db, argv) {
    const { values } = parse(argv, {});
    const status = await migrationStatus(db, providerOfDb(db));
    print(
      values.json as boolean,
      status,
      () => `applied: ${status.applied.join(", ") || "none"}\npending: ${status.pending.join(", ") || "none"}`,
    );
  },
};

async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  if (argv.length === 0 || ["help", "--help", "-h"].includes(argv[0])) {
    process.stdout.write(`${HELP}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const name = `${argv[0]} ${argv[1] ?? ""}`.trim();
  const { command, fileCommand } = await commandNamed(name);
  if (!command && !fileCommand) return report(new UsageError(`unknown command "${name}"`), json);
  if (fileCommand) {
    try {
      await fileCommand(readConfig(), argv.slice(2));
      return Number(process.exitCode ?? 0);
    } catch (error) {
      return report(error, json);
    }
  }
  let db: Db | undefined;
  try {
    const config = readConfig();
    // A command waits patiently for the app's (short) writes to a shared SQLite file.
    db = await createDb(config.databaseUrl, { lockWaitMs: 60_000 });
    // `db status` only reads; `db prepare` and `db migrate` migrate themselves, and say which
    // migrations they applied.
    if (!["db status", "db prepare", "db migrate"].includes(name)) {
      await migrate(db, providerOfDb(db));
      await verifyMasterKey(db, masterKey(config));
    }
    // The CLI has no sign-in: changes are recorded as the operating-system user running it.
    const actor = process.env.DESKBRIDGE_ACTOR || `cli:${os.userInfo().username}`;
    await withActor({ id: null, label: actor }, () => command!(db!, argv.slice(2)));
    return Number(process.exitCode ?? 0);
  } catch (error) {
    return report(error, json);
  } finally {
    await db?.$disconnect().catch(() => undefined);
  }
}

process.exitCode = await main(process.argv.slice(2));
