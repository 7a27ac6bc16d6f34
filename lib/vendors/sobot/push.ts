// Reading a Sobot webhook push field by field (PROTOCOLS §2, seeds/sobot-rule-engine.txt). Sobot
// retries a push that is not answered with success and drops it after three tries, so one bad
// field must not cost the others: each field is checked on its own against the limits a customer
// has, and an invalid one is left out with the reason, for the call's detail.
import { z } from "zod";
import { email as emailSchema, FIELD_KEY, LIMITS, phone as phoneSchema } from "@/lib/customers/schemas";
import { storableText } from "@/lib/vendors/input";
import type { Dictionary, EntryType } from "@/lib/vendors/sobot/dictionary";

/** A push as Deskbridge applies it: every value checked; lists split. */
export type SobotPush = {
  id: string;
  /** Sobot's company id: whose tag, level and field ids these are. */
  pid: string;
  nick: string;
  uname: string;
  emails: string[];
  phones: string[];
  qq: string;
  remark: string;
  isVip: boolean | null;
  /** Sobot's VIP level id (or a name, as in the rule-engine doc's example). */
  vipLevel: string;
  /** Sobot's tag ids. */
  labels: string[];
  face: string;
  /** Custom fields keyed by Sobot's field ids. */
  exFields: Record<string, string>;
};

export type LeftOut = string[];

const split = (value: string, separator: RegExp) =>
  value
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);

const quote = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);

/** Text of a scalar value; null/absent is "", anything else is left out. */
function scalar(json: Record<string, unknown>, name: string, leftOut: LeftOut): string {
  const value = json[name];
  if (value === undefined || value === null) return "";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return storableText(String(value)).trim();
  leftOut.push(`${name} (${Array.isArray(value) ? "a list" : "an object"}, not text)`);
  return "";
}

/** Text at most `max` characters long, else left out. */
function bounded(json: Record<string, unknown>, name: string, max: number, leftOut: LeftOut): string {
  const value = scalar(json, name, leftOut);
  // Characters as the customer schema counts them (code points).
  const length = [...value].length;
  if (length <= max) return value;
  leftOut.push(`${name} (${length} characters; at most ${max})`);
  return "";
}

function each<T>(values: string[], what: string, schema: z.ZodType<T>, leftOut: LeftOut): T[] {
  const kept: T[] = [];
  for (const value of values) {
    const parsed = schema.safeParse(value);
    if (parsed.success) kept.push(parsed.data);
    else leftOut.push(`${what} ${quote(value)} (${parsed.error.issues[0]?.message ?? "invalid"})`);
  }
  return kept;
}

const label = z
  .string()
  .max(LIMITS.labelLength, `longer than ${LIMITS.labelLength} characters`)
  .refine((v) => !/[\n\r,;，；]/.test(v), "contains a separator");

/** A custom-field value: one line (line breaks become spaces), at most the value limit. */
function fieldValue(name: string, value: unknown, leftOut: LeftOut): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
    leftOut.push(`${name} (${Array.isArray(value) ? "a list" : "an object"}, not text)`);
    return null;
  }
  const text = storableText(String(value)).replace(/[\r\n]+/g, " ");
  if ([...text].length > LIMITS.fieldValueLength) {
    leftOut.push(`${name} (${[...text].length} characters; at most ${LIMITS.fieldValueLength})`);
    return null;
  }
  return text;
}

function exFields(json: Record<string, unknown>, leftOut: LeftOut): Record<string, string> {
  const value = json.ex_fields;
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    leftOut.push("ex_fields (not an object)");
    return {};
  }
  // Entries, not assignments: a "__proto__" key stays a plain field.
  const out: [string, string][] = [];
  for (const [rawKey, raw] of Object.entries(value)) {
    const key = rawKey.trim();
    const name = `ex_fields.${key.length > 64 ? `${key.slice(0, 64)}…` : key}`;
    if (!FIELD_KEY.test(key)) {
      leftOut.push(`${name} (a field id of letters, digits, _ . - only, at most 64)`);
      continue;
    }
    const text = fieldValue(name, raw, leftOut);
    if (text !== null) out.push([key, text]);
  }
  return Object.fromEntries(out);
}

function vip(json: Record<string, unknown>, leftOut: LeftOut): boolean | null {
  const value = scalar(json, "is_vip", leftOut);
  if (value === "") return null;
  if (value === "1" || value === "true") return true;
  if (value === "0" || value === "false") return false;
  leftOut.push(`is_vip ${quote(value)} (0 or 1)`);
  return null;
}

/** The push's values Deskbridge can keep, and what it leaves out and why. */
export function readPush(id: string, json: Record<string, unknown>): { push: SobotPush; leftOut: LeftOut } {
  const leftOut: LeftOut = [];
  const oneLine = (name: string) => fieldValue(name, scalar(json, name, leftOut), leftOut) ?? "";
  const push: SobotPush = {
    id,
    pid: oneLine("pid"),
    nick: bounded(json, "nick", LIMITS.nameLength, leftOut),
    uname: bounded(json, "uname", LIMITS.nameLength, leftOut),
    emails: each(split(scalar(json, "email", leftOut), /[;；]/), "email", emailSchema, leftOut),
    phones: each(split(scalar(json, "tel", leftOut), /[;；]/), "tel", phoneSchema, leftOut),
    qq: oneLine("qq"),
    remark: bounded(json, "remark", LIMITS.remarkLength, leftOut),
    isVip: vip(json, leftOut),
    vipLevel: bounded(json, "vip_level", LIMITS.vipLevelLength, leftOut),
    labels: each(split(scalar(json, "user_label", leftOut), /[,，]/), "user_label", label, leftOut),
    face: oneLine("face"),
    exFields: exFields(json, leftOut),
  };
  return { push, leftOut };
}

/** "a; b; and 3 more": a long list stays readable in the log. */
export function listed(items: string[], max = 20): string {
  const shown = items.slice(0, max).join("; ");
  return items.length > max ? `${shown}; and ${items.length - max} more` : shown;
}

export type PushNames = { labels: string[]; vipLevel: string; fields: Record<string, string> };

/**
 * The push's Sobot ids as the company's dictionary names them; an id it does not know is kept as
 * it came, and returned in `unknown` so that it can be listed for naming.
 */
export function namePush(
  push: SobotPush,
  dictionary: Dictionary,
): { names: PushNames; unknown: { type: EntryType; id: string }[] } {
  const unknown: { type: EntryType; id: string }[] = [];
  const name = (type: EntryType, id: string) => {
    const known = dictionary.byId[type].get(id);
    if (known) return known;
    if (known === undefined && dictionary.companyId) unknown.push({ type, id });
    return id;
  };
  return {
    names: {
      labels: push.labels.map((id) => name("label", id)),
      vipLevel: push.vipLevel ? name("vipLevel", push.vipLevel) : "",
      fields: Object.fromEntries(Object.entries(push.exFields).map(([id, value]) => [name("field", id), value])),
    },
    unknown,
  };
}
