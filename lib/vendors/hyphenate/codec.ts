// Hyphenate (Easemob) iframe parameters: DES, key = the first 8 UTF-8 bytes of the configured
// key, ECB, PKCS#5 padding, lower-case hex (PROTOCOLS §4). Node 20's OpenSSL 3 offers single DES
// only through the legacy provider; triple DES (EDE) with the same 8 bytes as all three keys is
// DES itself (encrypt, decrypt, encrypt with one key = one encryption), and OpenSSL checks the
// padding on decryption.
import crypto from "node:crypto";

export class DesError extends Error {
  constructor(
    readonly reason: "empty" | "odd_length" | "not_hex" | "bad_length" | "bad_padding" | "not_text",
    message: string,
  ) {
    super(message);
  }
}

const CIPHER = "des-ede3-ecb";

/** The 8-byte DES key, repeated as triple DES's three keys. */
function keyBytes(key: string): Buffer {
  const bytes = Buffer.from(key, "utf8");
  if (bytes.length < 8) throw new Error("a Hyphenate key needs at least 8 bytes");
  const des = bytes.subarray(0, 8);
  return Buffer.concat([des, des, des]);
}

export function desEncrypt(plaintext: string, key: string): string {
  const cipher = crypto.createCipheriv(CIPHER, keyBytes(key), null);
  return Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]).toString("hex");
}

export function desDecrypt(hex: string, key: string): string {
  const text = hex.trim();
  if (!text) throw new DesError("empty", "the value is empty");
  if (text.length % 2 !== 0)
    throw new DesError("odd_length", `the value has an odd number of hex digits (${text.length})`);
  if (!/^[0-9a-fA-F]+$/.test(text))
    throw new DesError("not_hex", "the value contains characters that are not hex digits");
  const bytes = Buffer.from(text, "hex");
  if (bytes.length % 8 !== 0)
    throw new DesError("bad_length", `the value is ${bytes.length} bytes, not a multiple of the 8-byte DES block`);
  let out: Buffer;
  try {
    const decipher = crypto.createDecipheriv(CIPHER, keyBytes(key), null);
    out = Buffer.concat([decipher.update(bytes), decipher.final()]);
  } catch {
    // OpenSSL refuses padding bytes outside 1..8 or not all equal (a padding byte of 0 included).
    throw new DesError("bad_padding", "the padding is wrong after decryption: most likely the wrong key");
  }
  const plain = out.toString("utf8");
  if (!Buffer.from(plain, "utf8").equals(out))
    throw new DesError("not_text", "the value decrypts to bytes that are not text: most likely the wrong key");
  return plain;
}
