// What a server action must never hand back: the secrets that were typed into its form. A field is
// secret when its schema says so (`secret()`) or its name does (password, secret, token, key, code…);
// the wrapper drops such fields from the echoed values and blanks their values anywhere else in the
// answer (a message that quotes the input, a nested result). Secrets the action issues on purpose
// (a new two-factor key, recovery codes) are not typed in, so they pass.
import { z } from "zod";

/** Schemas registered here carry a secret: never echoed, never quoted. */
export const secretFields = z.registry<{ secret: true }>();

/** A form field that carries a secret (a password, a key, a code), read as text like `text()`. */
export const secret = () => z.string().default("").register(secretFields, { secret: true });

/** Field names that carry secrets whatever their schema says: integration `secrets.*`, keys, codes. */
const SECRET_NAME =
  /password|passphrase|secret|token|credential|totp|recovery|(^|[._-])(key|current|confirm|code)$|(api|private)Key$/i;

export const isSecretName = (name: string) => SECRET_NAME.test(name);

export function secretNamesOf(schema: z.ZodType | undefined): Set<string> {
  const names = new Set<string>();
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
  for (const [name, field] of Object.entries(shape)) if (secretFields.has(field)) names.add(name);
  return names;
}

/** Values shorter than this are not blanked inside other text (a one-letter password is refused anyway). */
const MIN_QUOTED = 4;

const MASK = "••••••";

/** The answer without any typed-in secret: secret fields dropped from `values`, secret values blanked. */
export function withoutSecrets<T>(state: T, submitted: Record<string, string> | undefined, marked: Set<string>): T {
  if (!submitted) return state;
  const secretKeys = Object.keys(submitted).filter((k) => marked.has(k) || isSecretName(k));
  const secretValues = secretKeys
    .map((k) => submitted[k])
    .filter((v) => v.length >= MIN_QUOTED)
    .sort((a, b) => b.length - a.length);
  const scrub = (value: unknown, path: string[]): unknown => {
    if (typeof value === "string") {
      return secretValues.reduce((text, s) => (text.includes(s) ? text.split(s).join(MASK) : text), value);
    }
    if (Array.isArray(value)) return value.map((v) => scrub(v, path));
    if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (path.length === 0 && k === "values" && v && typeof v === "object") {
          out[k] = scrub(Object.fromEntries(Object.entries(v).filter(([name]) => !secretKeys.includes(name))), [
            ...path,
            k,
          ]);
        } else out[k] = scrub(v, [...path, k]);
      }
      return out;
    }
    return value;
  };
  return scrub(state, []) as T;
}
