// The one Prisma client of the app, shared across requests (and hot reloads) on globalThis.
import "server-only";
import { createDb, type Db } from "@/lib/db/client";
import { readConfig } from "@/lib/config";
import { ensureReady } from "@/lib/boot/ensure-ready";

const holder = globalThis as unknown as { __deskbridgeDb?: Promise<Db> };

/** The app's database, migrated and bootstrapped (first admin, demo data) on first use. */
export function db(): Promise<Db> {
  holder.__deskbridgeDb ??= (async () => {
    const config = readConfig();
    const client = await createDb(config.databaseUrl, { backgroundCheckpoints: true });
    try {
      await ensureReady(client, config);
    } catch (error) {
      // Not ready (PostgreSQL starting, a read-only SQLite file): the next request tries anew,
      // so this connection must not linger.
      await client.$disconnect().catch(() => undefined);
      throw error;
    }
    return client;
  })().catch((error) => {
    holder.__deskbridgeDb = undefined; // let the next request try again (e.g. PostgreSQL was down)
    throw error;
  });
  return holder.__deskbridgeDb;
}
