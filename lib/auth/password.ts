// Password hashing with scrypt (memory-hard KDF from node:crypto; no native add-on needed).
import crypto from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

const PARAMS = { N: 1 << 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const MAX_MEM = 64 * 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...PARAMS, maxmem: MAX_MEM });
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, expected, ...rest] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !expected || rest.length) return false;
  const expectedKey = Buffer.from(expected, "base64");
  // A corrupt record must never verify: an empty key would "match" an empty derivation.
  if (expectedKey.length < 16) return false;
  try {
    const key = await scrypt(password, Buffer.from(salt, "base64"), expectedKey.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: MAX_MEM,
    });
    return crypto.timingSafeEqual(key, expectedKey);
  } catch {
    return false; // malformed parameters: not a password we can check
  }
}

/** A readable random password: 20 characters from an unambiguous alphabet (~115 bits). */
export function generatePassword(length = 20): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = crypto.randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}
