// POST|PUT /api/callbacks/sobot/webhook/{slug} – Sobot's rule-engine "webhook app" pushes a
// customer; Deskbridge upserts it.
//
// Sobot defines no signature for this call. Authentication is Deskbridge's design: the URL's
// segment is an unguessable per-integration token, and an integration may also require a shared
// header value or HTTP Basic credentials (constant-time comparison).
//
// Sobot retries a push that did not get HTTP 200 with {"code":0,"status":0} (after 1 and 5
// minutes), so the same push can arrive again: a push whose exact body was already applied for
// this integration changes nothing and is logged as a duplicate. 200 is answered only after the
// write has committed; any failure answers non-200 so that Sobot retries.
import crypto from "node:crypto";
import { z } from "zod";
import {
  CallbackRefusal,
  type CallbackDefinition,
  type HandlerContext,
  type HandlerResult,
} from "@/lib/callbacks/types";
import { constantTimeEqual } from "@/lib/callbacks/verify";
import { fieldErrorsOf } from "@/lib/customers/schemas";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { upsertSobotCustomer, type SobotPush } from "@/lib/vendors/sobot/upsert";
import { allowHeader, MAX_JSON_DEPTH, parseVendorJson, storableText } from "@/lib/vendors/input";

// Text is stored without NUL (PostgreSQL cannot hold it; it means nothing in a name or a phone).
const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? "" : storableText(String(v)).trim()));

export const pushSchema = z
  .object({
    id: z
      .union([z.string(), z.number()])
      .transform((v) => storableText(String(v)).trim())
      .pipe(z.string().min(1, "id is required").max(200)),
    pid: text,
    nick: text,
    uname: text,
    email: text,
    tel: text,
    qq: text,
    remark: text,
    is_vip: text,
    vip_level: text,
    user_label: text,
    face: text,
    ex_fields: z
      .record(z.string(), z.union([z.string().transform(storableText), z.number(), z.boolean(), z.null()]))
      .nullish()
      .transform((v) => v ?? {}),
  })
  .loose();

const OK = { code: 0, status: 0 };

function authenticate({ request, integration }: HandlerContext) {
  const mode = String(integration.settings.authMode ?? "none");
  const secret = integration.keys.sharedSecret?.[0];
  if (mode === "none") return null;
  if (!secret)
    throw new CallbackRefusal({
      outcome: "bad_signature",
      publicMessage: "Authentication is required.",
      detail: "the integration requires authentication but has no shared secret set",
    });
  if (mode === "header") {
    const name = String(integration.settings.headerName || "x-deskbridge-token").toLowerCase();
    const given = request.headers.get(name) ?? "";
    if (!given || !constantTimeEqual(secret.value, given)) {
      throw new CallbackRefusal({
        outcome: "bad_signature",
        publicMessage: "Authentication failed.",
        detail: given ? `header ${name} does not match the shared secret` : `header ${name} is missing`,
      });
    }
    return secret;
  }
  const header = request.headers.get("authorization") ?? "";
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  const decoded = m ? Buffer.from(m[1], "base64").toString("utf8") : "";
  const colon = decoded.indexOf(":");
  const user = colon >= 0 ? decoded.slice(0, colon) : "";
  const password = colon >= 0 ? decoded.slice(colon + 1) : "";
  const expectedUser = String(integration.settings.basicUser ?? "");
  const userOk = constantTimeEqual(expectedUser, user);
  const passwordOk = constantTimeEqual(secret.value, password);
  if (!m || !userOk || !passwordOk) {
    throw new CallbackRefusal({
      outcome: "bad_signature",
      publicMessage: "Authentication failed.",
      detail: m ? "the Basic credentials do not match" : "the Authorization: Basic header is missing",
    });
  }
  return secret;
}

async function handle(ctx: HandlerContext): Promise<HandlerResult> {
  const key = authenticate(ctx);
  const parsedJson = parseVendorJson(ctx.body.toString("utf8"));
  if (!parsedJson.ok && parsedJson.reason === "too_deep") {
    throw new CallbackRefusal({
      outcome: "malformed",
      publicMessage: `The body is JSON nested more than ${MAX_JSON_DEPTH} levels deep.`,
      detail: `the body is JSON nested more than ${MAX_JSON_DEPTH} levels deep`,
    });
  }
  if (!parsedJson.ok)
    throw new CallbackRefusal({
      outcome: "malformed",
      publicMessage: "The body must be a JSON object (the customer).",
      detail: "the body is not JSON",
    });
  const json = parsedJson.value;
  const parsed = pushSchema.safeParse(json);
  if (!parsed.success) {
    const fields = Object.entries(fieldErrorsOf(parsed.error)).map(([k, v]) => `${k}: ${v.join("; ")}`);
    throw new CallbackRefusal({
      outcome: "malformed",
      publicMessage: `The customer is invalid: ${fields.join("; ")}`,
      detail: `invalid push: ${fields.join("; ")}`,
      decryptedRequest: json,
    });
  }
  const push: SobotPush = parsed.data;
  const digest = crypto.createHash("sha256").update(JSON.stringify(json)).digest("hex");
  const allowContactMatch = Boolean(ctx.integration.settings.mergeByContact);

  // Two pushes creating the same new customer at once: the loser retries and merges.
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await upsertSobotCustomer(ctx.client, ctx.integration.id, push, digest, allowContactMatch);
      return {
        status: 200,
        body: OK,
        outcome: "ok",
        detail: result.duplicate
          ? `duplicate push: the same body was applied at ${result.duplicate.toISOString()}; nothing changed`
          : `${result.created ? "created" : "updated"} customer #${result.customerId}${result.matchedBy ? ` (matched by ${result.matchedBy})` : ""}`,
        decryptedRequest: json,
        customerId: result.customerId,
        key,
      };
    } catch (error) {
      // A concurrent push created or rewrote the same customer: retry after a short, jittered
      // wait; by then its receipt exists (a duplicate) or the customer can be merged into.
      if (attempt < 4 && (isUniqueViolation(error) || (error instanceof AppError && error.code === "conflict"))) {
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 60 * (attempt + 1)));
        continue;
      }
      if (error instanceof AppError && error.code === "validation") {
        const fields = Object.entries(error.fieldErrors)
          .map(([k, v]) => `${k}: ${v.join("; ")}`)
          .join("; ");
        const message = `The customer is invalid: ${fields || error.message}`;
        throw new CallbackRefusal({
          outcome: "malformed",
          publicMessage: message,
          detail: `invalid push: ${fields || error.message}`,
          decryptedRequest: json,
          key,
        });
      }
      throw error;
    }
  }
}

const METHODS = ["POST", "PUT"];
export const sobotWebhook: CallbackDefinition = {
  vendor: "sobot-webhook",
  kind: "webhook",
  methods: METHODS,
  handle,
  // Sobot reads only 200 + {"code":0,"status":0}; anything else is a failure it retries.
  refusal: (outcome, message, request) => ({
    body: { code: 1, status: 1, error: outcome, message },
    headers: allowHeader(METHODS, outcome, request),
  }),
};
