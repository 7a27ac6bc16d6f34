// Sobot CRM docking: the vendor's AES and MD5 sign, byte for byte (PROTOCOLS §1).
//
// The Java sample derives its AES key with KeyGenerator seeded through SHA1PRNG, which comes down
// to the first 16 bytes of SHA1(SHA1(utf8(secretKey))). AES-128-ECB, PKCS#5 padding, ciphertext
// as upper-case hex.
import crypto from "node:crypto";

export class CipherTextError extends Error {
  constructor(
    readonly reason: "empty" | "odd_length" | "not_hex" | "bad_length" | "bad_padding",
    message: string,
  ) {
    super(message);
  }
}

export function aesKey(secretKey: string): Buffer {
  const once = crypto.createHash("sha1").update(secretKey, "utf8").digest();
  return crypto.createHash("sha1").update(once).digest().subarray(0, 16);
}

export function encrypt(plaintext: string, secretKey: string): string {
  const cipher = crypto.createCipheriv("aes-128-ecb", aesKey(secretKey), null);
  return Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()])
    .toString("hex")
    .toUpperCase();
}

/** Decrypts upper- or lower-case hex; throws CipherTextError with a precise reason. */
export function decrypt(hex: string, secretKey: string): string {
  const text = hex.trim();
  if (!text) throw new CipherTextError("empty", "the ciphertext is empty");
  if (text.length % 2 !== 0)
    throw new CipherTextError("odd_length", `the ciphertext has an odd number of hex digits (${text.length})`);
  if (!/^[0-9a-fA-F]+$/.test(text))
    throw new CipherTextError("not_hex", "the ciphertext contains characters that are not hex digits");
  const bytes = Buffer.from(text, "hex");
  if (bytes.length % 16 !== 0) {
    throw new CipherTextError(
      "bad_length",
      `the ciphertext is ${bytes.length} bytes, not a multiple of the 16-byte AES block`,
    );
  }
  try {
    const decipher = crypto.createDecipheriv("aes-128-ecb", aesKey(secretKey), null);
    return Buffer.concat([decipher.update(bytes), decipher.final()]).toString("utf8");
  } catch {
    throw new CipherTextError("bad_padding", "the padding is wrong after decryption: most likely the wrong key");
  }
}

/** sign = md5_hex(companyId + timestamp + secretKey + parameter), lower-case. */
export function sign(companyId: string, timestamp: string, secretKey: string, parameter: string): string {
  return crypto.createHash("md5").update(`${companyId}${timestamp}${secretKey}${parameter}`, "utf8").digest("hex");
}

/** The vendor sample's dcodes returns its input unchanged when trim().length < 19. */
export const SHORT_PLAINTEXT_LIMIT = 19;
