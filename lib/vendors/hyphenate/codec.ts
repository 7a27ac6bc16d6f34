// Hyphenate (Easemob) iframe parameters: DES, key = the first 8 UTF-8 bytes of the configured
// key, ECB, PKCS#5 padding, lower-case hex (PROTOCOLS §4). Node 20's OpenSSL no longer offers
// DES without the legacy provider, so a pure-JS DES does the block cipher.
import des from "des.js";

export class DesError extends Error {
  constructor(
    readonly reason: "empty" | "odd_length" | "not_hex" | "bad_length" | "bad_padding" | "not_text",
    message: string,
  ) {
    super(message);
  }
}

function keyBytes(key: string): Buffer {
  const bytes = Buffer.from(key, "utf8");
  if (bytes.length < 8) throw new Error("a Hyphenate key needs at least 8 bytes");
  return bytes.subarray(0, 8);
}

export function desEncrypt(plaintext: string, key: string): string {
  const cipher = des.DES.create({ type: "encrypt", key: keyBytes(key), padding: true });
  return Buffer.from([...cipher.update(Buffer.from(plaintext, "utf8")), ...cipher.final()]).toString("hex");
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
  // Unpad by hand: des.js lets a padding byte of 0 through.
  const decipher = des.DES.create({ type: "decrypt", key: keyBytes(key), padding: false });
  const padded = Buffer.from([...decipher.update(bytes), ...decipher.final()]);
  const n = padded[padded.length - 1];
  if (n < 1 || n > 8 || !padded.subarray(padded.length - n).every((b) => b === n)) {
    throw new DesError("bad_padding", "the padding is wrong after decryption: most likely the wrong key");
  }
  const out = padded.subarray(0, padded.length - n);
  const plain = out.toString("utf8");
  if (!Buffer.from(plain, "utf8").equals(out))
    throw new DesError("not_text", "the value decrypts to bytes that are not text: most likely the wrong key");
  return plain;
}
