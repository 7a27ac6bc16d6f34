// Sealing secrets at rest, and the hint the dashboard may show.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { hint, open, seal, SecretDecryptError } from "@/lib/secrets/cipher";

describe("sealed secrets", () => {
  const key = crypto.randomBytes(32);

  it("round-trips, and never stores the plaintext", () => {
    const sealed = seal(key, "密钥-secret-value", "integration:1:secretKey");
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain("secret-value");
    expect(open(key, sealed, "integration:1:secretKey")).toBe("密钥-secret-value");
  });

  it("refuses another key, another context, and a tampered value", () => {
    const sealed = seal(key, "value", "ctx-a");
    expect(() => open(crypto.randomBytes(32), sealed, "ctx-a")).toThrow(SecretDecryptError);
    expect(() => open(key, sealed, "ctx-b")).toThrow(SecretDecryptError);
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => open(key, parts.join("."), "ctx-a")).toThrow(SecretDecryptError);
    expect(() => open(key, "garbage", "ctx-a")).toThrow(SecretDecryptError);
  });

  it.each([
    ["a-long-secret-value-1a2b", "••••1a2b"],
    ["secretKey", "••••ey"],
    ["abcd", "••••"],
    ["", "••••"],
  ])("hints %j as %j, never most of a short secret", (secret, expected) => {
    expect(hint(secret)).toBe(expected);
  });
});
