// The signature lab's Hyphenate request: the CRM panel's GET with DES-encrypted parameters.
import { desDecrypt, desEncrypt } from "@/lib/vendors/hyphenate/codec";
import { SYSTEM_PARAMS } from "@/lib/vendors/hyphenate/iframe";
import {
  asObject,
  type BuildOptions,
  type BuiltRequest,
  endpointPath,
  finish,
  LabInputError,
  type LabIntegration,
  type LabRequestView,
  type LabSecrets,
  masked,
  wrongKeyOf,
} from "@/lib/lab/request";

// ---- Hyphenate: GET with (DES-encrypted) parameters ----
export function buildHyphenate(
  integration: LabIntegration,
  secrets: LabSecrets,
  payload: unknown,
  options: BuildOptions,
): BuiltRequest {
  const data = asObject(payload, 'the panel\'s query parameters, e.g. {"visitorImId": "visitor-001"}');
  const entries = Object.entries(data).map(([name, v]) => {
    if (v !== null && typeof v === "object")
      throw new LabInputError("payload", `Parameter "${name}" must be text or a number.`);
    return [name, v === null || v === undefined ? "" : String(v)] as const;
  });
  const encryptSystem = Boolean(integration.settings.encryptSystemParams);
  const real = secrets.key;
  const notes: string[] = [];
  const encrypts = (name: string, value: string) =>
    Boolean(real) && value !== "" && name !== "lang" && (!SYSTEM_PARAMS.has(name) || encryptSystem);
  let key: LabRequestView["key"] = real ? "current" : "none";
  let cipherKey = real ?? "";
  if (real && options.wrongKey) {
    key = "wrong";
    // DES keeps the first 8 bytes only, and a wrong key can by chance still unpad to text:
    // take the first wrong key whose parameters the real key cannot decrypt.
    const candidates = entries.filter(([n, v]) => encrypts(n, v));
    if (candidates.length === 0) {
      cipherKey = wrongKeyOf(real).value;
      notes.push(
        "No parameter is encrypted with these settings (system parameters are sent in clear), " +
          "so a wrong key cannot show.",
      );
    }
    for (let attempt = 0; candidates.length > 0 && attempt < 20; attempt++) {
      const w = wrongKeyOf(real, attempt);
      cipherKey = w.value;
      const fails = candidates.some(([, v]) => {
        try {
          desDecrypt(desEncrypt(v, w.value), real);
          return false;
        } catch {
          return true;
        }
      });
      if (fails) {
        notes.push(`Encrypted with a deliberately wrong key (${w.shown("key")}): expect 400 decrypt_failed.`);
        break;
      }
    }
  } else if (!real && options.wrongKey) {
    notes.push("This integration has no encryption key: parameters are sent in clear and a wrong key changes nothing.");
  }
  const params = entries.map(([name, value]) => {
    const encrypted = encrypts(name, value);
    return { name, value, sent: encrypted ? desEncrypt(value, cipherKey) : value, encrypted };
  });
  const query = new URLSearchParams(params.map((p) => [p.name, p.sent])).toString();
  const path = `${endpointPath("hyphenate-iframe", integration)}${query ? `?${query}` : ""}`;
  if (real)
    notes.unshift(
      `DES (first 8 bytes of ${masked("key")}, ECB, PKCS#5, lower-case hex) of the custom parameters` +
        `${encryptSystem ? " and the system parameters" : ""}; lang never.`,
    );
  const encrypted = params.filter((p) => p.encrypted);
  return finish(
    "hyphenate-iframe",
    options,
    { method: "GET", path, wireHeaders: {}, body: null },
    {
      key,
      params,
      ciphertext: encrypted.length ? encrypted.map((p) => `${p.name}=${p.sent}`).join("\n") : null,
      plaintext: encrypted.length ? encrypted.map((p) => `${p.name}=${p.value}`).join("\n") : null,
      notes,
    },
  );
}
