// Creating a Prisma client for either provider. Use lib/db (the shared instance) in app code;
// this module is for the CLI, the migration runner and tests, which choose their own database.
import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { readConfig, sqlitePath } from "@/lib/config";
import { lockAwareSqliteAdapter } from "@/lib/db/sqlite-adapter";
import { attachPrepared, setPreparedPragma } from "@/lib/db/prepared";
import { SAFETY_NET_PAGES, startCheckpoints } from "@/lib/db/checkpoints";

/** Both generated clients share one shape; the SQLite one names the type. */
export type Db = SqliteClient;
export type Provider = "sqlite" | "postgresql";

export function providerOf(databaseUrl: string): Provider {
  return /^postgres(ql)?:\/\//i.test(databaseUrl) ? "postgresql" : "sqlite";
}

// On globalThis: the route bundles each hold a copy of this module, and a client made by one
// (lib/db) is used by code in another; a copy's own map would not know it and say "sqlite".
const providerHolder = globalThis as unknown as { __deskbridgeProviders?: WeakMap<object, Provider> };
providerHolder.__deskbridgeProviders ??= new WeakMap<object, Provider>();
const providers = providerHolder.__deskbridgeProviders;

/** Which database a client talks to (some queries differ, e.g. case-insensitive search). */
export function providerOfDb(client: Db): Provider {
  return providers.get(client) ?? "sqlite";
}

/** A transaction's client talks to its parent's database. */
export function withProviderOf<T extends object>(child: T, parent: Db): T {
  providers.set(child, providerOfDb(parent));
  return child;
}

export type DbOptions = {
  /**
   * SQLite: how long a statement or transaction waits for another process's write lock, without
   * blocking the event loop (default DESKBRIDGE_DB_TIMEOUT_MS). The CLI waits longer than a request.
   */
  lockWaitMs?: number;
  /**
   * SQLite: checkpoint the WAL from a worker thread instead of on the committing connection
   * (lib/db/checkpoints), every `intervalMs` if given. The app server's client does; a short-lived
   * CLI run needs not.
   */
  backgroundCheckpoints?: boolean | { intervalMs: number };
};

export async function createDb(databaseUrl: string, options: DbOptions = {}): Promise<Db> {
  if (providerOf(databaseUrl) === "postgresql") {
    // A connection that cannot be made in time fails the request with a retryable 503 instead of
    // holding it (lib/callbacks/pipeline); the pool reconnects by itself when the server is back.
    const adapter = new PrismaPg({
      connectionString: databaseUrl,
      max: 10,
      connectionTimeoutMillis: readConfig().dbTimeoutMs,
      idleTimeoutMillis: 30_000,
      // A connection that went silent (no reset from a dead peer) fails its query instead of hanging.
      query_timeout: 15_000,
      keepAlive: true,
    });
    const client = new PostgresClient({ adapter }) as unknown as Db;
    providers.set(client, "postgresql");
    attachPrepared(client, { provider: "postgresql", url: databaseUrl, connectTimeoutMs: readConfig().dbTimeoutMs });
    return client;
  }
  const file = sqlitePath(databaseUrl);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // A concurrent writer (the CLI, a backup, another request) is waited for asynchronously.
  const lockWaitMs = options.lockWaitMs ?? readConfig().dbTimeoutMs;
  const adapter = lockAwareSqliteAdapter(file, lockWaitMs);
  const client = new SqliteClient({ adapter });
  providers.set(client, "sqlite");
  // The adapter holds one connection, so these per-connection settings stick.
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  await client.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  attachPrepared(client, { provider: "sqlite", file, lockWaitMs });
  const background = options.backgroundCheckpoints;
  if (background) await checkpointInBackground(client, file, background === true ? undefined : background.intervalMs);
  return client;
}

/** Hands `client`'s WAL checkpoints to a worker; its connections keep theirs as a safety net. */
async function checkpointInBackground(client: Db, file: string, intervalMs?: number) {
  const checkpoints = await startCheckpoints(file, intervalMs).catch((error) => {
    console.error(`deskbridge: WAL checkpoints stay on the request path: ${(error as Error).message}`);
    return null;
  });
  if (!checkpoints) return;
  await client.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  setPreparedPragma(client, `wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  const disconnect = client.$disconnect.bind(client);
  client.$disconnect = async () => {
    await disconnect();
    await checkpoints.stop();
  };
}
