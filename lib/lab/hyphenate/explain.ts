// "Explain" for Hyphenate's CRM panel: each parameter and whether it decrypts with the current
// key, the previous one, or not at all (another key, or sent in clear).
import { DesError, desDecrypt } from "@/lib/vendors/hyphenate/codec";
import { SYSTEM_PARAMS } from "@/lib/vendors/hyphenate/iframe";
import { type ExplainIntegration, type Explanation, keyOf, type LoggedCall } from "@/lib/lab/evidence";
import { masked } from "@/lib/lab/request";

/** What usually goes wrong with Hyphenate's panel. */
export const HYPHENATE_USUAL_CAUSES = {
  "hyphenate-iframe": [
    "wrong encryption key (only its first 8 bytes count)",
    "an old key after a rotation: the panel decrypts with the current key only",
    '"System parameters are encrypted too" set differently here and in the console',
  ],
};

export function explainHyphenate(out: Explanation, call: LoggedCall, integration: ExplainIntegration): Explanation {
  const current = keyOf(integration, "key", "current");
  const previous = keyOf(integration, "key", "previous");
  const encryptSystem = Boolean(integration.settings.encryptSystemParams);
  const params = [...new URLSearchParams(call.query).entries()];
  out.explainable = true;
  out.formula = "DES-ECB, key = first 8 bytes of the encryption key, PKCS#5, hex";
  out.inputs = [
    { name: "key", value: current ? masked("key") : "(none set)" },
    { name: "System parameters are encrypted too", value: encryptSystem ? "yes" : "no" },
  ];
  if (!current) {
    out.summary = "The integration has no encryption key: nothing is decrypted.";
    return out;
  }
  const tryKey = (value: string, k: string | undefined) => {
    if (!k) return null;
    try {
      return { ok: true as const, plain: desDecrypt(value, k) };
    } catch (error) {
      return {
        ok: false as const,
        reason: error instanceof DesError ? error.reason : "error",
        message: error instanceof Error ? error.message : String(error),
      };
    }
  };
  const wrongKey: string[] = [];
  const rotation: string[] = [];
  const clear: string[] = [];
  for (const [name, value] of params) {
    const encrypted = value !== "" && name !== "lang" && (!SYSTEM_PARAMS.has(name) || encryptSystem);
    if (!encrypted) {
      out.params.push({ name, value, result: "not encrypted" });
      continue;
    }
    const now = tryKey(value, current)!;
    if (now.ok) {
      out.params.push({ name, value, result: `decrypts to "${now.plain}"` });
      continue;
    }
    const before = tryKey(value, previous);
    if (before?.ok) {
      rotation.push(name);
      out.params.push({
        name,
        value,
        result: `does not decrypt with the current key (${now.message}); decrypts with the previous key`,
      });
    } else if (now.reason === "not_hex" || now.reason === "odd_length" || now.reason === "empty") {
      clear.push(name);
      out.params.push({ name, value, result: `not DES hex (${now.message}): sent in clear?` });
    } else {
      wrongKey.push(name);
      out.params.push({ name, value, result: `does not decrypt with the current key: ${now.message}` });
    }
  }
  out.expected = `${masked("key")} (first 8 bytes)`;
  out.received = rotation.length
    ? "the previous key"
    : wrongKey.length
      ? "another key"
      : clear.length
        ? "no encryption"
        : "the current key";
  out.matchesCurrent = !rotation.length && !wrongKey.length && !clear.length;
  out.matchesPrevious = rotation.length > 0;
  if (rotation.length)
    out.causes.push(
      `encrypted with the previous key (rotation): ${rotation.join(", ")} decrypt(s) with the previous key, ` +
        "and the panel uses the current one only",
    );
  if (wrongKey.length)
    out.causes.push(
      `wrong key: ${wrongKey.map((n) => `"${n}"`).join(", ")} do(es) not decrypt with the current key ` +
        "(wrong padding: most likely encrypted with another key)",
    );
  if (clear.length) {
    out.causes.push(
      `${clear.map((n) => `"${n}"`).join(", ")} ${clear.length > 1 ? "are" : "is"} not encrypted: ` +
        `the console may have no key set, or "System parameters are encrypted too" differs ` +
        `(${encryptSystem ? "on here" : "off here"})`,
    );
  }
  out.summary = out.causes.length
    ? `A parameter does not decrypt with the current key.`
    : "Every encrypted parameter decrypts with the current key.";
  return out;
}
