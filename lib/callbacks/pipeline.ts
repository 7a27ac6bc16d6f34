// The one code path for every vendor callback: read the raw body once (capped), find the
// integration from the URL, hand over to the vendor's handler, answer, and record the call
// whatever happened. Nothing here names a vendor.
import "server-only";
import { db } from "@/lib/db";
import { readConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import type { Outcome } from "@/lib/calls/outcomes";
import { recordCall, REDACTED, redactHeaders, type CallEntry } from "@/lib/calls/record";
import { loadCallbackIntegration, markKeyUsed, type IntegrationWithSecrets } from "@/lib/integrations/integrations";
import {
  CallbackRefusal,
  type CallbackDefinition,
  type HandlerContext,
  type HandlerResult,
  type Refusal,
} from "@/lib/callbacks/types";

export {
  CallbackRefusal,
  type CallbackDefinition,
  type HandlerContext,
  type HandlerResult,
} from "@/lib/callbacks/types";
import { masterKey } from "@/lib/secrets/keyring";
import { withActor } from "@/lib/audit/audit";
import { authSecret } from "@/lib/boot/ensure-ready";
import { REPLAY_HEADER, verifyReplayToken } from "@/lib/calls/replay";
import { databaseTookWrite, keepCall } from "@/lib/calls/journal";
import { describeCondition, noteWriteFailure } from "@/lib/db/conditions";
import { benchSkipsCallLog } from "@/lib/callbacks/bench-switch";
import {
  acceptOnce as acceptSign,
  releaseAccepted,
  replayedRefusal,
  type AcceptedSignRef,
} from "@/lib/callbacks/replay-guard";
import { limiter, sourceAddress } from "@/lib/rate-limit";
import { isDatabaseUnavailable } from "@/lib/errors";
import { observeCallback } from "@/lib/metrics/metrics";

const defaultRefusal = (outcome: Outcome, message: string): Refusal => ({ body: { error: outcome, message } });

class TooLarge extends Error {
  constructor(readonly received: number) {
    super("too large");
  }
}

/** The caller went away (closed or reset the connection) before its body was complete. */
class BodyAborted extends Error {
  constructor(
    readonly received: Buffer,
    cause: unknown,
  ) {
    super(`the client closed the connection after ${received.length} bytes of its body`, { cause });
  }
}

/** Reads at most `cap` bytes; stops reading (and refuses) as soon as the body is larger. */
async function readCapped(request: Request, cap: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > cap) throw new TooLarge(declared);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read().catch((error: unknown) => {
      throw new BodyAborted(Buffer.concat(chunks, total), error);
    });
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge(total);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks, total);
}

