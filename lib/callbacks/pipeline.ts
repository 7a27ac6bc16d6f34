// The one code path for every vendor callback: read the raw body once (capped), find the
// integration from the URL, hand over to the vendor's handler, answer, and record the call
// whatever happened. Nothing here names a vendor.
import "server-only";
import { db } from "@/lib/db";
import { readConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import type { Outcome } from "@/lib/calls/outcomes";
import { recordCall, redactHeaders, type CallEntry } from "@/lib/calls/record";
import { loadCallbackIntegration, markKeyUsed } from "@/lib/integrations/integrations";
import { CallbackRefusal, type CallbackDefinition, type HandlerResult, type Refusal } from "@/lib/callbacks/types";

export { CallbackRefusal, type CallbackDefinition, type HandlerContext, type HandlerResult } from "@/lib/callbacks/types";
import { masterKey } from "@/lib/secrets/keyring";
import { withActor } from "@/lib/audit/audit";
import { authSecret } from "@/lib/boot/ensure-ready";
import { REPLAY_HEADER, verifyReplayToken } from "@/lib/calls/replay";
import { observeCallback } from "@/lib/metrics/metrics";

const defaultRefusal = (outcome: Outcome, message: string): Refusal => ({ body: { error: outcome, message } });

class TooLarge extends Error {
  constructor(readonly received: number) {
    super("too large");
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
    const { done, value } = await reader.read();
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
  const type = result.contentType ?? (typeof result.body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8");
  const headers = { "content-type": type, "cache-control": "no-store", ...result.headers };
  return { response: new Response(text, { status: result.status, headers }), text };
}

export async function runCallback(def: CallbackDefinition, request: Request, slug: string): Promise<Response> {
  const started = performance.now();
  const url = new URL(request.url);
  const config = readConfig();
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
  const refuse = (outcome: Outcome, message: string) => (def.refusal ?? defaultRefusal)(outcome, message, request);
  try {
    client = await db();
    entry.body = await readCapped(request, config.maxBodyBytes);
    const integration = await loadCallbackIntegration(client, masterKey(config), def.vendor, slug);
    if (!integration) throw new CallbackRefusal("unknown_integration", 404, "No such integration.", `no ${def.vendor} integration has the URL segment "${slug.slice(0, 64)}"`);
    entry.integrationId = integration.id;
    if (!integration.enabled) throw new CallbackRefusal("disabled", 404, "No such integration.", `integration "${integration.name}" is disabled`);
    if (!def.methods.includes(request.method)) {
      throw new CallbackRefusal("malformed", 405, `Method ${request.method} is not allowed; use ${def.methods.join(" or ")}.`);
    }
    const ctx = { client, request, url, body: entry.body, integration, now: new Date() };
    // Changes a vendor call makes (a webhook's upsert) are the integration's, in the audit log.
    result = await withActor({ id: null, label: `${def.vendor}: ${integration.name}` }, () => def.handle(ctx));
  } catch (error) {
    if (error instanceof TooLarge) {
      const message = `The body is larger than ${config.maxBodyBytes} bytes.`;
      result = { status: 413, outcome: "too_large", detail: `${message} (${error.received} bytes or more)`, ...refuse("too_large", message) };
    } else if (error instanceof CallbackRefusal) {
      result = {
        status: error.status,
        outcome: error.outcome,
        detail: error.detail,
        ...refuse(error.outcome, error.publicMessage),
        ...error.extra,
      };
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
  const { response, text } = respond(result);
  const call: CallEntry = {
    ...entry,
    outcome: result.outcome,
    status: result.status,
    detail: result.detail,
    decryptedRequest: result.decryptedRequest,
    decryptedResponse: result.decryptedResponse,
    customerId: result.customerId ?? null,
    keyUsed: result.key?.state ?? null,
    responseBody: text,
    durationMs: performance.now() - started,
  };
  if (client) {
    try {
      // A replay from the dashboard links to the call it replays.
      const replayHeader = request.headers.get(REPLAY_HEADER);
      if (replayHeader) call.replayOfId = verifyReplayToken(await authSecret(client, config), replayHeader);
      await recordCall(client, call);
      if (result.key?.state === "previous") await markKeyUsed(client, result.key.secretId);
    } catch (error) {
      // Never lose the entry silently: retry without the optional links, then say so loudly.
      try {
        await recordCall(client, { ...call, customerId: null, detail: `${call.detail} (logged without its customer link: ${(error as Error).message})` });
      } catch (again) {
        console.error("deskbridge: could not record a call:", again);
      }
    }
  }
  observeCallback(def.vendor, def.kind, result.outcome, (performance.now() - started) / 1000);
  return response;
}

/** Route handlers for a callback definition: every method goes through the pipeline and is logged. */
export function callbackRoute(def: CallbackDefinition) {
  const handler = async (request: Request, context: { params: Promise<{ slug: string }> }) =>
    runCallback(def, request, (await context.params).slug);
  return { GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler };
}
