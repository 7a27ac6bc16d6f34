// The vendor kinds an integration can be, with their settings, secrets and callback URLs.
// Adding a vendor kind means adding an entry here and its folder under lib/vendors.
import { z } from "zod";
import { EXTERNAL_ID_KINDS } from "@/lib/customers/schemas";

export type SettingField = {
  name: string;
  label: string;
  hint?: string;
  type?: "text" | "number" | "checkbox" | "list" | "select";
  options?: string[];
  cliFlag?: string;
};
export type SecretSpec = {
  name: string;
  label: string;
  hint?: string;
  /** CLI flag, e.g. "secret" for --secret */
  flag: string;
  /** An optional secret may stay unset (e.g. Hyphenate's encryption key). */
  optional?: boolean;
  minLength?: number;
};

export type VendorKind = {
  vendor: string;
  label: string;
  description: string;
  settings: z.ZodType<Record<string, unknown>>;
  settingFields: SettingField[];
  secrets: SecretSpec[];
  /** Secrets that come and go with the settings (e.g. one per Sobot trigger). */
  extraSecrets?: (settings: Record<string, unknown>) => SecretSpec[];
  endpoints: (slug: string) => Record<string, string>;
};

const tolerance = z.coerce
  .number({ message: "A number of seconds" })
  .int("A whole number of seconds")
  .min(0, "0 (off) or more")
  .max(86_400, "At most 86400 seconds")
  .default(300);

/** Off by default: a copy of a lookup is answered and logged as a duplicate; on, it is refused (409). */
const refuseDuplicates = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => (typeof v === "boolean" ? v : ["on", "yes", "true", "1"].includes((v ?? "").trim().toLowerCase())));
const refuseDuplicatesField: SettingField = {
  name: "refuseDuplicates",
  label: "Refuse duplicates",
  type: "checkbox",
  hint:
    "Off: a call that repeats one already answered (a vendor's retry) is answered again and logged as a " +
    "duplicate. On: it is refused with 409.",
  cliFlag: "refuse-duplicates",
};

export const KINDS: Record<string, VendorKind> = {
  "sobot-crm": {
    vendor: "sobot-crm",
    label: "Sobot CRM docking",
    description: "Sobot asks for a customer's profile by partner id, phone or email when a conversation starts.",
    settings: z.object({
      companyId: z.string().trim().min(1, "The company id is required").max(64, "At most 64 characters"),
      timestampTolerance: tolerance,
      refuseDuplicates,
    }),
    settingFields: [
      { name: "companyId", label: "Company id", hint: "The companyId Sobot puts first in the signed string." },
      {
        name: "timestampTolerance",
        label: "Timestamp tolerance (seconds)",
        hint: "Calls whose timestamp is further off are refused; 0 turns the check off.",
        type: "number",
      },
      refuseDuplicatesField,
    ],
    secrets: [
      {
        name: "secretKey",
        label: "Secret key",
        hint: "The encryption key configured in Sobot's docking scheme.",
        flag: "secret",
      },
    ],
    endpoints: (slug) => ({ crm: `/api/callbacks/sobot/crm/${slug}` }),
  },
};

/** "yes"/"on"/"true"/"1" and booleans → boolean, for form, CLI and JSON alike. */
const flag = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => (typeof v === "boolean" ? v : ["on", "yes", "true", "1"].includes((v ?? "").trim().toLowerCase())));