function respond(result: HandlerResult): { response: Response; text: string } {
  const text = typeof result.body === "string" ? result.body : JSON.stringify(result.body);
  const type =
    result.contentType ??
    (typeof result.body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8");
  const headers = { "content-type": type, "cache-control": "no-store", ...result.headers };
  // 204 and 304 carry no body at all (the Response constructor refuses one).
  const body = result.status === 204 || result.status === 304 ? null : text;
  return { response: new Response(body, { status: result.status, headers }), text: body ?? "" };
}

const SLUG = /^[A-Za-z0-9_-]{1,128}$/;

/** The forms each integration's secret values are masked in, kept until its keys change. */
const maskForms = new Map<string, string[]>();

function secretForms(integration: IntegrationWithSecrets): string[] {
  const values = Object.values(integration.keys)
    .flat()
    .map((k) => k.value)
    // Short values would match by chance.
    .filter((value) => value.length >= 10);
  const key = `${integration.id}\u0000${values.join("\u0000")}`;
  let forms = maskForms.get(key);
  if (!forms) {
    const set = new Set<string>();
    for (const value of values)
      set.add(value).add(encodeURIComponent(value)).add(Buffer.from(value).toString("base64"));
    forms = [...set];
    if (maskForms.size >= 1000) maskForms.clear();
    maskForms.set(key, forms);
  }
  return forms;
}

/**
 * Masks an integration's secret values (as sent, URL-encoded or base64, as in Basic credentials)
 * in what is logged, and the header it is configured to arrive in.
 */
function secretMask(integration: IntegrationWithSecrets) {
  const forms = secretForms(integration);
  const named = String(integration.settings.headerName ?? "").toLowerCase();
  const text = (t: string) => {
    let out = t;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  };
  return {
    text,
    headers: (headers: Record<string, string>) => {
      const out: Record<string, string> = {};
      for (const name in headers) out[name] = name === named ? REDACTED : text(headers[name]);
      return out;
    },
    bytes: (body: Buffer) =>
      forms.some((form) => body.includes(form)) ? Buffer.from(text(body.toString("utf8")), "utf8") : body,
  };
}

/** A refusal before the handler runs: the caller is over a rate limit. */
class EarlyAnswer extends Error {
  constructor(readonly result: Omit<HandlerResult, "body">) {
    super(result.detail);
  }
}

/** OPTIONS on a callback URL: answered 204 with the methods it takes, and logged. */
class OptionsAnswer extends Error {}

function retryAfter(seconds: number): Record<string, string> {
  return { "retry-after": String(seconds) };
}

export async function runCallback(def: CallbackDefinition, request: Request, slug: string): Promise<Response> {
  const started = performance.now();
  const url = new URL(request.url);
  const config = readConfig();
  const address = sourceAddress(request.headers);
  const entry: Omit<CallEntry, "outcome" | "status" | "durationMs" | "detail"> = {
    vendor: def.vendor,
    kind: def.kind,
    integrationId: null,
    method: request.method,
    path: url.pathname,
    query: url.search.replace(/^\?/, ""),
    headers: redactHeaders(request.headers),
    body: null,
  };
  let result: HandlerResult;
  let client: Db | undefined;
  let accepted: AcceptedSignRef | undefined;
  let duplicate: { duplicateOf: Date | null; detail: string } | undefined;
  let mask: ReturnType<typeof secretMask> | undefined;
  const refuse = (outcome: Outcome, message: string) => (def.refusal ?? defaultRefusal)(outcome, message, request);
  const limited = (what: string, limit: number, seconds: number) =>
    new EarlyAnswer({
      status: 429,
      outcome: "rate_limited",
      detail: `more than ${limit} calls per minute ${what}; retry after ${seconds} s`,
      headers: retryAfter(seconds),
    });
  try {
    const byAddress = limiter("callbacks-per-address", config.rateLimits.callbacksPerAddress, 60).take(address);
    if (!byAddress.ok)
      throw limited(`from ${address}`, config.rateLimits.callbacksPerAddress, byAddress.retryAfterSeconds);
    if (request.method === "OPTIONS") throw new OptionsAnswer();
    client = await db();
    // Segments are base64url; anything else names no integration and never reaches a query.
    const integration = SLUG.test(slug)
      ? await loadCallbackIntegration(client, masterKey(config), def.vendor, slug)
      : null;
    if (integration) {
      entry.integrationId = integration.id;
      // A secret a caller sent (the webhook app's shared header, a Basic password) is never logged.
      mask = secretMask(integration);
      entry.headers = mask.headers(entry.headers);
      entry.query = mask.text(entry.query ?? "");
      const byIntegration = limiter("callbacks-per-integration", config.rateLimits.callbacksPerIntegration, 60).take(
        integration.id,
      );
      if (!byIntegration.ok)
        throw limited(
          `for this integration`,
          config.rateLimits.callbacksPerIntegration,
          byIntegration.retryAfterSeconds,
        );
    }
    entry.body = await readCapped(request, config.maxBodyBytes);
    const received = entry.body;
    if (!integration)
      throw new CallbackRefusal({
        outcome: "unknown_integration",
        publicMessage: "No such integration.",
        detail: `no ${def.vendor} integration has the URL segment "${slug.slice(0, 64)}"`,
      });
    if (!integration.enabled)
      throw new CallbackRefusal({
        outcome: "disabled",
        publicMessage: "No such integration.",
        detail: `integration "${integration.name}" is disabled`,
      });
    if (!def.methods.includes(request.method)) {
      const message = `Method ${request.method} is not allowed; use ${def.methods.join(" or ")}.`;
      throw new CallbackRefusal({ outcome: "malformed", status: 405, publicMessage: message, detail: message });
    }
    const db_ = client;
    const acceptOnce: HandlerContext["acceptOnce"] = async (call, key) => {
      const acceptance = await acceptSign(db_, integration.id, call);
      if ("ref" in acceptance) accepted = acceptance.ref;
      // A copy of a lookup is answered as usual (it changes nothing, and only the vendor can read
      // the answer); refused where the call changes data or the integration refuses duplicates.
      else if (def.readOnly && !integration.settings.refuseDuplicates) duplicate = acceptance;
      else throw replayedRefusal(acceptance.detail, key);
    };
    // The handler gets the bytes as sent; the log gets them with any secret value masked.
    const ctx: HandlerContext = { client, request, url, body: received, integration, now: new Date(), acceptOnce };
    entry.body = mask!.bytes(received);
    // Changes a vendor call makes (a webhook's upsert) are the integration's, in the audit log.
    result = await withActor({ id: null, label: `${def.vendor}: ${integration.name}` }, () => def.handle(ctx));
    if (duplicate && result.status < 400)
      result = { ...result, outcome: "duplicate", detail: `duplicate: ${duplicate.detail}; ${result.detail}` };
  } catch (error) {
    if (error instanceof OptionsAnswer) {
      const allow = [...def.methods, "OPTIONS"].join(", ");
      result = { status: 204, body: null, outcome: "ok", detail: `OPTIONS: allowed ${allow}`, headers: { allow } };
    } else if (error instanceof EarlyAnswer) {
      const refusal = refuse(error.result.outcome, "Too many calls; retry later.");
      result = { ...error.result, ...refusal, headers: { ...refusal.headers, ...error.result.headers } };
    } else if (error instanceof TooLarge) {
      const message = `The body is larger than ${config.maxBodyBytes} bytes.`;
      result = {
        status: 413,
        outcome: "too_large",
        detail: `${message} (${error.received} bytes or more)`,
        ...refuse("too_large", message),
      };
    } else if (error instanceof CallbackRefusal) {
      result = {
        status: error.status,
        outcome: error.outcome,
        detail: error.detail,
        ...refuse(error.outcome, error.publicMessage),
        ...error.extra,
      };
    } else if (error instanceof BodyAborted) {
      // Nobody is left to answer; logged as the client's doing, not as an outage (499, as nginx logs it).
      entry.body = error.received;
      result = {
        status: 499,
        outcome: "client_aborted",
        detail: error.message,
        ...refuse("client_aborted", "The request body was not complete."),
      };
    } else if (isDatabaseUnavailable(error)) {
      // Keep what was sent, for the entry written after the outage.
      if (entry.body === null) entry.body = await readCapped(request, config.maxBodyBytes).catch(() => null);
      const condition = noteWriteFailure(error) ?? "unreachable";
      // Retryable: the vendor (or its retry policy) should call again in a moment.
      result = {
        status: 503,
        outcome: "unavailable",
        detail: `${describeCondition(condition)}: ${
          error instanceof Error ? error.message.split("\n").filter(Boolean).slice(-1)[0]?.slice(0, 300) : String(error)
        }`,
        ...refuse("unavailable", "Temporarily unavailable; retry later."),
      };
      result.headers = { ...result.headers, ...retryAfter(5) };
    } else {
      // The caller learns nothing; the log keeps the detail.
      console.error(`deskbridge: ${def.vendor}/${def.kind} callback failed:`, error);
      result = {
        status: 500,
        outcome: "internal_error",
        detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        ...refuse("internal_error", "Internal error."),
      };
    }
  }
  // Accepted, then failed on our side: forget the acceptance so the vendor's retry gets through.
  if (accepted && client && result.status >= 500) await releaseAccepted(client, accepted).catch(() => undefined);
  const { response, text } = respond(result);
  const call: CallEntry = {
    ...entry,
    outcome: result.outcome,
    status: result.status,
    detail: result.detail,
    decryptedRequest: result.decryptedRequest,
    decryptedResponse: result.decryptedResponse,
    customerId: result.customerId ?? null,
    partial: result.partial ?? false,
    keyUsed: result.key?.state ?? null,
    responseBody: text,
    durationMs: performance.now() - started,
    createdAt: new Date(),
  };
  // A replay from the dashboard links to the call it replays.
  const replayHeader = request.headers.get(REPLAY_HEADER);
  const callId = await logCall(
    client,
    call,
    replayHeader,
    config,
    result.key?.state === "previous" ? result.key.secretId : undefined,
  );
  if (callId !== null && result.onLogged && client)
    await result.onLogged(callId).catch((error) => console.error("deskbridge: after logging a call:", error));
  observeCallback(def.vendor, def.kind, result.outcome, (performance.now() - started) / 1000);
  return response;
}

/** Writes the call to the log; while the database does not take writes, journals it (lib/calls/journal). */
async function logCall(
  client: Db | undefined,
  call: CallEntry,
  replayHeader: string | null,
  config: ReturnType<typeof readConfig>,
  previousKeyId?: number,
): Promise<number | null> {
  const kept = async () => {
    await keepCall(call, db);
    return null;
  };
  if (benchSkipsCallLog()) return null; // `npm run bench`'s logging-off run only (see bench-switch.ts)
  if (call.outcome === "unavailable") return kept();
  // Refused before the database was needed (rate limited by address): connect now to log it.
  client ??= await db().catch((error: unknown) => void noteWriteFailure(error));
  if (!client) return kept();
  try {
    if (replayHeader) call.replayOfId = verifyReplayToken(await authSecret(client, config), replayHeader);
    const id = await recordCall(client, call);
    databaseTookWrite();
    if (previousKeyId !== undefined) await markKeyUsed(client, previousKeyId);
    return id;
  } catch (error) {
    if (noteWriteFailure(error)) return kept();
    // Never lose the entry silently: retry without the optional links, then say so loudly.
    try {
      // Without the links and the decoded payloads, which are what a database may refuse.
      return await recordCall(client, {
        ...call,
        customerId: null,
        replayOfId: null,
        decryptedRequest: null,
        decryptedResponse: null,
        detail:
          `${call.detail.slice(0, 500)} (logged without its links and decoded payloads: ` +
          `${(error as Error).message.split("\n")[0].slice(0, 300)})`,
      });
    } catch (again) {
      if (noteWriteFailure(again)) return kept();
      console.error("deskbridge: could not record a call:", again);
      return null;
    }
  }
}

/** Route handlers for a callback definition: every method goes through the pipeline and is logged. */
export function callbackRoute(def: CallbackDefinition) {
  const handler = async (request: Request, context: { params: Promise<{ slug: string }> }) =>
    runCallback(def, request, (await context.params).slug);
  return { GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler, OPTIONS: handler };
}
