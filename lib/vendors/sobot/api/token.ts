// The Sobot open-platform token: fetched with get_token, kept (sealed) in the database so that
// every app instance uses the same one, refreshed before it expires, and re-acquired once when
// Sobot says it is null or expired. Asking Sobot again replaces the previous token, so only one
// caller refreshes at a time: in this process a shared promise, across instances a lease row.
import type { Db } from "@/lib/db/client";
import { recordCall } from "@/lib/calls/record";
import { open, seal } from "@/lib/secrets/cipher";
import type { IntegrationWithSecrets } from "@/lib/integrations/integrations";
import { tokenSign } from "@/lib/vendors/sobot/api/codec";
import { describeCode, outcomeOfCode, SobotApiError } from "@/lib/vendors/sobot/api/errors";
import { isUniqueViolation } from "@/lib/errors";

const LEASE_MS = 30_000;
const WAIT_STEP_MS = 150;
const TOKEN_CONTEXT = (id: string) => `sobot-token:${id}`;

const inflight = new Map<string, Promise<string>>();

/** Refresh ahead of expiry: 5 minutes before, or 10 % of a short lifetime. */
function fresh(expiresAt: Date | null, fetchedAt: Date | null, now = Date.now()): boolean {
  if (!expiresAt) return false;
  const lifetime = expiresAt.getTime() - (fetchedAt?.getTime() ?? now);
  const margin = Math.min(300_000, Math.max(0, lifetime * 0.1));
  return expiresAt.getTime() - margin > now;
}

export type TokenOptions = { fetchImpl?: typeof fetch; now?: () => number };

async function requestToken(
  client: Db,
  integration: IntegrationWithSecrets,
  fetchImpl: typeof fetch,
): Promise<{ token: string; expiresIn: number }> {
  const base = String(integration.settings.baseUrl);
  const appid = String(integration.settings.appid);
  const appKey = integration.keys.appKey?.[0]?.value;
  if (!appKey) throw new SobotApiError("config", "The integration has no app_key.");
  const createTime = String(Math.floor(Date.now() / 1000));
  const query = new URLSearchParams({ appid, create_time: createTime, sign: tokenSign(appid, createTime, appKey) });
  const url = `${base}/api/get_token?${query}`;
  const started = performance.now();
  const u = new URL(url);
  const entry = {
    direction: "out" as const,
    vendor: "sobot-api",
    kind: "get_token",
    integrationId: integration.id,
    method: "GET",
    path: `${u.origin}${u.pathname}`,
    query: u.search.slice(1),
    headers: {},
    body: null,
  };
  let status = 0;
  let text = "";
  try {
    const response = await fetchImpl(url, { signal: AbortSignal.timeout(10_000) });
    status = response.status;
    text = await response.text();
  } catch (error) {
    await recordCall(client, {
      ...entry,
      outcome: "internal_error",
      status: 0,
      detail: `network error: ${(error as Error).message}`,
      durationMs: performance.now() - started,
    });
    throw new SobotApiError("network", `Sobot could not be reached: ${(error as Error).message}`);
  }
  let json: { ret_code?: string; ret_msg?: string; item?: { token?: string; expires_in?: string | number } } = {};
  try {
    json = JSON.parse(text);
  } catch {
    /* handled below */
  }
  const code = String(json.ret_code ?? (status >= 500 ? "5xx" : "invalid"));
  const token = json.item?.token?.trim();
  // The token is a credential: the log keeps the answer with the token blanked out.
  const logged = token ? text.split(json.item!.token!).join("[redacted]") : text;
  const ok = code === "000000" && Boolean(token);
  await recordCall(client, {
    ...entry,
    outcome: ok ? "ok" : code === "5xx" || code === "invalid" ? "internal_error" : outcomeOfCode(code),
    status,
    detail: ok ? `token valid for ${json.item?.expires_in} s` : describeCode(code, json.ret_msg ?? `HTTP ${status}`),
    responseBody: logged,
    durationMs: performance.now() - started,
  });
  if (!ok) throw new SobotApiError(code, describeCode(code, json.ret_msg ?? `HTTP ${status}`), status);
  return { token: token!, expiresIn: Math.max(1, Number(json.item?.expires_in ?? 86_400) || 86_400) };
}

async function refresh(
  client: Db,
  masterKey: Buffer,
  integration: IntegrationWithSecrets,
  staleToken: string | null,
  options: TokenOptions,
): Promise<string> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const id = integration.id;
  // Another instance may create the row at the same moment: theirs is as good as ours.
  await client.apiToken
    .upsert({ where: { integrationId: id }, create: { integrationId: id }, update: {} })
    .catch((error) => {
      if (!isUniqueViolation(error)) throw error;
    });
  const deadline = Date.now() + LEASE_MS;
  for (;;) {
    const row = await client.apiToken.findUniqueOrThrow({ where: { integrationId: id } });
    const current = row.sealed ? open(masterKey, row.sealed, TOKEN_CONTEXT(id)) : null;
    // Someone else refreshed meanwhile: use theirs.
    if (current && current !== staleToken && fresh(row.expiresAt, row.fetchedAt)) return current;
    const now = new Date();
    // Claim the refresh only if the row is still as read: a token stored in between (another
    // instance finishing its refresh) changes fetchedAt, and then that token is used instead.
    const { count } = await client.apiToken.updateMany({
      where: {
        integrationId: id,
        fetchedAt: row.fetchedAt,
        OR: [{ refreshingUntil: null }, { refreshingUntil: { lt: now } }],
      },
      data: { refreshingUntil: new Date(now.getTime() + LEASE_MS) },
    });
    if (count === 1) {
      try {
        const { token, expiresIn } = await requestToken(client, integration, fetchImpl);
        const fetchedAt = new Date();
        await client.apiToken.update({
          where: { integrationId: id },
          data: {
            sealed: seal(masterKey, token, TOKEN_CONTEXT(id)),
            fetchedAt,
            expiresAt: new Date(fetchedAt.getTime() + expiresIn * 1000),
            refreshingUntil: null,
          },
        });
        return token;
      } catch (error) {
        await client.apiToken.update({ where: { integrationId: id }, data: { refreshingUntil: null } });
        throw error;
      }
    }
    if (Date.now() > deadline)
      throw new SobotApiError("timeout", "Timed out waiting for another instance to refresh the Sobot token.");
    await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
  }
}

/**
 * A valid token for the integration. `stale` is a token Sobot just refused (900001/900002):
 * it is replaced unless another caller already did.
 */
export async function getToken(
  client: Db,
  masterKey: Buffer,
  integration: IntegrationWithSecrets,
  stale: string | null = null,
  options: TokenOptions = {},
): Promise<string> {
  const row = await client.apiToken.findUnique({ where: { integrationId: integration.id } });
  if (row?.sealed && fresh(row.expiresAt, row.fetchedAt)) {
    const token = open(masterKey, row.sealed, TOKEN_CONTEXT(integration.id));
    if (token !== stale) return token;
  }
  // Concurrent callers in this process share one refresh.
  const pending = inflight.get(integration.id);
  if (pending) return pending;
  const promise = refresh(client, masterKey, integration, stale, options).finally(() =>
    inflight.delete(integration.id),
  );
  inflight.set(integration.id, promise);
  return promise;
}
