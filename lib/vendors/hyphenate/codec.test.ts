// Hyphenate DES against the vendor document's examples (PROTOCOLS §4), and multi-block vectors
// taken from the pure-JS DES (des.js) Deskbridge used before node:crypto's triple DES with the key
// repeated: the two agreed byte for byte on 20,000 random plaintexts and 200,000 random
// ciphertexts (which paddings are refused included).
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { DesError, desDecrypt, desEncrypt } from "@/lib/vendors/hyphenate/codec";

describe("Hyphenate DES", () => {
  it.each([
    ["Jack", "877523f86f18f55e"],
    ["40", "e86b4e789891107c"],
    ["man", "d221cba8e6efd0ad"],
  ])("%s ⇄ %s with a key starting 12345678", (plain, hex) => {
    expect(desEncrypt(plain, "12345678abcdef")).toBe(hex);
    expect(desDecrypt(hex, "12345678abcdef")).toBe(plain);
    expect(desDecrypt(hex.toUpperCase(), "12345678")).toBe(plain);
  });

  it.each([
    [
      "张三-visitor-0123456789-abcdef",
      "密钥12345678",
      "49f37d7733da689f1821ac050b56f33f57ea5e91e91ed468b84a561cbdd741c7c0a26d227d38e4c2",
    ],
    // A whole number of blocks gets a whole block of padding.
    ["visitor-visitor-", "12345678abcdef", "7fea1427f6df2c397fea1427f6df2c39feb959b7d4642fcb"],
  ])("%s ⇄ the multi-block vector", (plain, key, hex) => {
    expect(desEncrypt(plain, key)).toBe(hex);
    expect(desDecrypt(hex, key)).toBe(plain);
  });

  it("round-trips Chinese text and multi-block values", () => {
    const value = "张三-visitor-0123456789-abcdef";
    expect(desDecrypt(desEncrypt(value, "密钥12345678"), "密钥12345678")).toBe(value);
  });

  it.each([
    ["", "empty"],
    ["abc", "odd_length"],
    ["zz", "not_hex"],
    ["abcd", "bad_length"],
  ])("names why %j does not decrypt (%s)", (hex, reason) => {
    try {
      desDecrypt(hex, "12345678");
      throw new Error("decrypted");
    } catch (error) {
      expect(error).toBeInstanceOf(DesError);
      expect((error as DesError).reason).toBe(reason);
    }
  });

  it("refuses the wrong key", () => {
    expect(() => desDecrypt("877523f86f18f55e", "87654321")).toThrow(DesError);
  });
});

describe("Hyphenate DES padding", () => {
  /** Blocks encrypted as they are, without padding: DES under the key's first 8 bytes. */
  const raw = (bytes: Buffer, key = "12345678") => {
    const des = Buffer.from(key).subarray(0, 8);
    const cipher = crypto.createCipheriv("des-ede3-ecb", Buffer.concat([des, des, des]), null).setAutoPadding(false);
    return Buffer.concat([cipher.update(bytes), cipher.final()]).toString("hex");
  };
  const reason = (hex: string) => {
    try {
      desDecrypt(hex, "12345678abcdef");
      return "decrypted";
    } catch (error) {
      expect(error).toBeInstanceOf(DesError);
      return (error as DesError).reason;
    }
  };

  it("refuses a last block whose padding byte is 0", () => {
    // "visitor\0" encrypted without padding under 12345678.
    expect(() => desDecrypt("59e9065c339ef369", "12345678abcdef")).toThrow(/padding/);
    expect(reason("59e9065c339ef369")).toBe("bad_padding");
  });

  it.each([
    ["a padding byte of 9", Buffer.from("visitor\u0009")],
    ["unequal padding bytes", Buffer.from("visito\u0003\u0002")],
    ["a full block of 0", Buffer.alloc(8, 0)],
    ["16 bytes of 0", Buffer.alloc(16, 0)],
  ])("refuses %s", (_, bytes) => {
    expect(reason(raw(bytes))).toBe("bad_padding");
  });

  it("accepts exact PKCS#5 padding, and refuses bytes that are not UTF-8", () => {
    expect(desDecrypt(raw(Buffer.from("visito\u0002\u0002")), "12345678")).toBe("visito");
    expect(desDecrypt(raw(Buffer.alloc(8, 8)), "12345678")).toBe("");
    expect(reason(raw(Buffer.from([0xff, 0xfe, 0x41, 0x42, 0x43, 3, 3, 3])))).toBe("not_text");
  });
});
