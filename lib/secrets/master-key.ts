// The master key that encrypts integration secrets at rest: DESKBRIDGE_MASTER_KEY (32 bytes as
// 64 hex digits or base64), else data/master.key, generated on first start (mode 600).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export class MasterKeyError extends Error {}

/** The master key's 32 bytes: it opens every integration secret. Never log it or send it anywhere. */
export type MasterKeySecret = Buffer;

export function parseMasterKey(text: string): MasterKeySecret {
  const value = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  if (bytes.length !== 32) {
    throw new MasterKeyError(
      "DESKBRIDGE_MASTER_KEY must be 32 bytes: 64 hex digits or 44 base64 characters (openssl rand -base64 32)",
    );
  }
  return bytes;
}

export function masterKeyFile(dataDir: string): string {
  return path.join(dataDir, "master.key");
}

/** Loads the master key, creating the key file when there is neither a variable nor a file. */
export function loadMasterKey(
  env: string | undefined,
  dataDir: string,
): { key: MasterKeySecret; source: "env" | "file" | "created" } {
  if (env) return { key: parseMasterKey(env), source: "env" };
  const file = masterKeyFile(dataDir);
  if (fs.existsSync(file)) return { key: parseMasterKey(fs.readFileSync(file, "utf8")), source: "file" };
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  try {
    // "wx": never overwrite a key another process has just written.
    fs.writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    return { key, source: "created" };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      return { key: parseMasterKey(fs.readFileSync(file, "utf8")), source: "file" };
    throw error;
  }
}
