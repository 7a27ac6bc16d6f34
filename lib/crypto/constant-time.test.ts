// safeEqual: equal exactly when the bytes are equal, whatever the lengths.
import { describe, expect, it } from "vitest";
import { safeEqual } from "@/lib/crypto/constant-time";

describe("safeEqual", () => {
  it.each([
    ["868b2fe841ca486e7344b0c15aac1e76", "868b2fe841ca486e7344b0c15aac1e76", true],
    ["868b2fe841ca486e7344b0c15aac1e76", "868b2fe841ca486e7344b0c15aac1e77", false],
    ["868b2fe841ca486e7344b0c15aac1e76", "868B2FE841CA486E7344B0C15AAC1E76", false],
    // A prefix, a longer value and the empty string are not equal (timingSafeEqual would throw on them).
    ["shared-secret-value", "shared-secret", false],
    ["shared-secret", "shared-secret-value", false],
    ["", "", true],
    ["", "x", false],
    ["密钥12345678", "密钥12345678", true],
    ["密钥12345678", "密钥12345679", false],
  ])("%j vs %j → %s", (a, b, equal) => {
    expect(safeEqual(a, b)).toBe(equal);
    expect(safeEqual(b, a)).toBe(equal);
  });

  it("compares strings as UTF-8 and buffers as bytes", () => {
    expect(safeEqual(Buffer.from("café", "utf8"), "café")).toBe(true);
    expect(safeEqual(Buffer.from("café", "latin1"), "café")).toBe(false);
    expect(safeEqual(Buffer.from([0, 1, 2]), Buffer.from([0, 1, 2]))).toBe(true);
  });
});
