// POST /api/callbacks/sobot/crm/{slug} – Sobot CRM docking: Sobot asks for a customer's profile.
//
// Answers (documented in the README):
//   200 {"data":"<AES hex>"}   the customer's profile          outcome ok
//   200 {"data":""}            nobody matches                  outcome not_found
//   400 {"error","message"}    missing headers, not JSON (or nested too deeply), no parameter, a
//                              decrypted query that is not a JSON object or has no usable field
//                              (malformed), a parameter that does not decrypt (decrypt_failed)
//   401 {"error","message"}    wrong sign (bad_signature), timestamp outside the tolerance (stale_timestamp)
//
// The vendor's Java sample passes a parameter shorter than 19 characters through undecrypted.
// Deskbridge accepts such a short parameter only when it is a JSON object and the sign over it
// verifies, and says so in the log.
import { defineCallback } from "@/lib/callbacks/define";
import { CallbackRefusal, type HandlerContext, type HandlerResult } from "@/lib/callbacks/types";
import { bodyTooDeep, type RequestSchema, type SignOf, type Verified } from "@/lib/callbacks/verified";
import type { OpenedSecret } from "@/lib/integrations/integrations";
import type { CustomerView } from "@/lib/customers/customers";
import { findByEmail, findByExternalId, findByPhone, triedAs } from "@/lib/customers/lookup";
import { samePhone } from "@/lib/phones/normalize";
import { CipherTextError, decrypt, encrypt, sign, SHORT_PLAINTEXT_LIMIT } from "@/lib/vendors/sobot/codec";
import { allowHeader, lookupValue, MAX_JSON_DEPTH, parseVendorJson, type ParsedJson } from "@/lib/vendors/input";
import { crmAnswer, crmProfile, crmQuery, crmRequest } from "@/lib/vendors/sobot/schemas";
import { type Dictionary, type EntryType, loadDictionary } from "@/lib/vendors/sobot/dictionary";
import { listed } from "@/lib/vendors/sobot/push";

const isPlainObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The profile in the vendor's field names, keys in alphabetical order like its own sample. Tags,
 * the VIP level and custom fields travel as the company's Sobot ids (its dictionary): a value
 * without an id is left out, and named in `leftOut`.
 */
export function sobotProfile(c: CustomerView, dictionary: Dictionary): { profile: string; leftOut: string[] } {
  const leftOut: string[] = [];
  const idOf = (type: EntryType, value: string) =>
    dictionary.byName[type].get(value) ?? (dictionary.byId[type].get(value) === null ? value : undefined);
  const labels = c.labels.flatMap((label) => {
    const id = idOf("label", label);
    if (id === undefined) leftOut.push(`label ${JSON.stringify(label)}`);
    return id === undefined ? [] : [id];
  });
  const level = c.vipLevel ? idOf("vipLevel", c.vipLevel) : "";
  if (level === undefined) leftOut.push(`VIP level ${JSON.stringify(c.vipLevel)}`);
  const fields = Object.entries(c.customFields).flatMap(([key, value]) => {
    const id = idOf("field", key);
    if (id === undefined) leftOut.push(`custom field ${JSON.stringify(key)}`);
    return id === undefined ? [] : [[id, value] as const];
  });
  const profile = {
    customer_fields: JSON.stringify(Object.fromEntries(fields)),
    email: c.emails[0] ?? "",
    is_vip: c.isVip ? "1" : "0",
    realname: c.realname,
    remark: c.remark,
    tel: c.phones[0] ?? "",
    uname: c.uname,
    user_label: labels.join(","),
    vip_level: level ?? "",
  };
  // Checked as built: a field the doc does not define never reaches Sobot.
  crmProfile.parse(profile);
  return { profile: JSON.stringify(profile), leftOut };
}

/** Decrypted bytes that read as text (no replacement character, no control character but white space). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this check's purpose
const isText = (text: string) => !/[\ufffd\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
const TOO_DEEP = `nested more than ${MAX_JSON_DEPTH} levels deep`;
const plainObject = (parsed: ParsedJson) => parsed.ok && isPlainObject(parsed.value);

/** The body Sobot posts; its sign and timestamp travel in headers. */
const request: RequestSchema<{ parameter: string }> = {
  headers: ["timestamp", "sign"],
  body: crmRequest,
  refuse: (problem) =>
    problem.reason === "too_deep"
      ? bodyTooDeep()
      : new CallbackRefusal({
          outcome: "malformed",
          publicMessage: 'The body must be JSON like {"parameter": "<hex>"}.',
          detail: "the body is not JSON with a string parameter",
        }),
};

/** sign = md5(companyId + timestamp + secretKey + parameter): it covers the whole call. */
const signOf: SignOf<{ parameter: string }> = ({ data, headers }, { integration }) => {
  const companyId = String(integration.settings.companyId ?? "");
  return {
    secret: "secretKey",
    received: headers.sign,
    timestamp: headers.timestamp,
    expected: (secretKey) => sign(companyId, headers.timestamp, secretKey, data.parameter),
    formula: `md5(companyId + timestamp + secretKey + parameter) with companyId "${companyId}"`,
  };
};

