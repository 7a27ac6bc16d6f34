// Triggering a Sobot rule-engine canvas: POST {base}/logi-flow/webhook/trigger with the headers
// trigger-id, secret and token. Sobot's 50 requests per second per trigger id is one budget for
// every instance and the CLI (queued, never dropped). A trigger runs a canvas, and Sobot offers no
// way to tell a repeat from a new trigger, so a failure is retried (with backoff) only where the
// canvas cannot have run: 910024 (over the QPS limit), a 503, or a connection that was never made.
// A 500, 502, 504, a timeout or a reset connection may have run it: not retried, and the log says
// so. A null or expired token is replaced once. Every HTTP attempt is an outbound call in the log.
import type { Db } from "@/lib/db/client";
import { recordCall, redactHeaders } from "@/lib/calls/record";
import { notFound, validationError } from "@/lib/errors";
import { loadIntegrationWithKeys } from "@/lib/integrations/integrations";
import { triggerSecretName, type SobotTrigger } from "@/lib/integrations/kinds";
import { describeCode, outcomeOfCode, SobotApiError, TOKEN_CODES } from "@/lib/vendors/sobot/api/errors";
import { takeTriggerSlot } from "@/lib/vendors/sobot/api/rate-limit";
import { limitStore } from "@/lib/limits/shared";
import { getToken, type TokenOptions } from "@/lib/vendors/sobot/api/token";

export type TriggerResult = {
  ok: boolean;
  code: string;
  message: string;
  httpStatus: number;
  attempts: number;
  answer: unknown;
};

const BACKOFF_MS = [300, 1_000, 3_000];

/** Connection errors that mean the request never reached Sobot. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const causeCode = (error: unknown) =>
  String((error as { cause?: { code?: unknown } })?.cause?.code ?? (error as { code?: unknown })?.code ?? "");

/** Whether a failed attempt cannot have run the canvas (so it may be sent again), and why. */
function retryable(code: string, status: number, error?: unknown): { retry: boolean; why: string } {
  if (error !== undefined)
    return NOT_SENT.has(causeCode(error))
      ? { retry: true, why: "the connection was never made, so the canvas cannot have run" }
      : { retry: false, why: "Sobot may have received it and run the canvas" };
  if (code === "910024") return { retry: true, why: "Sobot refused it over the QPS limit without running the canvas" };
  if (status === 503) return { retry: true, why: "Sobot was unavailable and did not take it" };
  if (status >= 500) return { retry: false, why: `Sobot may have run the canvas before answering ${status}` };
  return { retry: false, why: "" };
}

export type TriggerOptions = TokenOptions & { backoffMs?: number[] };

export async function sendTrigger(
  client: Db,
  masterKey: Buffer,
  integrationId: string,
  triggerName: string,
  body: unknown,
  options: TriggerOptions = {},
): Promise<TriggerResult> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const backoff = options.backoffMs ?? BACKOFF_MS;
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw validationError("The body must be a JSON object.", {
      body: ['A JSON object, e.g. {"Contact_id": "…", "nick": "…"}'],
    });
  const integration = await loadIntegrationWithKeys(client, masterKey, integrationId, "sobot-api");
  if (!integration) throw notFound(`No sobot-api integration has the id ${integrationId}.`);
  if (!integration.enabled) throw validationError(`The integration "${integration.name}" is disabled.`);
  const trigger = ((integration.settings.triggers as SobotTrigger[] | undefined) ?? []).find(
    (t) => t.name === triggerName,
  );
  if (!trigger) throw notFound(`"${integration.name}" has no trigger named "${triggerName}".`);
  const secret = integration.keys[triggerSecretName(trigger.name)]?.[0]?.value;
  if (!secret) throw validationError(`The trigger "${trigger.name}" has no secret.`);

  const url = `${String(integration.settings.baseUrl)}/logi-flow/webhook/trigger`;
  const payload = JSON.stringify(body);
  let token = await getToken(client, masterKey, integration, null, options);
  let tokenRetried = false;
  let attempts = 0;
  const store = limitStore(client);
  for (let failure = 0; ; ) {
    await takeTriggerSlot(store, trigger.triggerId);
    attempts++;
    const headers = { "content-type": "application/json", "trigger-id": trigger.triggerId, secret, token };
    const started = performance.now();
    const entry = {
      direction: "out" as const,
      vendor: "sobot-api",
      kind: "trigger",
      integrationId: integration.id,
      method: "POST",
      path: url,
      headers: redactHeaders(headers),
      body: Buffer.from(payload),
    };
    let status = 0;
    let text = "";
    try {
      const response = await fetchImpl(url, {
        method: "POST",
        headers,
        body: payload,
        signal: AbortSignal.timeout(10_000),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      const { retry, why } = retryable("", 0, error);
      const again = retry && failure < backoff.length;
      await recordCall(client, {
        ...entry,
        outcome: "internal_error",
        status: 0,
        detail: `network error: ${(error as Error).message}; ${again ? "retried" : "not retried"}: ${why}`,
        durationMs: performance.now() - started,
      });
      if (again) {
        await new Promise((r) => setTimeout(r, backoff[failure++]));
        continue;
      }
      throw new SobotApiError(
        "network",
        `Sobot could not be reached after ${attempts} attempt(s): ${(error as Error).message} (${why})`,
      );
    }
    let answer: { ret_code?: string; ret_msg?: string } | undefined;
    try {
      answer = JSON.parse(text);
    } catch {
      answer = undefined;
    }
    const code =
      answer?.ret_code !== undefined ? String(answer.ret_code) : status >= 500 ? `HTTP ${status}` : "invalid";
    const message =
      answer?.ret_code !== undefined
        ? describeCode(code, answer.ret_msg)
        : `Sobot answered HTTP ${status} without a return code`;
    const { retry, why } = retryable(code, status);
    const again = retry && failure < backoff.length;
    await recordCall(client, {
      ...entry,
      outcome: answer?.ret_code !== undefined ? outcomeOfCode(code) : "internal_error",
      status,
      detail: `${trigger.name}: ${message}${why ? `; ${again ? "retried" : "not retried"}: ${why}` : ""}`,
      responseBody: text,
      durationMs: performance.now() - started,
    });
    if (again) {
      await new Promise((r) => setTimeout(r, backoff[failure++]));
      continue;
    }
    if (TOKEN_CODES.has(code) && !tokenRetried) {
      tokenRetried = true;
      token = await getToken(client, masterKey, integration, token, options);
      continue;
    }
    return { ok: code === "000000", code, message, httpStatus: status, attempts, answer: answer ?? text };
  }
}
