// The lab's decrypt tool: a Sobot AES or Hyphenate DES ciphertext → plaintext or a precise reason.
import { CipherTextError, decrypt as aesDecrypt } from "@/lib/vendors/sobot/codec";
import { DesError, desDecrypt } from "@/lib/vendors/hyphenate/codec";

export type DecryptReason = "empty" | "odd_length" | "not_hex" | "bad_length" | "bad_padding" | "not_text";
export type DecryptResult = { plaintext: string } | { reason: DecryptReason; message: string };

/** A pasted ciphertext → its plaintext, or exactly why it does not decrypt. */
export function decryptTool(kind: "sobot-aes" | "hyphenate-des", hex: string, key: string): DecryptResult {
  const text = hex.replace(/\s+/g, "");
  try {
    if (kind === "hyphenate-des") return { plaintext: desDecrypt(text, key) };
    const plain = aesDecrypt(text, key);
    if (plain.includes("\uFFFD"))
      return {
        reason: "not_text",
        message: "the value decrypts to bytes that are not text: most likely the wrong key",
      };
    return { plaintext: plain };
  } catch (error) {
    if (error instanceof CipherTextError || error instanceof DesError)
      return { reason: error.reason, message: error.message };
    throw error;
  }
}
