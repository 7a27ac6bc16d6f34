// Sobot's request and answer formats as zod schemas: CRM docking (PROTOCOLS §1,
// seeds/sobot-crm-docking.txt) and the rule engine's webhook app (§2, seeds/sobot-rule-engine.txt).
// Requests stay loose (Sobot may add fields). Answers are strict: a field the document does not
// define (a value that leaked into an answer) fails the check where the answer is built.
import { z } from "zod";
import { OUTCOMES } from "@/lib/calls/outcomes";
import { storableText } from "@/lib/vendors/input";

// ---- CRM docking ----

/** The body Sobot posts: the AES-encrypted query as hex (its sign and timestamp travel in headers). */
export const crmRequest = z.object({ parameter: z.string() });

/** A query field: text or a number; null or absent counts as not given. */
const field = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v).trim() || undefined));
/** The decrypted query: the doc's sample says partnerId, its prose partnerid. */
export const crmQuery = z.object({ partnerid: field, partnerId: field, tel: field, email: field }).loose();

/** The customer's profile, before it is encrypted: every field a string, as in the doc's sample. */
export const crmProfile = z.strictObject({
  customer_fields: z.string(),
  email: z.string(),
  is_vip: z.enum(["0", "1"]),
  realname: z.string(),
  remark: z.string(),
  tel: z.string(),
  uname: z.string(),
  user_label: z.string(),
  vip_level: z.string(),
});

/** The answer: the encrypted profile as upper-case hex, or "" when nobody matches. */
export const crmAnswer = z.strictObject({ data: z.union([z.literal(""), z.string().regex(/^[0-9A-F]+$/)]) });

/** A refusal (Sobot reads only the status; the body says why, to whoever looks). */
export const crmRefusal = z.strictObject({ error: z.enum(OUTCOMES), message: z.string() });

// ---- the webhook app ----

/**
 * A pushed customer (Sobot's field names). Only the id is required here: every other field is
 * read on its own (lib/vendors/sobot/push.ts), so that one invalid field does not cost the push.
 */
export const webhookRequest = z
  .object({
    id: z
      .union([z.string(), z.number()], { message: "id is required (the Sobot customer id)" })
      .transform((v) => storableText(String(v)).trim())
      .pipe(
        z
          .string()
          .min(1, "id is required (the Sobot customer id)")
          .max(200, "id is longer than 200 characters")
          .refine((v) => !/[\n\r,;，；]/.test(v), "id cannot contain commas, semicolons or line breaks"),
      ),
  })
  .loose();

/** The only answer Sobot reads as success. */
export const webhookAnswer = z.strictObject({ code: z.literal(0), status: z.literal(0) });

/** Anything but success makes Sobot retry; the body says why. */
export const webhookRefusal = z.strictObject({
  code: z.literal(1),
  status: z.literal(1),
  error: z.enum(OUTCOMES),
  message: z.string(),
});
