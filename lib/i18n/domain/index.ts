// The dashboard shows the domain layer's messages (refusals, field errors, results) in the
// user's language. Messages are written once, in English, where the rule is; each area lists its
// Chinese in a file of its own here. A message with no Chinese yet is shown as written.
import type { Locale } from "@/lib/i18n/config";
import type { Phrases } from "./phrase";
import { phrases as common } from "./common";
import { phrases as auth } from "./auth";
import { phrases as customers } from "./customers";
import { phrases as calls } from "./calls";
import { phrases as callDetails } from "./call-details";
import { phrases as integrations } from "./integrations";
import { phrases as sobot } from "./sobot";
import { phrases as lab } from "./lab";
import { phrases as templates } from "./templates";
import { phrases as users } from "./users";
import { phrases as audit } from "./audit";
import { NAME_LIST_PATTERN, NAME_LISTS, translateNames } from "./names";

type Compiled = { pattern: RegExp; names: string[]; zh: string };
const exact = new Map<string, string>();
const patterns: Compiled[] = [];

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
for (const [en, zh] of ([] as Phrases).concat(
  common,
  auth,
  customers,
  calls,
  callDetails,
  integrations,
  sobot,
  lab,
  templates,
  users,
  audit,
)) {
  if (!en.includes("{")) {
    exact.set(en, zh);
    continue;
  }
  const names: string[] = [];
  const source = en
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return literal(part);
      names.push(name);
      if (Object.hasOwn(NAME_LISTS, name)) return NAME_LIST_PATTERN;
      // Possibly empty: a custom field written "=x" has the key "" (Field key "": …).
      return "(.*?)";
    })
    .join("");
  patterns.push({ pattern: new RegExp(`^${source}$`, "s"), names, zh });
}

/** `message` in `locale`: its Chinese when one is listed, else as written. */
export function translateMessage(locale: Locale, message: string, depth = 0): string {
  if (locale === "en") return message;
  const found = exact.get(message);
  if (found !== undefined) return found;
  for (const { pattern, names, zh } of patterns) {
    const m = pattern.exec(message);
    if (!m) continue;
    // A message inside a message ("The trigger could not be sent: <why>") is translated too, once.
    const inner = (text: string) => (depth < 1 ? translateMessage(locale, text, depth + 1) : text);
    const value = (name: string, text: string) =>
      Object.hasOwn(NAME_LISTS, name) ? translateNames(NAME_LISTS[name], text) : inner(text);
    return names.reduce((out, name, i) => out.replaceAll(`{${name}}`, value(name, m[i + 1])), zh);
  }
  return message;
}

/** Field errors (field → messages) in `locale`. */
export function translateFieldErrors(
  locale: Locale,
  errors: Record<string, string[]> | undefined,
): Record<string, string[]> | undefined {
  if (!errors || locale === "en") return errors;
  return Object.fromEntries(
    Object.entries(errors).map(([k, list]) => [k, list.map((m) => translateMessage(locale, m))]),
  );
}
