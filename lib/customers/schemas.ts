// Zod schemas for customers and orders: one place for every front door (forms, CLI, callbacks).
import { z } from "zod";
import { phoneRows } from "@/lib/phones/normalize";

export const EXTERNAL_ID_KINDS = [
  "sobot-partner",
  "sobot-customer",
  "hyphenate-visitor",
  "udesk-customer",
  // A WeChat openid: Udesk sends it as extra.weChatOpenId, Hyphenate as visitorImId on WeChat.
  "wechat-openid",
] as const;
export type ExternalIdKind = (typeof EXTERNAL_ID_KINDS)[number];
export const externalIdKind = z.enum(EXTERNAL_ID_KINDS, {
  message: `kind must be one of ${EXTERNAL_ID_KINDS.join(", ")}`,
});

export const ORDER_STATUSES = [
  "pending",
  "paid",
  "shipped",
  "delivered",
  "completed",
  "cancelled",
  "refunded",
] as const;

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);

/**
 * Phone numbers are kept as written (spaces collapsed) and shown that way; beside each, storage keeps
 * its normal form (lib/phones), which every lookup and search compares, however either was written.
 */
export const phone = z
  .string()
  // Full-width digits, brackets and dashes (０１３８－…, （０１０）) are what a Chinese input method
  // types: kept in their ASCII form.
  .transform((v) => v.normalize("NFKC").trim())
  .refine(
    (v) => /^\+?[0-9(][0-9 ()\-.]{2,30}$/.test(v) && v.replace(/\D/g, "").length >= 3,
    "Not a phone number (digits, optionally + ( ) - and spaces)",
  )
  .transform((v) => v.replace(/\s+/g, " "));

/** Values the forms edit as comma-separated lists cannot hold the separators themselves. */
const listItem = (max: number, what: string) =>
  text(max)
    .min(1, `${what} cannot be empty`)
    .refine((v) => !/[\n\r,;，；]/.test(v), `${what} cannot contain commas, semicolons or line breaks`);

export const FIELD_KEY = /^[A-Za-z0-9_.\-\u4e00-\u9fff]{1,64}$/;

/** What one customer may hold: no front door (a vendor push least of all) grows it past these. */
export const LIMITS = {
  nameLength: 100,
  remarkLength: 2000,
  vipLevelLength: 50,
  labelLength: 50,
  labels: 50,
  emails: 20,
  phones: 20,
  customFields: 100,
  fieldValueLength: 1000,
} as const;

// Internationalised addresses (RFC 6531, IDNA): a mailbox name in Chinese (张三@example.com), a
// domain in Chinese (例子.中国) or its ASCII form (xn--fsqu00a.xn--fiqs8s). zod's own pattern takes
// ASCII letters only, and refused even the ASCII form of a Chinese top-level domain.
const ATOM = "[\\p{L}\\p{M}\\p{N}_'+\\-]+";
const LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{M}\\p{N}\\-]*[\\p{L}\\p{M}\\p{N}])?";
const TLD = "(?:\\p{L}[\\p{L}\\p{M}]+|xn--[a-z0-9\\-]+)";
export const EMAIL_PATTERN = new RegExp(`^${ATOM}(?:\\.${ATOM})*@(?:${LABEL}\\.)+${TLD}$`, "iu");

export const email = z
  .string()
  .trim()
  .max(254)
  // Typed with a Chinese input method: full-width ＠ and ． (NFKC), and the ideographic 。 that
  // IDNA reads as a dot.
  .transform((v) => v.normalize("NFKC").replaceAll("\u3002", "."))
  .pipe(z.email({ pattern: EMAIL_PATTERN, message: "Not an email address" }))
  .transform((v) => v.toLowerCase());

const unique = <T>(items: T[]) => [...new Set(items)];

