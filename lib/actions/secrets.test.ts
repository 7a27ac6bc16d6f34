// What a refused form answer may carry back: never a secret that was typed into it.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isSecretName, secret, secretNamesOf, withoutSecrets } from "@/lib/actions/secrets";

describe("secret fields", () => {
  it("knows secrets by name: passwords, integration secrets, keys, codes", () => {
    for (const name of ["password", "current", "confirm", "secrets.appKey", "secret", "code", "key", "apiKey", "token"])
      expect(isSecretName(name), name).toBe(true);
    for (const name of ["email", "name", "wrongKey", "postcode", "kind", "payload", "settings.companyId", "taskNodeId"])
      expect(isSecretName(name), name).toBe(false);
  });

  it("knows secrets by schema", () => {
    expect(secretNamesOf(z.object({ note: secret(), name: z.string() }))).toEqual(new Set(["note"]));
  });

  it("drops secret fields from the echoed values and blanks their value anywhere else", () => {
    const submitted = { email: "a@b.c", password: "hunter2-distinct", note: "pin 4411-9" };
    const state = {
      ok: false,
      message: 'Password "hunter2-distinct" is too common',
      fieldErrors: { password: ["hunter2-distinct is too common"] },
      values: submitted,
      nested: { list: ["x pin 4411-9 y"] },
    };
    const answer = withoutSecrets(state, submitted, new Set(["note"]));
    expect(answer.values).toEqual({ email: "a@b.c" });
    expect(JSON.stringify(answer)).not.toContain("hunter2-distinct");
    expect(JSON.stringify(answer)).not.toContain("4411-9");
    expect(answer.message).toBe('Password "••••••" is too common');
  });

  it("leaves secrets the action issues on purpose (not typed in) alone", () => {
    const state = { ok: true, setup: { secret: "JBSWY3DPEHPK3PXP" }, values: { code: "123456" } };
    expect(withoutSecrets(state, { code: "123456" }, new Set())).toEqual({
      ok: true,
      setup: { secret: "JBSWY3DPEHPK3PXP" },
      values: {},
    });
  });
});
