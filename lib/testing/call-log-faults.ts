// Test helpers for the call log's writes on a real database: a trigger that refuses one
// integration's hourly sums (so a call-log entry fails inside its transaction), and the files of
// this process still open on a SQLite database (a connection left open).
import fs from "node:fs";
import type { Db } from "@/lib/db/client";

/**
 * Makes the database refuse, with `message`, every CallRollup row of `integrationId`. Returns what
 * removes the refusal again.
 */
export async function refuseSums(
  db: Db,
  provider: "sqlite" | "postgresql",
  integrationId: string,
  message: string,
): Promise<() => Promise<void>> {
  const name = `refuse_${integrationId.replace(/\W/g, "_")}`;
  const statements =
    provider === "sqlite"
      ? [
          `CREATE TRIGGER "${name}" BEFORE INSERT ON "CallRollup"
           WHEN NEW."integrationId" = '${integrationId}' BEGIN SELECT RAISE(ABORT, '${message}'); END`,
        ]
      : [
          `CREATE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE EXCEPTION '${message}'; END $$`,
          `CREATE TRIGGER "${name}" BEFORE INSERT ON "CallRollup" FOR EACH ROW
           WHEN (NEW."integrationId" = '${integrationId}') EXECUTE FUNCTION "${name}"()`,
        ];
  for (const sql of statements) await db.$executeRawUnsafe(sql);
  return async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER "${name}"${provider === "sqlite" ? "" : ' ON "CallRollup"'}`);
    if (provider === "postgresql") await db.$executeRawUnsafe(`DROP FUNCTION "${name}"()`);
  };
}

/** This process's open files on a SQLite database (the file itself, its WAL and shared memory). */
export function openFilesOn(file: string): string[] {
  if (!fs.existsSync("/proc/self/fd")) return [];
  return fs.readdirSync("/proc/self/fd").flatMap((fd) => {
    try {
      const target = fs.readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(file) ? [target] : [];
    } catch {
      return [];
    }
  });
}
