// Reading what a vendor sends, defensively, before anything reaches the database or the log.
//
// - JSON nested deeper than MAX_JSON_DEPTH levels is refused: no vendor sends more than a few
//   levels, and a structure 10,000 levels deep breaks every recursive consumer (schema checks,
//   JSON.stringify for the call log) with a stack overflow.
// - Lone UTF-16 surrogates (only an escaped "\ud800" in JSON can make one) become U+FFFD, as a
//   UTF-8 decoder does with broken bytes: the database driver refuses them outright. Signs are
//   unaffected, since hashing a lone surrogate as UTF-8 already gives U+FFFD's bytes.
// - NUL cannot be stored in PostgreSQL text: values used to look a record up have it replaced
//   (so they match nothing, as they would have), values written have it removed.

export const MAX_JSON_DEPTH = 64;

export type ParsedJson = { ok: true; value: unknown } | { ok: false; reason: "invalid" | "too_deep" };

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text with every lone surrogate replaced by U+FFFD. */
export const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, "\ufffd");

class TooDeep extends Error {}

function normalize(value: unknown, depth: number, maxDepth: number): unknown {
  if (typeof value === "string") return wellFormed(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= maxDepth) throw new TooDeep();
  if (Array.isArray(value)) return value.map((v) => normalize(v, depth + 1, maxDepth));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    // defineProperty, like JSON.parse: a "__proto__" key stays a plain own property.
    Object.defineProperty(out, wellFormed(key), {
      value: normalize(v, depth + 1, maxDepth),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** JSON.parse, then the depth limit and well-formed strings (keys included). */
export function parseVendorJson(text: string, maxDepth = MAX_JSON_DEPTH): ParsedJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: "invalid" };
  }
  try {
    return { ok: true, value: normalize(value, 0, maxDepth) };
  } catch (error) {
    if (error instanceof TooDeep) return { ok: false, reason: "too_deep" };
    throw error;
  }
}

/** A value to look a record up by: NUL becomes U+FFFD, so it matches nothing instead of failing. */
export const lookupValue = (text: string): string => text.replaceAll("\0", "\ufffd");

/** A value to store: without NUL. */
export const storableText = (text: string): string => text.replaceAll("\0", "");

/** The Allow header a 405 must carry (RFC 9110 §15.5.6): only on a refused method. */
export function allowHeader(methods: string[], outcome: string, request: Request): Record<string, string> {
  return outcome === "malformed" && !methods.includes(request.method) ? { allow: methods.join(", ") } : {};
}
