// Unit tests for scrypt password hashing, verification and generated passwords.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, verifyPassword } from "@/lib/auth/password";

const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

describe("hashPassword", () => {
  it('produces "scrypt$32768$8$1$<salt>$<key>" with a 16-byte salt and a 32-byte key', async () => {
    const stored = await hashPassword("correct horse");
    const parts = stored.split("$");
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual(["scrypt", "32768", "8", "1"]);
    expect(parts[4]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(Buffer.from(parts[4], "base64")).toHaveLength(16);
    expect(Buffer.from(parts[5], "base64")).toHaveLength(32);
  });

  it("the key is scrypt(password, salt) with the stated parameters", async () => {
    const stored = await hashPassword("s3cret-pass");
    const [, n, r, p, salt, key] = stored.split("$");
    const expected = crypto.scryptSync("s3cret-pass", Buffer.from(salt, "base64"), 32, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: 64 * 1024 * 1024,
    });
    expect(key).toBe(expected.toString("base64"));
  });

  it("salts: two hashes of the same password differ", async () => {
    const [a, b] = await Promise.all([hashPassword("same"), hashPassword("same")]);
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
  });
});

describe("verifyPassword", () => {
  it("accepts the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("hunter2-hunter2");
    expect(await verifyPassword("hunter2-hunter2", stored)).toBe(true);
    expect(await verifyPassword("hunter2-hunter3", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
    expect(await verifyPassword("HUNTER2-HUNTER2", stored)).toBe(false);
  });

  it("works with unicode passwords", async () => {
    const stored = await hashPassword("密码-pässwörd");
    expect(await verifyPassword("密码-pässwörd", stored)).toBe(true);
    expect(await verifyPassword("密码-passwörd", stored)).toBe(false);
  });

  it("reads N, r and p from the stored value (older parameters still verify)", async () => {
    const salt = Buffer.from("0123456789abcdef");
    const key = crypto.scryptSync("legacy", salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = ["scrypt", 1024, 8, 1, salt.toString("base64"), key.toString("base64")].join("$");
    expect(await verifyPassword("legacy", stored)).toBe(true);
    expect(await verifyPassword("legacy!", stored)).toBe(false);
  });

  it("refuses a tampered key", async () => {
    const stored = await hashPassword("pw-12345678");
    const parts = stored.split("$");
    const key = Buffer.from(parts[5], "base64");
    key[0] ^= 1;
    parts[5] = key.toString("base64");
    expect(await verifyPassword("pw-12345678", parts.join("$"))).toBe(false);
  });

  it.each([
    "",
    "bcrypt$x",
    "scrypt$1$2",
    "scrypt$32768$8$1$c2FsdA==",
    "scrypt$32768$8$1$$AAAA",
    "$2b$10$abcdefghijklmnopqrstuv",
  ])("returns false for the malformed stored value %j", async (stored) => {
    expect(await verifyPassword("anything", stored)).toBe(false);
  });

  // BUG (lib/auth/password.ts:24-32): a key part that decodes to zero bytes makes scrypt derive an
  // empty key, and timingSafeEqual(<empty>, <empty>) is true, so ANY password verifies.
  it("returns false when the stored key decodes to zero bytes (currently returns true)", async () => {
    expect(await verifyPassword("anything", "scrypt$32768$8$1$c2FsdA==$!!!")).toBe(false);
  });

  // BUG (lib/auth/password.ts:26): non-numeric or invalid N/r/p make scrypt throw instead of returning false.
  it("returns false (does not throw) for non-numeric scrypt parameters", async () => {
    await expect(verifyPassword("anything", "scrypt$abc$8$1$c2FsdA==$AAAA")).resolves.toBe(false);
  });
});

describe("generatePassword", () => {
  it("gives 20 characters from the unambiguous alphabet", () => {
    const pw = generatePassword();
    expect(pw).toHaveLength(20);
    for (const ch of pw) expect(ALPHABET).toContain(ch);
    expect(pw).not.toMatch(/[0O1lIo]/);
  });

  it("honours an explicit length", () => {
    expect(generatePassword(8)).toHaveLength(8);
    expect(generatePassword(64)).toHaveLength(64);
  });

  it("gives a different value on each call", () => {
    const values = new Set(Array.from({ length: 200 }, () => generatePassword()));
    expect(values.size).toBe(200);
  });

  it("uses the whole alphabet and nothing else", () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generatePassword()).join(""));
    expect([...seen].sort().join("")).toBe([...ALPHABET].sort().join(""));
  });
});
