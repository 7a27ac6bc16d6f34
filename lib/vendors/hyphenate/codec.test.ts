// Hyphenate DES against the vendor document's examples (PROTOCOLS §4).
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
  it("refuses a last block whose padding byte is 0", () => {
    // "visitor\0" encrypted without padding under 12345678.
    expect(() => desDecrypt("59e9065c339ef369", "12345678abcdef")).toThrow(/padding/);
  });
});