async function handle(
  { client, integration }: HandlerContext,
  { data, key }: Verified<{ parameter: string }, OpenedSecret>,
): Promise<HandlerResult> {
  const parameter = data.parameter;
  let plaintext: string;
  let detailNote = "";
  if (parameter.trim().length < SHORT_PLAINTEXT_LIMIT && plainObject(parseVendorJson(parameter))) {
    plaintext = parameter;
    detailNote = " (short parameter taken as plaintext, like the vendor's sample)";
  } else {
    try {
      plaintext = decrypt(parameter, key.value);
    } catch (error) {
      if (!(error instanceof CipherTextError)) throw error;
      throw new CallbackRefusal({
        outcome: "decrypt_failed",
        publicMessage: "The parameter does not decrypt.",
        detail: `parameter: ${error.message}`,
        key,
      });
    }
  }
  const parsed = parseVendorJson(plaintext);
  if (!parsed.ok && parsed.reason === "invalid") {
    // ECB decrypts a tampered block to noise while the padding still checks out; text that is
    // not JSON did decrypt, and is a malformed query.
    if (!isText(plaintext))
      throw new CallbackRefusal({
        outcome: "decrypt_failed",
        publicMessage: "The parameter does not decrypt.",
        detail: "the parameter decrypts to bytes that are not text: tampered, or encrypted with another key",
        key,
      });
    throw new CallbackRefusal({
      outcome: "malformed",
      publicMessage: "The decrypted parameter is not JSON.",
      detail: "the parameter decrypts to text that is not JSON",
      key,
      decryptedRequest: plaintext,
    });
  }
  if (!parsed.ok)
    throw new CallbackRefusal({
      outcome: "malformed",
      publicMessage: `The decrypted parameter is JSON ${TOO_DEEP}.`,
      detail: `the decrypted parameter is JSON ${TOO_DEEP}`,
      key,
    });
  if (!isPlainObject(parsed.value))
    throw new CallbackRefusal({
      outcome: "malformed",
      publicMessage: "The decrypted parameter is not a JSON object.",
      detail: "the decrypted parameter is not a JSON object",
      key,
      decryptedRequest: plaintext,
    });
  const q = crmQuery.safeParse(parsed.value);
  if (!q.success) {
    const problems = q.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new CallbackRefusal({
      outcome: "malformed",
      publicMessage: `The decrypted query is invalid: ${problems}`,
      detail: `invalid query: ${problems}`,
      key,
      decryptedRequest: plaintext,
    });
  }
  const partner = q.data.partnerId ?? q.data.partnerid ?? "";
  const tel = q.data.tel ?? "";
  const email = q.data.email ?? "";
  if (!partner && !tel && !email) {
    throw new CallbackRefusal({
      outcome: "malformed",
      publicMessage: "The query needs partnerid, tel or email.",
      detail: "the query has none of partnerid/partnerId, tel, email",
      key,
      decryptedRequest: plaintext,
    });
  }

  const customer =
    (partner && (await findByExternalId(client, "sobot-partner", lookupValue(partner)))) ||
    (tel && (await findByPhone(client, tel))) ||
    (email && (await findByEmail(client, lookupValue(email)))) ||
    null;
  if (!customer) {
    return {
      status: 200,
      body: crmAnswer.parse({ data: "" }),
      outcome: "not_found" as const,
      detail: `no customer matched; tried ${[
        partner && triedAs("partner id", lookupValue(partner), "id"),
        tel && triedAs("tel", tel, "phone"),
        email && triedAs("email", lookupValue(email), "email"),
      ]
        .filter(Boolean)
        .join(", ")}${detailNote}`,
      decryptedRequest: plaintext,
      key,
    };
  }
  const dictionary = await loadDictionary(client, String(integration.settings.companyId ?? ""));
  const { profile, leftOut } = sobotProfile(customer, dictionary);
  const matchedBy =
    partner && customer.externalIds.some((x) => x.kind === "sobot-partner" && x.value === partner)
      ? "partner id"
      : tel && customer.phones.some((p) => samePhone(p, tel))
        ? "phone"
        : "email";
  return {
    status: 200,
    body: crmAnswer.parse({ data: encrypt(profile, key.value) }),
    outcome: "ok" as const,
    detail: [
      `customer #${customer.id} found by ${matchedBy}` +
        `${key.state === "previous" ? "; verified with the previous key" : ""}${detailNote}`,
      ...(leftOut.length ? [`left out (no Sobot id in the dictionary): ${listed(leftOut)}`] : []),
    ].join("; "),
    partial: leftOut.length > 0,
    decryptedRequest: plaintext,
    decryptedResponse: profile,
    customerId: customer.id,
    key,
  };
}

const METHODS = ["POST"];
export const sobotCrm = defineCallback({
  vendor: "sobot-crm",
  kind: "crm",
  methods: METHODS,
  request,
  sign: signOf,
  handle,
  // A lookup: Sobot's retry of the same call gets the profile again, logged as a duplicate.
  readOnly: true,
  refusal: (outcome, message, request) => ({
    body: { error: outcome, message },
    headers: allowHeader(METHODS, outcome, request),
  }),
});