/** An origin such as https://kefu.easemob.com (scheme, host and optional port; no path). */
const origin = z
  .string()
  .trim()
  .regex(
    /^https?:\/\/(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?$/,
    "An origin such as https://kefu.easemob.com (no path, no trailing slash)",
  );

const originList = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .transform((v) => (Array.isArray(v) ? v : (v ?? "").split(/[\s,]+/)).map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(origin).max(20, "At most 20 origins"));

/** What the Hyphenate panel's match parameter can be: an external id of a kind, a phone or an email. */
export const PANEL_MATCH_KINDS = [...EXTERNAL_ID_KINDS, "phone", "email"] as const;
export type PanelMatchKind = (typeof PANEL_MATCH_KINDS)[number];

KINDS.hyphenate = {
  vendor: "hyphenate",
  label: "Hyphenate CRM panel",
  description:
    "The Hyphenate (Easemob) agent console frames this page beside each conversation and shows the customer.",
  settings: z.object({
    encryptSystemParams: flag,
    matchParam: z
      .string()
      .optional()
      .transform((v) => v?.trim() || "visitorImId")
      .pipe(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "A parameter name such as visitorImId or customUserId")),
    matchKind: z
      .union([z.enum(PANEL_MATCH_KINDS, { message: `One of ${PANEL_MATCH_KINDS.join(", ")}` }), z.literal("")])
      .optional()
      .transform((v) => v || "hyphenate-visitor"),
    frameAncestors: originList,
    refuseDuplicates,
  }),
  settingFields: [
    {
      name: "matchParam",
      label: "Parameter that identifies the customer",
      hint: "visitorImId by default; e.g. customUserId for a custom parameter.",
      cliFlag: "match",
    },
    {
      name: "matchKind",
      label: "…as external id kind",
      hint:
        "An external id kind (hyphenate-visitor, wechat-openid, sobot-partner, sobot-customer, udesk-customer), " +
        "or phone (any writing of the number) or email.",
      cliFlag: "match",
    },
    {
      name: "encryptSystemParams",
      label: "System parameters are encrypted too",
      type: "checkbox",
      hint: 'Tick when the console\'s "also encrypt system parameters" is on.',
      cliFlag: "encrypt-system-params",
    },
    {
      name: "frameAncestors",
      label: "Origins allowed to frame the panel",
      type: "list",
      hint: "One per line: the agent console's origin, e.g. https://kefu.easemob.com. Empty: no site may frame it.",
      cliFlag: "frame-ancestor",
    },
    refuseDuplicatesField,
  ],
  secrets: [
    {
      name: "key",
      label: "Encryption key",
      hint:
        "Optional: the key set in the console's CRM settings (more than 8 characters). " +
        "Without it, the URL's secret segment is the only protection.",
      flag: "key",
      optional: true,
      minLength: 9,
    },
  ],
  endpoints: (slug) => ({ iframe: `/hyphenate/${slug}` }),
};

KINDS["sobot-webhook"] = {
  vendor: "sobot-webhook",
  label: "Sobot webhook app",
  description: "Sobot's rule engine pushes customers here; Deskbridge creates or merges them.",
  settings: z.object({
    authMode: z
      .enum(["none", "header", "basic", ""], { message: "none, header or basic" })
      .optional()
      .transform((v) => v || "none"),
    headerName: z
      .string()
      .optional()
      .transform((v) => v?.trim().toLowerCase() || "x-deskbridge-token")
      .pipe(z.string().regex(/^[a-z0-9-]{1,64}$/, "A header name: letters, digits and dashes")),
    basicUser: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((v) => v ?? ""),
    mergeByContact: flag,
  }),
  settingFields: [
    {
      name: "authMode",
      label: "Also require",
      type: "select",
      options: ["none", "header", "basic"],
      hint:
        "The URL's secret segment always authenticates. header: a shared header value; " +
        "basic: HTTP Basic credentials (set in Sobot's webhook app).",
    },
    { name: "headerName", label: "Header name (header mode)", hint: "e.g. x-deskbridge-token" },
    { name: "basicUser", label: "Basic user name (basic mode)" },
    {
      name: "mergeByContact",
      label: "Merge into a customer found by email or phone",
      type: "checkbox",
      hint: "When no customer has the Sobot customer id yet.",
    },
  ],
  secrets: [
    {
      name: "sharedSecret",
      label: "Shared secret",
      hint: "The header value or the Basic password, when required.",
      flag: "shared-secret",
      optional: true,
      minLength: 16,
    },
  ],
  endpoints: (slug) => ({ webhook: `/api/callbacks/sobot/webhook/${slug}` }),
};

export type SobotTrigger = { name: string; triggerId: string };
export const triggerSecretName = (name: string) => `trigger:${name}`;