export const customerInput = z
  .object({
    uname: text(LIMITS.nameLength).default(""),
    realname: text(LIMITS.nameLength).default(""),
    emails: z.array(email).max(LIMITS.emails, `At most ${LIMITS.emails} emails`).default([]).transform(unique),
    phones: z
      .array(phone)
      .max(LIMITS.phones, `At most ${LIMITS.phones} phones`)
      .default([])
      .transform((phones) => phoneRows(phones).map((r) => r.phone)),
    remark: text(LIMITS.remarkLength).default(""),
    isVip: z.boolean().default(false),
    vipLevel: text(LIMITS.vipLevelLength).default(""),
    labels: z
      .array(listItem(LIMITS.labelLength, "A label"))
      .max(LIMITS.labels, `At most ${LIMITS.labels} labels`)
      .default([])
      .transform(unique),
    // Keys are checked below, so the message can name the bad key.
    customFields: z
      .record(
        z.string().trim(),
        text(LIMITS.fieldValueLength).refine(
          (v) => !/[\n\r]/.test(v),
          "A custom field value cannot contain line breaks",
        ),
      )
      .refine(
        (fields) => Object.keys(fields).length <= LIMITS.customFields,
        `At most ${LIMITS.customFields} custom fields`,
      )
      .default({}),
    externalIds: z
      .array(z.object({ kind: externalIdKind, value: listItem(200, "An external id") }))
      .max(40)
      .default([]),
  })
  .superRefine((c, ctx) => {
    if (!c.uname && !c.realname) {
      ctx.addIssue({ code: "custom", path: ["uname"], message: "Give a nickname or a real name" });
    }
    for (const key of Object.keys(c.customFields)) {
      if (!FIELD_KEY.test(key)) {
        ctx.addIssue({
          code: "custom",
          path: ["customFields", key],
          message: `Field key "${key}": letters, digits, _ . - only (at most 64)`,
        });
      }
    }
    const seen = new Set<string>();
    c.externalIds.forEach((x, i) => {
      const key = `${x.kind}\u0000${x.value}`;
      if (seen.has(key))
        ctx.addIssue({ code: "custom", path: ["externalIds", i], message: `${x.kind} ${x.value} is listed twice` });
      seen.add(key);
    });
  });
export type CustomerInput = z.input<typeof customerInput>;
export type CustomerData = z.output<typeof customerInput>;

/** "199", "199.5", "199.50" → 19950 cents. */
export const money = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, "An amount like 199 or 199.00"))
  .transform((v) => Math.round(Number(v) * 100))
  // Stored as a 32-bit integer of cents on every database.
  .refine((cents) => cents <= 2_147_483_647, "At most 21474836.47");

const dateTime = z.preprocess(
  (v) => (v === null || v === "" ? undefined : v),
  z.coerce.date({ message: "Not a date and time" }).refine((d) => !Number.isNaN(d.getTime()), "Not a date and time"),
);

export const shipmentInput = z.object({
  time: dateTime,
  status: text(50).min(1, "A shipment event needs a status"),
  text: text(500).default(""),
});

export const orderInput = z.object({
  orderNo: z
    .string()
    .trim()
    .min(1, "An order number is required")
    .max(64, "At most 64 characters")
    .regex(/^[A-Za-z0-9_\-./#]+$/, "Letters, digits and - _ . / # only"),
  title: text(200).min(1, "A title is required"),
  imageUrl: z
    .string()
    .trim()
    .max(2000)
    .refine((v) => v === "" || /^https?:\/\/[^\s]+$/.test(v), "An http(s) URL, or empty")
    .default(""),
  amountCents: money,
  quantity: z.coerce.number({ message: "A whole number" }).int("A whole number").min(1, "At least 1").max(1_000_000),
  status: z.enum(ORDER_STATUSES, { message: `One of ${ORDER_STATUSES.join(", ")}` }),
  createdAt: dateTime.default(() => new Date()),
  shipments: z.array(shipmentInput).max(100).default([]),
});
export type OrderInput = z.input<typeof orderInput>;
export type OrderData = z.output<typeof orderInput>;

export const SORTS = ["updated", "created", "uname", "realname", "id"] as const;

export const listQuery = z.object({
  q: z.string().trim().max(200).catch(""),
  sort: z.enum(SORTS).catch("updated"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  vip: z.enum(["yes", "no", ""]).catch(""),
  label: z.string().trim().max(50).catch(""),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
  per: z.coerce.number().int().min(1).max(200).catch(25),
});
export type ListQuery = z.output<typeof listQuery>;
