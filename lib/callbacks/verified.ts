// Verified data only. A vendor handler gets the request's payload once it is parsed and, for a
// signed call, once its sign matched one of the integration's keys, its timestamp is inside the
// window and the call is accepted once: as standard-webhooks' verify() returns the payload only
// after checking it, so no handler can act on what it has not verified.
import type { z } from "zod";
import { checkTimestamp } from "@/lib/callbacks/timestamp";
import { CallbackRefusal, type HandlerContext } from "@/lib/callbacks/types";
import { safeEqual } from "@/lib/crypto/constant-time";
import type { OpenedSecret } from "@/lib/integrations/integrations";
import { MAX_JSON_DEPTH, parseVendorJson } from "@/lib/vendors/input";

/** Why a body cannot be used; the vendor words the refusal. */
export type BodyProblem =
  | { reason: "too_deep" }
  | { reason: "not_json" }
  | { reason: "invalid"; error: z.ZodError; json: unknown };

export type RequestSchema<T> = {
  /** Headers the call cannot do without (checked first, trimmed). */
  headers?: readonly string[];
  /** The JSON body's shape. */
  body: z.ZodType<T>;
  /** The refusal for a body that is not JSON, is nested too deeply or does not fit `body`. */
  refuse: (problem: BodyProblem) => CallbackRefusal;
};

/** The request as parsed: not yet verified. */
export type ParsedRequest<T> = { data: T; json: unknown; headers: Record<string, string> };

/** What a vendor's sign is over, and where it travels. */
export type SignClaim = {
  /** The integration secret that signs (its name in the vendor's kind). */
  secret: string;
  /** The sign as received (hex; compared in lower case). */
  received: string;
  timestamp: string;
  /** The sign a key gives for this call. */
  expected: (secretValue: string) => string;
  /** How the sign is computed, for the log when it does not match (never a secret). */
  formula: string;
  /** What the sign leaves out: accepted once together with it. Omit when the sign covers the whole call. */
  payload?: unknown;
  /** Checks on what the sign covers, once it and its window hold and before the call is accepted. */
  check?: (key: OpenedSecret) => void;
};

export type SignOf<T> = (request: ParsedRequest<T>, ctx: HandlerContext) => SignClaim;

/** The payload a handler may act on, and the key that verified it (null for an unsigned call). */
export type Verified<T, K extends OpenedSecret | null = OpenedSecret | null> = ParsedRequest<T> & { key: K };

/** The refusal for JSON nested deeper than any vendor sends. */
export function bodyTooDeep(publicSuffix = ""): CallbackRefusal {
  const what = `nested more than ${MAX_JSON_DEPTH} levels deep`;
  return new CallbackRefusal({
    outcome: "malformed",
    publicMessage: `The body is JSON ${what}${publicSuffix}.`,
    detail: `the body is JSON ${what}`,
  });
}

const listFormat = new Intl.ListFormat("en", { type: "conjunction" });

function requiredHeaders(request: Request, names: readonly string[]): Record<string, string> {
  const values = Object.fromEntries(names.map((name) => [name, request.headers.get(name)?.trim() ?? ""]));
  const missing = names.filter((name) => !values[name]);
  if (missing.length) {
    throw new CallbackRefusal({
      outcome: "malformed",
      publicMessage: `The ${listFormat.format(names)} header${names.length > 1 ? "s are" : " is"} required.`,
      detail: `missing header(s): ${missing.join(", ")}`,
    });
  }
  return values;
}

function parseRequest<T>(ctx: HandlerContext, schema: RequestSchema<T>): ParsedRequest<T> {
  const headers = requiredHeaders(ctx.request, schema.headers ?? []);
  const parsedJson = parseVendorJson(ctx.body.toString("utf8"));
  if (!parsedJson.ok) throw schema.refuse({ reason: parsedJson.reason === "too_deep" ? "too_deep" : "not_json" });
  const parsed = schema.body.safeParse(parsedJson.value);
  if (!parsed.success) throw schema.refuse({ reason: "invalid", error: parsed.error, json: parsedJson.value });
  return { data: parsed.data, json: parsedJson.value, headers };
}

function matchingKey(ctx: HandlerContext, claim: SignClaim): OpenedSecret {
  const keys = ctx.integration.keys[claim.secret] ?? [];
  const received = claim.received.trim().toLowerCase();
  const key = keys.find((k) => safeEqual(claim.expected(k.value), received));
  if (key) return key;
  const tried = keys.length === 2 ? "the current and the previous key" : "the current key";
  throw new CallbackRefusal({
    outcome: "bad_signature",
    publicMessage: "The sign does not match.",
    detail: `sign ${claim.received.trim().slice(0, 80)} does not match ${claim.formula} (tried ${tried})`,
  });
}

/**
 * Parses the request and, with a sign, verifies it: the key that matches (current first, then
 * the previous one during a rotation, in constant time), the timestamp window, the claim's own
 * checks, and acceptance once (replay protection).
 */
export async function verified<T>(
  ctx: HandlerContext,
  schema: RequestSchema<T>,
  signOf: SignOf<T>,
): Promise<Verified<T, OpenedSecret>>;
export async function verified<T>(ctx: HandlerContext, schema: RequestSchema<T>): Promise<Verified<T, null>>;
export async function verified<T>(
  ctx: HandlerContext,
  schema: RequestSchema<T>,
  signOf?: SignOf<T>,
): Promise<Verified<T>> {
  const request = parseRequest(ctx, schema);
  if (!signOf) return { ...request, key: null };
  const claim = signOf(request, ctx);
  const key = matchingKey(ctx, claim);
  checkTimestamp(claim.timestamp, Number(ctx.integration.settings.timestampTolerance ?? 300), ctx.now, key);
  claim.check?.(key);
  await ctx.acceptOnce({ sign: claim.received, timestamp: claim.timestamp, payload: claim.payload }, key);
  return { ...request, key };
}
