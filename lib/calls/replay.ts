// Replaying a logged inbound call against Deskbridge's own endpoint: the original bytes, or
// re-signed with the current key and a fresh timestamp. The new call is marked as a replay of
// the original (a header only Deskbridge can produce), and the replay is audited.
import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";
import { audit } from "@/lib/audit/audit";
import { safeEqual } from "@/lib/crypto/constant-time";
import { decodeBody, REDACTED } from "@/lib/calls/record";
import { notFound, validationError } from "@/lib/errors";
import { loadIntegrationWithKeys } from "@/lib/integrations/integrations";
import { encrypt as sobotEncrypt, sign as sobotSign } from "@/lib/vendors/sobot/codec";
import { knowledgeSign, messageSign, taskSign } from "@/lib/vendors/udesk/codec";
import { desEncrypt } from "@/lib/vendors/hyphenate/codec";
import { SYSTEM_PARAMS } from "@/lib/vendors/hyphenate/iframe";

export const REPLAY_HEADER = "x-deskbridge-replay";

export function replayToken(secret: string, callId: number): string {
  return `${callId}.${crypto.createHmac("sha256", secret).update(`replay:${callId}`).digest("hex").slice(0, 32)}`;
}

/** The original call's id when the header is genuine, else null. */
export function verifyReplayToken(secret: string, header: string | null): number | null {
  const id = Number(header?.split(".")[0]);
  if (!header || !Number.isInteger(id) || id <= 0) return null;
  const expected = replayToken(secret, id);
  return safeEqual(expected, header) ? id : null;
}

const SKIP = new Set([
  "host",
  "content-length",
  "connection",
  "accept-encoding",
  "transfer-encoding",
  "keep-alive",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  REPLAY_HEADER,
]);

export type ReplayResult = { status: number; body: string; callId: number | null };

export async function replayCall(
  client: Db,
  masterKey: Buffer,
  secret: string,
  callId: number,
  mode: "original" | "resign",
  origin: string,
): Promise<ReplayResult> {
  const call = await client.call.findUnique({ where: { id: callId } });
  if (!call) throw notFound(`Call #${callId} does not exist.`);
  if (call.direction !== "in") throw validationError("Only calls received from a vendor can be replayed.");
  if (call.prunedAt) throw validationError("This call's body was deleted by retention; it cannot be replayed.");
  const integration = call.integrationId
    ? await loadIntegrationWithKeys(client, masterKey, call.integrationId, call.vendor)
    : null;
  if (!integration) throw validationError("The call's integration no longer exists.");

  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(JSON.parse(call.headers) as Record<string, string>))
    if (!SKIP.has(k) && v !== REDACTED) headers[k] = v;
  let body: Buffer | null = decodeBody(call.requestBody, call.requestEncoding);
  const url = new URL(`${origin}${call.path}${call.query ? `?${call.query}` : ""}`);
  const now = String(Math.floor(Date.now() / 1000));
  const key = (name: string) => integration.keys[name]?.find((k) => k.state === "current")?.value ?? "";

  // Credentials were redacted from the log: the webhook app's own are restored server-side.
  if (call.vendor === "sobot-webhook") {
    const shared = key("sharedSecret");
    if (integration.settings.authMode === "header" && shared)
      headers[String(integration.settings.headerName || "x-deskbridge-token")] = shared;
    if (integration.settings.authMode === "basic" && shared)
      headers.authorization = `Basic ${Buffer.from(`${integration.settings.basicUser}:${shared}`).toString("base64")}`;
  }

  if (mode === "resign") {
    if (call.vendor === "sobot-crm") {
      const json = JSON.parse(body?.toString("utf8") || "{}") as { parameter?: string };
      // Re-encrypt what was decrypted (when it was), so a call sent with an old key works again.
      const parameter = call.decryptedRequest
        ? sobotEncrypt(call.decryptedRequest, key("secretKey"))
        : (json.parameter ?? "");
      body = Buffer.from(JSON.stringify({ ...json, parameter }));
      headers.timestamp = now;
      headers.sign = sobotSign(String(integration.settings.companyId), now, key("secretKey"), parameter);
    } else if (call.vendor === "udesk") {
      const json = JSON.parse(body?.toString("utf8") || "{}") as Record<string, unknown>;
      json.timestamp = Number(now);
      const k = key("key");
      json.sign =
        call.kind === "message"
          ? messageSign(String(integration.settings.integrationName), k, now)
          : call.kind === "task"
            ? taskSign(k, (json.taskNodeId ?? null) as number | null, json.sessionId as number, now)
            : knowledgeSign(k, now);
      if (call.kind === "message") json.integrationName = integration.settings.integrationName;
      body = Buffer.from(JSON.stringify(json));
    } else if (call.vendor === "hyphenate" && call.decryptedRequest && key("key")) {
      const params = JSON.parse(call.decryptedRequest) as Record<string, string>;
      const encryptSystem = Boolean(integration.settings.encryptSystemParams);
      url.search = new URLSearchParams(
        Object.entries(params).map(([n, v]) => [
          n,
          v && n !== "lang" && (!SYSTEM_PARAMS.has(n) || encryptSystem) ? desEncrypt(v, key("key")) : v,
        ]),
      ).toString();
    }
  }

  headers[REPLAY_HEADER] = replayToken(secret, callId);
  const response = await fetch(url, {
    method: call.method,
    headers,
    body: call.method === "GET" || call.method === "HEAD" || !body ? undefined : new Uint8Array(body),
    redirect: "manual",
  });
  const text = await response.text();
  const replay = await client.call.findFirst({
    where: { replayOfId: callId },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  await audit(client, {
    action: "replay",
    entity: "call",
    entityId: callId,
    customerId: call.customerId,
    summary:
      `replayed call #${callId} (${mode === "resign" ? "re-signed with the current key" : "original bytes"}) ` +
      `as call #${replay?.id ?? "?"}: HTTP ${response.status}`,
  });
  return { status: response.status, body: text.slice(0, 20_000), callId: replay?.id ?? null };
}
