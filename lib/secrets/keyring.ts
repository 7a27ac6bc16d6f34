// The process's master key, loaded once, and the check that it is the key the database expects.
import type { Db } from "@/lib/db/client";
import type { Config } from "@/lib/config";
import { loadMasterKey, MasterKeyError, type MasterKeySecret } from "@/lib/secrets/master-key";
import { open, seal, SecretDecryptError } from "@/lib/secrets/cipher";
import { isUniqueViolation } from "@/lib/errors";

const holder = globalThis as unknown as { __deskbridgeMasterKey?: Map<string, MasterKeySecret> };

export function masterKey(config: Pick<Config, "masterKey" | "dataDir">): MasterKeySecret {
  holder.__deskbridgeMasterKey ??= new Map();
  const cacheKey = `${config.masterKey ?? ""}\u0000${config.dataDir}`;
  let key = holder.__deskbridgeMasterKey.get(cacheKey);
  if (!key) {
    const loaded = loadMasterKey(config.masterKey, config.dataDir);
    if (loaded.source === "created") {
      // stderr: the CLI's --json output on stdout must stay pure JSON.
      console.warn(
        `deskbridge: generated the master key for secrets in ${config.dataDir}/master.key: ` +
          "back it up with the database",
      );
    }
    key = loaded.key;
    holder.__deskbridgeMasterKey.set(cacheKey, key);
  }
  return key;
}

const CHECK = "deskbridge master key check";

/** Fails clearly when this key cannot open the secrets already stored (a lost or swapped key). */
export async function verifyMasterKey(client: Db, key: MasterKeySecret): Promise<void> {
  const row = await client.setting.findUnique({ where: { key: "secrets.check" } });
  if (!row) {
    await client.setting
      .create({ data: { key: "secrets.check", value: seal(key, CHECK, "secrets.check") } })
      .catch((e) => (isUniqueViolation(e) ? null : Promise.reject(e)));
    return;
  }
  try {
    if (open(key, row.value, "secrets.check") === CHECK) return;
  } catch (error) {
    if (!(error instanceof SecretDecryptError)) throw error;
  }
  throw new MasterKeyError(
    "the master key does not match the one that sealed this database's secrets: " +
      "restore data/master.key or set DESKBRIDGE_MASTER_KEY to the original key",
  );
}
