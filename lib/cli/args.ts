// Argument parsing and output for the CLI: --json everywhere, errors on stderr, exit codes.
import { parseArgs, type ParseArgsConfig } from "node:util";
import stringWidth from "string-width";
import { AppError } from "@/lib/errors";

export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig["options"]>;

export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export function parse(argv: string[], options: Options): { values: Values; positionals: string[] } {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, json: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function print(json: boolean | undefined, value: unknown, human: () => string) {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

/** Writes the error (with the fields it names) to stderr; returns the exit code. */
export function report(error: unknown, json: boolean): number {
  if (error instanceof UsageError) {
    process.stderr.write(`deskbridge: ${error.message}\nRun "deskbridge help" for usage.\n`);
    return 2;
  }
  if (error instanceof AppError) {
    if (json)
      process.stderr.write(
        `${JSON.stringify({ error: error.code, message: error.message, fields: error.fieldErrors })}\n`,
      );
    else {
      process.stderr.write(`deskbridge: ${error.message}\n`);
      for (const [field, messages] of Object.entries(error.fieldErrors))
        process.stderr.write(`  ${field}: ${messages.join("; ")}\n`);
    }
    return 1;
  }
  process.stderr.write(`deskbridge: ${(error as Error)?.message ?? String(error)}\n`);
  return 1;
}

export function table(rows: Record<string, unknown>[], columns: string[]): string {
  if (rows.length === 0) return "(none)";
  const cells = rows.map((r) => columns.map((c) => String(r[c] ?? "")));
  // Columns as a terminal shows them: a Chinese character takes two (string-width).
  const widths = columns.map((c, i) => Math.max(stringWidth(c), ...cells.map((row) => stringWidth(row[i]))));
  const line = (values: string[]) =>
    values
      .map((v, i) => v + " ".repeat(widths[i] - stringWidth(v)))
      .join("  ")
      .trimEnd();
  return [line(columns), ...cells.map(line)].join("\n");
}