KINDS["sobot-api"] = {
  vendor: "sobot-api",
  label: "Sobot open API (rule triggers)",
  description: "Deskbridge calls Sobot: a cached token for the open platform, and the rule engine's webhook triggers.",
  settings: z.object({
    baseUrl: z
      .string()
      .optional()
      .transform((v) => (v?.trim() || "https://sg.sobot.io").replace(/\/+$/, ""))
      .pipe(
        z.url({ message: "A URL such as https://sg.sobot.io" }).refine((u) => /^https?:\/\//.test(u), "An http(s) URL"),
      ),
    appid: z.string().trim().min(1, "The appid is required").max(100),
    triggers: z
      .array(
        z.object({
          name: z
            .string()
            .trim()
            .regex(/^[A-Za-z0-9_.\-\u4e00-\u9fff]{1,50}$/, "A trigger name: letters, digits, _ . - (at most 50)"),
          triggerId: z
            .string()
            .trim()
            .regex(/^[A-Za-z0-9_-]{1,64}$/, "A trigger-id of letters and digits"),
        }),
      )
      .max(50)
      .optional()
      .transform((v) => v ?? []),
  }),
  settingFields: [
    {
      name: "baseUrl",
      label: "Base URL",
      hint:
        "The Sobot host of your region, e.g. https://sg.sobot.io (default), " +
        "https://www.sobot.com or https://www.soboten.com.",
    },
    { name: "appid", label: "appid", hint: "The open-platform credential id from Sobot." },
  ],
  secrets: [{ name: "appKey", label: "app_key", hint: "The open platform's private key.", flag: "app-key" }],
  extraSecrets: (settings) =>
    ((settings.triggers as SobotTrigger[] | undefined) ?? []).map((t) => ({
      name: triggerSecretName(t.name),
      label: `Trigger ${t.name} secret`,
      flag: "trigger-secret",
    })),
  endpoints: () => ({}),
};

KINDS.udesk = {
  vendor: "udesk",
  label: "Udesk robot webhooks",
  description:
    "Udesk's chat robot asks for answers: message-triggered text, task-push card templates, knowledge-base entries.",
  settings: z.object({
    // Not trimmed: Udesk signs the name exactly as configured there.
    integrationName: z
      .string()
      .max(100)
      .refine((v) => v.trim().length > 0, "The integration name as configured in Udesk is required"),
    timestampTolerance: tolerance,
    defaultAnswer: z
      .string()
      .max(5000)
      .optional()
      .transform((v) => v ?? ""),
    knowledgeFallback: z
      .string()
      .max(5000)
      .optional()
      .transform((v) => v ?? ""),
    refuseDuplicates,
  }),
  settingFields: [
    {
      name: "integrationName",
      label: "Integration name in Udesk",
      hint: "Exactly as configured in Udesk's webhook (e.g. 对接一): it is part of the signed string.",
      cliFlag: "integration-name",
    },
    {
      name: "timestampTolerance",
      label: "Timestamp tolerance (seconds)",
      hint: "0 turns the check off.",
      type: "number",
    },
    {
      name: "defaultAnswer",
      label: "Default answer (message-triggered)",
      hint: "When no rule matches. Templates: {{question}}, {{customer.uname}}, {{order.title}}.",
    },
    {
      name: "knowledgeFallback",
      label: "Knowledge-base fallback",
      hint: "When no entry matches; empty answers resCode -1.",
    },
    refuseDuplicatesField,
  ],
  secrets: [{ name: "key", label: "Key", hint: "The key configured in Udesk's webhook.", flag: "key" }],
  endpoints: (slug) => ({
    message: `/api/callbacks/udesk/message/${slug}`,
    task: `/api/callbacks/udesk/task/${slug}`,
    knowledge: `/api/callbacks/udesk/knowledge/${slug}`,
  }),
};

export const VENDORS = Object.keys(KINDS);

export function kindOf(vendor: string): VendorKind | undefined {
  return Object.hasOwn(KINDS, vendor) ? KINDS[vendor] : undefined;
}
