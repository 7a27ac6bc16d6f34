// Backups and restores of Deskbridge's database. SQLite: SQLite's online backup API (through
// better-sqlite3), which copies a consistent snapshot while the app keeps serving and writing.
// PostgreSQL: pg_dump and pg_restore, when installed; otherwise the commands to run.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sqlitePath } from "@/lib/config";
import type { Provider } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export type BackupResult = { file: string; bytes: number; migrations: string[] };

/** The migrations a SQLite file records; refuses a file that is not a Deskbridge database. */
function deskbridgeMigrations(file: string): string[] {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new AppError("validation", `${file} cannot be opened as a SQLite database: ${(error as Error).message}`);
  }
  try {
    const check = sqlite.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new AppError("validation", `${file} is damaged (quick_check: ${String(check)})`);
    const table = sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_deskbridge_migrations'`)
      .get();
    if (!table)
      throw new AppError("validation", `${file} is not a Deskbridge database (no _deskbridge_migrations table)`);
    const rows = sqlite.prepare(`SELECT "name" FROM "_deskbridge_migrations" ORDER BY "name"`).all() as {
      name: string;
    }[];
    return rows.map((r) => r.name);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("validation", `${file} is not a readable SQLite database: ${(error as Error).message}`);
  } finally {
    sqlite.close();
  }
}

function refuseExisting(file: string, force: boolean) {
  if (!force && fs.existsSync(file))
    throw new AppError("conflict", `${file} already exists; choose a new file name or pass --force`);
}

/** Copies the live SQLite database to `dest` with the online backup API (the app may keep running). */
export async function backupSqlite(databaseUrl: string, dest: string, force = false): Promise<BackupResult> {
  const source = sqlitePath(databaseUrl);
  if (!fs.existsSync(source)) throw new AppError("not_found", `there is no database at ${source} to back up`);
  const target = path.resolve(dest);
  if (target === path.resolve(source))
    throw new AppError("validation", "the backup file cannot be the database itself");
  refuseExisting(target, force);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Written beside the target and renamed, so a failed or interrupted backup never leaves a
  // half-written file under the name an operator will restore from.
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const sqlite = new Database(source, { fileMustExist: true, timeout: 60_000 });
  try {
    await sqlite.backup(partial);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    sqlite.close();
  }
  // A standalone file: no -wal companion to forget when copying it elsewhere.
  const copy = new Database(partial);
  copy.pragma("journal_mode = DELETE");
  copy.close();
  const migrations = deskbridgeMigrations(partial);
  fs.renameSync(partial, target);
  return { file: target, bytes: fs.statSync(target).size, migrations };
}

/** Keeps the database about to be replaced, even one SQLite cannot read (a damaged file). */
async function keepCurrent(database: string, previous: string) {
  try {
    const sqlite = new Database(database, { fileMustExist: true, timeout: 60_000 });
    try {
      await sqlite.backup(previous);
    } finally {
      sqlite.close();
    }
  } catch {
    fs.rmSync(previous, { force: true });
    // Not readable as a database: moved aside as it is, with its companions; the restore then
    // writes a new file.
    for (const suffix of ["", "-wal", "-shm"])
      if (fs.existsSync(database + suffix)) fs.renameSync(database + suffix, previous + suffix);
  }
}

export type RestoreResult = { file: string; database: string; previous: string | null; migrations: string[] };

/**
 * Replaces the SQLite database's content with the backup's (stop the app first). The current
 * content is kept first as `<database>.before-restore-<time>`, so a wrong restore can be undone.
 */
export async function restoreSqlite(databaseUrl: string, backup: string, now = new Date()): Promise<RestoreResult> {
  const from = path.resolve(backup);
  if (!fs.existsSync(from)) throw new AppError("not_found", `there is no backup at ${from}`);
  const migrations = deskbridgeMigrations(from);
  const database = sqlitePath(databaseUrl);
  fs.mkdirSync(path.dirname(database), { recursive: true });
  let previous: string | null = null;
  if (fs.existsSync(database)) {
    previous = `${database}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`;
    await keepCurrent(database, previous);
  }
  // The backup API writes through the database's own pager and locks: its WAL and the other
  // connections' view stay consistent, unlike copying a file over a database in use.
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await source.backup(database);
  } finally {
    source.close();
  }
  const restored = new Database(database, { timeout: 60_000 });
  restored.pragma("journal_mode = WAL");
  restored.close();
  return { file: from, database, previous, migrations };
}

export type PgTool = { command: string; args: string[]; env: Record<string, string> };

/** libpq's environment for a postgres:// URL, so the password never appears on a command line. */
function libpqEnv(databaseUrl: string): { env: Record<string, string>; dbname: string } {
  const url = new URL(databaseUrl);
  const env: Record<string, string> = {};
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  url.password = "";
  return { env, dbname: url.toString() };
}

export function pgDumpCommand(databaseUrl: string, file: string): PgTool {
  const { env, dbname } = libpqEnv(databaseUrl);
  return { command: "pg_dump", args: ["--format=custom", "--no-owner", `--file=${file}`, `--dbname=${dbname}`], env };
}

export function pgRestoreCommand(databaseUrl: string, file: string): PgTool {
  const { env, dbname } = libpqEnv(databaseUrl);
  return {
    command: "pg_restore",
    args: ["--clean", "--if-exists", "--no-owner", "--single-transaction", `--dbname=${dbname}`, file],
    env,
  };
}

/** The command as an operator would type it (the password left to PGPASSWORD or ~/.pgpass). */
export function shown(tool: PgTool): string {
  return [tool.command, ...tool.args].map((a) => (/^[\w./:=@-]+$/.test(a) ? a : `'${a}'`)).join(" ");
}

export class ToolMissing extends Error {
  constructor(tool: PgTool) {
    super(
      `${tool.command} is not installed here. Install PostgreSQL's client tools (Debian: apt-get install ` +
        `postgresql-client, the same major version as the server or newer), or run on a machine that has them:\n` +
        `  ${shown(tool)}\n(with the password in PGPASSWORD or ~/.pgpass)`,
    );
  }
}

/** Runs pg_dump or pg_restore; throws ToolMissing (with the command to run) when it is not installed. */
export function runPgTool(tool: PgTool): void {
  const result = spawnSync(tool.command, tool.args, {
    env: { ...process.env, ...tool.env },
    encoding: "utf8",
    stdio: ["ignore", "inherit", "pipe"],
  });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") throw new ToolMissing(tool);
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${tool.command} failed (exit ${result.status}): ${result.stderr.trim()}`);
}

export async function backupDatabase(
  provider: Provider,
  databaseUrl: string,
  file: string,
  force = false,
): Promise<BackupResult> {
  if (provider === "sqlite") return backupSqlite(databaseUrl, file, force);
  const target = path.resolve(file);
  refuseExisting(target, force);
  runPgTool(pgDumpCommand(databaseUrl, target));
  return { file: target, bytes: fs.statSync(target).size, migrations: [] };
}

export async function restoreDatabase(provider: Provider, databaseUrl: string, file: string) {
  if (provider === "sqlite") return restoreSqlite(databaseUrl, file);
  const from = path.resolve(file);
  if (!fs.existsSync(from)) throw new AppError("not_found", `there is no backup at ${from}`);
  runPgTool(pgRestoreCommand(databaseUrl, from));
  return { file: from, database: "PostgreSQL", previous: null, migrations: [] };
}
