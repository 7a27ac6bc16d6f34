// POST /api/callbacks/sobot/crm/{slug} – Sobot CRM docking: Sobot asks for a customer's profile.
//
// Answers (documented in the README):
//   200 {"data":"<AES hex>"}   the customer's profile          outcome ok
//   200 {"data":""}            nobody matches                  outcome not_found
//   400 {"error","message"}    missing headers, not JSON, no parameter, no query field (malformed),
//                              a parameter that does not decrypt (decrypt_failed)
//   401 {"error","message"}    wrong sign (bad_signature), timestamp outside the tolerance (stale_timestamp)
//
// The vendor's Java sample passes a parameter shorter than 19 characters through undecrypted.
// Deskbridge accepts such a short parameter only when it is a JSON object and the sign over it
// verifies, and says so in the log.
import { z } from "zod";
import { CallbackRefusal, type CallbackDefinition, type HandlerContext } from "@/lib/callbacks/types";
import { constantTimeEqual } from "@/lib/callbacks/verify";
import { checkTimestamp } from "@/lib/callbacks/timestamp";
import type { CustomerView } from "@/lib/customers/customers";
import { findByEmail, findByExternalId, findByPhone } from "@/lib/customers/lookup";
import { CipherTextError, decrypt, encrypt, sign, SHORT_PLAINTEXT_LIMIT } from "@/lib/vendors/sobot/codec";

const body = z.object({ parameter: z.string() });
/** A query field: text or a number; null or absent counts as not given. */
const field = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v).trim() || undefined));
const query = z.object({ partnerid: field, partnerId: field, tel: field, email: field }).loose();

const isPlainObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);

/** The profile in the vendor's field names, keys in alphabetical order like its own sample. */
export function sobotProfile(c: CustomerView): string {
  const profile = {
    customer_fields: JSON.stringify(c.customFields),
    email: c.emails[0] ?? "",
    is_vip: c.isVip ? "1" : "0",
    realname: c.realname,
    remark: c.remark,
    tel: c.phones[0] ?? "",
    uname: c.uname,
    user_label: c.labels.join(","),
    vip_level: c.vipLevel,
  };
  return JSON.stringify(profile);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function handle({ client, request, body: raw, integration, now, acceptOnce }: HandlerContext) {
  const companyId = String(integration.settings.companyId ?? "");
  const timestamp = request.headers.get("timestamp")?.trim() ?? "";
  const received = request.headers.get("sign")?.trim() ?? "";
  if (!timestamp || !received) {
    throw new CallbackRefusal("malformed", 400, "The timestamp and sign headers are required.", `missing header(s): ${[!timestamp && "timestamp", !received && "sign"].filter(Boolean).join(", ")}`);
  }
  const parsedBody = body.safeParse(parseJson(raw.toString("utf8")));
  if (!parsedBody.success) throw new CallbackRefusal("malformed", 400, 'The body must be JSON like {"parameter": "<hex>"}.', "the body is not JSON with a string parameter");
  const parameter = parsedBody.data.parameter;

  const keys = integration.keys.secretKey ?? [];
  const key = keys.find((k) => constantTimeEqual(sign(companyId, timestamp, k.value, parameter), received.toLowerCase()));
  if (!key) {
    throw new CallbackRefusal(
      "bad_signature",
      401,
      "The sign does not match.",
      `sign ${received.slice(0, 64)} does not match md5(companyId + timestamp + secretKey + parameter) with companyId "${companyId}" and ${keys.length === 2 ? "the current or the previous key" : "the current key"}`,
    );
  }
  checkTimestamp(timestamp, Number(integration.settings.timestampTolerance ?? 300), now, key);
  // The sign covers the whole call (company, timestamp, parameter): it identifies the call.
  await acceptOnce({ sign: received, timestamp }, key);

  let plaintext: string;
  let detailNote = "";
  if (parameter.trim().length < SHORT_PLAINTEXT_LIMIT && isPlainObject(parseJson(parameter))) {
    plaintext = parameter;
    detailNote = " (short parameter taken as plaintext, like the vendor's sample)";
  } else {
    try {
      plaintext = decrypt(parameter, key.value);
    } catch (error) {
      if (!(error instanceof CipherTextError)) throw error;
      throw new CallbackRefusal("decrypt_failed", 400, "The parameter does not decrypt.", `parameter: ${error.message}`, { key });
    }
  }
  const json = parseJson(plaintext);
  if (json === undefined && !detailNote) {
    // ECB decrypts a tampered block to noise while the padding still checks out.
    throw new CallbackRefusal("decrypt_failed", 400, "The parameter does not decrypt.", "the parameter decrypts to bytes that are not JSON: tampered, or encrypted with another key", { key });
  }
  const q = query.safeParse(json);
  if (!q.success) throw new CallbackRefusal("malformed", 400, "The decrypted parameter is not a JSON object.", "the decrypted parameter is not a JSON object", { key, decryptedRequest: plaintext });
  const partner = q.data.partnerId ?? q.data.partnerid ?? "";
  const tel = q.data.tel ?? "";
  const email = q.data.email ?? "";
  if (!partner && !tel && !email) {
    throw new CallbackRefusal("malformed", 400, "The query needs partnerid, tel or email.", "the query has none of partnerid/partnerId, tel, email", { key, decryptedRequest: plaintext });
  }

  const customer =
    (partner && (await findByExternalId(client, "sobot-partner", partner))) ||
    (tel && (await findByPhone(client, tel))) ||
    (email && (await findByEmail(client, email))) ||
    null;
  if (!customer) {
    return { status: 200, body: { data: "" }, outcome: "not_found" as const, detail: `no customer matches partner id "${partner}", tel "${tel}" or email "${email}"${detailNote}`, decryptedRequest: plaintext, key };
  }
  const profile = sobotProfile(customer);
  const matchedBy = partner && customer.externalIds.some((x) => x.kind === "sobot-partner" && x.value === partner) ? "partner id" : tel && customer.phones.includes(tel.replace(/[^0-9+]/g, "")) ? "phone" : "email";
  return {
    status: 200,
    body: { data: encrypt(profile, key.value) },
    outcome: "ok" as const,
    detail: `customer #${customer.id} found by ${matchedBy}${key.state === "previous" ? "; verified with the previous key" : ""}${detailNote}`,
    decryptedRequest: plaintext,
    decryptedResponse: profile,
    customerId: customer.id,
    key,
  };
}

export const sobotCrm: CallbackDefinition = { vendor: "sobot-crm", kind: "crm", methods: ["POST"], handle };
