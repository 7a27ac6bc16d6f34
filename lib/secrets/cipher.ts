// Secrets at rest: AES-256-GCM under the master key. Stored as "v1.<iv>.<tag>.<ciphertext>"
// (base64url). The associated data binds a value to its integration and name, so a ciphertext
// copied onto another row does not decrypt.
import crypto from "node:crypto";
import type { MasterKeySecret } from "@/lib/secrets/master-key";

export class SecretDecryptError extends Error {}

export function seal(masterKey: MasterKeySecret, plaintext: string, context: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", masterKey, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function open(masterKey: MasterKeySecret, sealed: string, context: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) throw new SecretDecryptError("not a sealed secret");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", masterKey, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptError("the secret does not decrypt: the master key differs from the one that sealed it");
  }
}

/** What the UI may show of a secret: its last four characters, fewer for a short one, so
 *  the hint never gives away a meaningful part of it. */
export function hint(secret: string): string {
  const chars = [...secret];
  const shown = chars.length >= 16 ? 4 : chars.length >= 8 ? 2 : 0;
  return `••••${shown ? chars.slice(-shown).join("") : ""}`;
}
