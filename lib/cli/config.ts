// deskbridge config export / import: the configuration as a file, to promote a tested setup from
// staging to production and keep it in version control.
import fs from "node:fs";
import { exportConfig } from "@/lib/config-as-code/export";
import { importConfig } from "@/lib/config-as-code/import";
import { parse, print, UsageError } from "@/lib/cli/args";
import { kindOf } from "@/lib/integrations/kinds";
import type { Command } from "@/lib/cli/main";

function readFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

/** The rotate flags that set these secrets, e.g. "--key …" or "--trigger vip --trigger-secret …". */
function flagsFor(vendor: string, secrets: string[]): string {
  const specs = kindOf(vendor)?.secrets ?? [];
  return secrets
    .map((name) =>
      name.startsWith("trigger:")
        ? `--trigger ${name.slice("trigger:".length)} --trigger-secret …`
        : `--${specs.find((s) => s.name === name)?.flag ?? name} …`,
    )
    .join(" ");
}

export const configCommands: Record<string, Command> = {
  async "config export"(db, argv) {
    parse(argv, {});
    process.stdout.write(`${JSON.stringify(await exportConfig(db), null, 2)}\n`);
  },

  async "config import"(db, argv) {
    const { values, positionals } = parse(argv, { "dry-run": { type: "boolean" } });
    if (positionals.length !== 1) throw new UsageError("config import takes one FILE (or - for standard input)");
    const dryRun = Boolean(values["dry-run"]);
    const result = await importConfig(db, readFile(positionals[0]), { dryRun });
    print(values.json as boolean, result, () => {
      const lines = result.changes.length
        ? [
            dryRun
              ? `Dry run: ${result.changes.length} change(s) would be made; nothing was changed.`
              : `${result.changes.length} change(s):`,
            ...result.changes.map((c) => `  ${c}`),
          ]
        : ["Nothing to change: the configuration already matches the file."];
      for (const s of result.secretsToSet)
        lines.push(
          `Set the ${s.secrets.join(", ")} of "${s.name}" (${s.vendor}): ` +
            `deskbridge integrations rotate ${s.id ?? JSON.stringify(s.name)} --grace 0 ` +
            flagsFor(s.vendor, s.secrets),
        );
      return lines.join("\n");
    });
  },
};
