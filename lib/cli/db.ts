// deskbridge db backup / db restore: they work on the database file or server itself, without
// opening the app's client or applying migrations (a backup taken before an upgrade stays as it was).
import type { Config } from "@/lib/config";
import { backupDatabase, restoreDatabase } from "@/lib/db/backup";
import { parse, print, UsageError } from "@/lib/cli/args";

export type FileCommand = (config: Config, argv: string[]) => Promise<void>;

function oneFile(positionals: string[], command: string): string {
  if (positionals.length !== 1) throw new UsageError(`${command} takes one FILE`);
  return positionals[0];
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

export const databaseFileCommands: Record<string, FileCommand> = {
  async "db backup"(config, argv) {
    const { values, positionals } = parse(argv, { force: { type: "boolean" } });
    const file = oneFile(positionals, "db backup");
    const result = await backupDatabase(config.provider, config.databaseUrl, file, Boolean(values.force));
    print(values.json as boolean, result, () =>
      config.provider === "sqlite"
        ? `Backed up to ${result.file} (${kib(result.bytes)}, ${result.migrations.length} migrations applied).`
        : `Backed up to ${result.file} (${kib(result.bytes)}, pg_dump's custom format).`,
    );
  },

  async "db restore"(config, argv) {
    const { values, positionals } = parse(argv, {});
    const file = oneFile(positionals, "db restore");
    const result = await restoreDatabase(config.provider, config.databaseUrl, file);
    print(values.json as boolean, result, () =>
      [
        `Restored ${result.database} from ${result.file}.`,
        ...(result.previous ? [`The database as it was before is kept in ${result.previous}.`] : []),
        "Start Deskbridge again: it applies any migration newer than the backup.",
      ].join("\n"),
    );
  },
};
