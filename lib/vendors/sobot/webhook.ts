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
import { defineCallback } from "@/lib/callbacks/define";
import { CallbackRefusal, type HandlerContext, type HandlerResult } from "@/lib/callbacks/types";
import { bodyTooDeep, type RequestSchema, type Verified } from "@/lib/callbacks/verified";
import { safeEqual } from "@/lib/crypto/constant-time";
import type { OpenedSecret } from "@/lib/integrations/integrations";
import { fieldErrorsOf } from "@/lib/field-errors";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { linkUnnamedToCall, loadDictionary, recordUnnamed } from "@/lib/vendors/sobot/dictionary";
import { listed, namePush, readPush } from "@/lib/vendors/sobot/push";
import { upsertSobotCustomer } from "@/lib/vendors/sobot/upsert";
import { allowHeader } from "@/lib/vendors/input";
import { webhookRequest, webhookAnswer } from "@/lib/vendors/sobot/schemas";

/** What Sobot reads as success; anything else it retries. */
const OK = webhookAnswer.parse({ code: 0, status: 0 });

/** Who may push: no check, a shared header value, or HTTP Basic (the shared secret as password). */
function authenticate({ request, integration }: HandlerContext): OpenedSecret | null {
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
    if (!given || !safeEqual(secret.value, given)) {
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
  const userOk = safeEqual(expectedUser, user);
  const passwordOk = safeEqual(secret.value, password);
  if (!m || !userOk || !passwordOk) {
    throw new CallbackRefusal({
      outcome: "bad_signature",
      publicMessage: "Authentication failed.",
      detail: m ? "the Basic credentials do not match" : "the Authorization: Basic header is missing",
    });
  }
  return secret;
}

const customerInvalid = (fields: string, json: unknown, key?: OpenedSecret | null) =>
  new CallbackRefusal({
    outcome: "malformed",
    publicMessage: `The customer is invalid: ${fields}`,
    detail: `invalid push: ${fields}`,
    decryptedRequest: json,
    key,
  });

/** The push: one customer as a JSON object. */
const request: RequestSchema<{ id: string }> = {
  body: webhookRequest,
  refuse: (problem) => {
    if (problem.reason === "too_deep") return bodyTooDeep();
    if (problem.reason === "not_json")
      return new CallbackRefusal({
        outcome: "malformed",
        publicMessage: "The body must be a JSON object (the customer).",
        detail: "the body is not JSON",
      });
    const fields = Object.entries(fieldErrorsOf(problem.error)).map(([k, v]) => `${k}: ${v.join("; ")}`);
    return customerInvalid(fields.join("; "), problem.json);
  },
};

async function handle(ctx: HandlerContext, { data, json, key }: Verified<{ id: string }>): Promise<HandlerResult> {
  const digest = crypto.createHash("sha256").update(JSON.stringify(json)).digest("hex");
  const allowContactMatch = Boolean(ctx.integration.settings.mergeByContact);
  const { push, leftOut } = readPush(data.id, json as Record<string, unknown>);
  // Sobot's ids become the names its company's dictionary gives them; unknown ones stay as they came.
  const { names, unknown } = namePush(push, await loadDictionary(ctx.client, push.pid));

  // Two pushes creating the same new customer at once: the loser retries and merges.
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await upsertSobotCustomer(ctx.client, ctx.integration.id, push, digest, allowContactMatch, names);
      if (unknown.length) await recordUnnamed(ctx.client, push.pid, unknown);
      const unnamed = unknown.length
        ? `Sobot ids not in the dictionary of company ${push.pid}, kept as they came: ` +
          listed(unknown.map((u) => `${u.type} ${u.id}`))
        : "";
      const notes = [
        leftOut.length ? `left out: ${listed(leftOut)}` : "",
        result.dropped.length ? `older values dropped to stay within the limits: ${listed(result.dropped)}` : "",
        unnamed,
      ].filter(Boolean);
      const done = result.duplicate
        ? `duplicate push: the same body was applied at ${result.duplicate.toISOString()}; nothing changed`
        : `${result.created ? "created" : "updated"} customer #${result.customerId}` +
          `${result.matchedBy ? ` (matched by ${result.matchedBy})` : ""}`;
      return {
        status: 200,
        body: OK,
        outcome: "ok",
        detail: [done, ...notes].join("; "),
        partial: leftOut.length + result.dropped.length > 0,
        // The dictionary page links each unnamed id to the call that brought it.
        onLogged: unknown.length ? (callId) => linkUnnamedToCall(ctx.client, push.pid, unknown, callId) : undefined,
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
        throw customerInvalid(fields || error.message, json, key);
      }
      throw error;
    }
  }
}

const METHODS = ["POST", "PUT"];
export const sobotWebhook = defineCallback({
  vendor: "sobot-webhook",
  kind: "webhook",
  methods: METHODS,
  authenticate,
  request,
  handle,
  // Sobot reads only 200 + {"code":0,"status":0}; anything else is a failure it retries.
  refusal: (outcome, message, request) => ({
    body: { code: 1, status: 1, error: outcome, message },
    headers: allowHeader(METHODS, outcome, request),
  }),
});
