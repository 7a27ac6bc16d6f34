"use server";
// The signature lab (operators): build the exact request a vendor would send, send it to this
// app's own endpoint, decrypt a pasted ciphertext, explain a failed call. Secrets are opened
// here and never returned: every answer goes through the lab's masking.
import { z } from "zod";
import { action, type ActionState, text } from "@/lib/actions";
import { readConfig } from "@/lib/config";
import { db } from "@/lib/db";
import type { Db } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { callAfter, getCall, latestCallId } from "@/lib/calls/query";
import { loadIntegrationWithKeys, type IntegrationWithSecrets } from "@/lib/integrations/integrations";
import { integrationHead, sobotCompanyIds } from "@/lib/integrations/lookup";
import { publicOrigin, selfOrigin } from "@/lib/public-url";
import { masterKey } from "@/lib/secrets/keyring";
import {
  buildLabRequest,
  isLabKind,
  LabInputError,
  LAB_KIND_INFO,
  maskText,
  type BuiltRequest,
  type LabKind,
  type LabRequestView,
} from "@/lib/lab/build";
import { decryptTool, explainCall, type DecryptResult, type Explanation } from "@/lib/lab/explain";
import { translateMessage } from "@/lib/i18n/domain";
import { requestLocale } from "@/lib/i18n/server";

/** The lab's own texts (notes, explanations) in the request's language; the message itself is action()'s. */
async function translator() {
  const locale = await requestLocale();
  return (text: string) => translateMessage(locale, text);
}

async function translatedView(view: LabRequestView): Promise<LabRequestView> {
  const tr = await translator();
  return { ...view, notes: view.notes.map(tr) };
}

export type LabSendResult = {
  status: number;
  contentType: string;
  /** The raw answer (at most 20,000 characters). */
  answer: string;
  /** The answer decrypted (Sobot's data), or the readable text of an HTML page. */
  decrypted: string | null;
  durationMs: number;
  call: { id: number; outcome: string; status: number; detail: string } | null;
};
export type LabBuildState = ActionState & { built?: LabRequestView };
export type LabSendState = ActionState & { built?: LabRequestView; sent?: LabSendResult };
export type LabDecryptState = ActionState & { decrypted?: DecryptResult & { key?: "current" | "previous" } };
export type LabExplainState = ActionState & {
  explanation?: Explanation;
  call?: { id: number; outcome: string; detail: string };
};

/** The build/send form: which call, for which integration, with which payload. */
const labForm = z.object({
  kind: text(),
  integrationId: text(),
  payload: text(),
  timestamp: text(),
  wrongKey: text().transform((v) => ["on", "true", "1"].includes(v)),
});
type LabForm = z.output<typeof labForm>;

type Loaded = {
  kind: LabKind;
  integration: IntegrationWithSecrets;
  built: BuiltRequest;
  secrets: { name: string; value: string }[];
  origin: string;
  client: Db;
};

const currentSecrets = (integration: IntegrationWithSecrets) =>
  Object.fromEntries(
    Object.entries(integration.keys).map(([name, keys]) => [name, keys.find((k) => k.state === "current")?.value]),
  );

const allSecrets = (integration: IntegrationWithSecrets) =>
  Object.entries(integration.keys).flatMap(([name, keys]) => keys.map((k) => ({ name, value: k.value })));

async function load(input: LabForm): Promise<Loaded> {
  const { kind, integrationId } = input;
  if (!isLabKind(kind)) throw validationError("Pick a call kind.", { kind: ["Pick a call kind"] });
  const client = await db();
  const integration = integrationId
    ? await loadIntegrationWithKeys(client, masterKey(readConfig()), integrationId, LAB_KIND_INFO[kind].vendor)
    : null;
  const row = integration ? await integrationHead(client, integration.id) : null;
  if (!integration || !row)
    throw validationError(`Pick a ${LAB_KIND_INFO[kind].vendor} integration.`, {
      integrationId: [`Pick a ${LAB_KIND_INFO[kind].vendor} integration`],
    });
  let payload: unknown;
  try {
    payload = JSON.parse(input.payload);
  } catch (error) {
    const message = `The payload is not valid JSON: ${(error as Error).message}`;
    throw validationError(message, { payload: [message] });
  }
  const origin = publicOrigin();
  try {
    const built = buildLabRequest(
      kind,
      { name: integration.name, slug: row.slug, settings: integration.settings },
      currentSecrets(integration),
      payload,
      {
        origin,
        timestamp: input.timestamp.trim() || undefined,
        wrongKey: input.wrongKey,
      },
    );
    if (!integration.enabled) built.view.notes.unshift("This integration is disabled: expect 404.");
    return { kind, integration, built, secrets: allSecrets(integration), origin, client };
  } catch (error) {
    if (error instanceof LabInputError) throw validationError(error.message, { [error.field]: [error.message] });
    throw error;
  }
}

export const buildAction = action("operator", labForm, async (input): Promise<Partial<LabBuildState>> => {
  const { built } = await load(input);
  return { message: "Built.", built: await translatedView(built.view) };
});

/** Readable text of an HTML answer (the Hyphenate panel), for a quick look. */
function htmlText(html: string): string {
  return html
    .replace(/<(style|script)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 1000);
}

function decryptedAnswer(
  kind: LabKind,
  contentType: string,
  answer: string,
  integration: IntegrationWithSecrets,
): string | null {
  if (contentType.includes("text/html")) return htmlText(answer);
  if (kind !== "sobot-crm") return null;
  try {
    const data = (JSON.parse(answer) as { data?: unknown }).data;
    if (typeof data !== "string") return null;
    if (data === "") return "(empty: no customer matches)";
    for (const key of integration.keys.secretKey ?? []) {
      const result = decryptTool("sobot-aes", data, key.value);
      if ("plaintext" in result) return result.plaintext;
    }
    return "(does not decrypt with the integration's keys)";
  } catch {
    return null;
  }
}

export const sendAction = action("operator", labForm, async (input): Promise<Partial<LabSendState>> => {
  const { kind, integration, built, secrets, client } = await load(input);
  const before = await latestCallId(client, integration.id);
  const started = performance.now();
  // Sent to Deskbridge itself, whatever origin the built request shows (that one is for the
  // operator's curl command and may be a public name this server cannot reach).
  const self = selfOrigin();
  let response: Response;
  try {
    response = await fetch(`${self}${built.wire.path}`, {
      method: built.wire.method,
      headers: built.wire.headers,
      body: built.wire.body ?? undefined,
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(20_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    const result: Partial<LabSendState> = {
      ok: false,
      message:
        `Could not reach Deskbridge at ${self}: ${cause}. ` +
        "Set DESKBRIDGE_SELF_URL to an address this server reaches itself at.",
      built: await translatedView(built.view),
    };
    return result;
  }
  const raw = await response.text();
  const durationMs = Math.round(performance.now() - started);
  const contentType = response.headers.get("content-type") ?? "";
  const path = built.wire.path.split("?")[0];
  const call = await callAfter(client, integration.id, path, before);
  const mask = (t: string) => maskText(t, secrets);
  const sent: LabSendResult = {
    status: response.status,
    contentType,
    answer: mask(raw.slice(0, 20_000)),
    decrypted: (() => {
      const d = decryptedAnswer(kind, contentType, raw, integration);
      return d === null ? null : mask(d);
    })(),
    durationMs,
    call: call ? { ...call, detail: mask(call.detail) } : null,
  };
  const result: Partial<LabSendState> = {
    ok: true,
    message: `Sent: HTTP ${response.status}${call ? `, logged as call #${call.id} (${call.outcome})` : ""}.`,
    built: await translatedView(built.view),
    sent,
  };
  return result;
});

const decryptForm = z.object({ integrationId: text(), ciphertext: text() });

export const decryptAction = action("operator", decryptForm, async (input): Promise<Partial<LabDecryptState>> => {
  const client = await db();
  const id = input.integrationId;
  const row = id ? await integrationHead(client, id) : null;
  if (!row || (row.vendor !== "sobot-crm" && row.vendor !== "hyphenate")) {
    throw validationError("Pick a Sobot CRM or Hyphenate integration.", {
      integrationId: ["Pick a Sobot CRM or Hyphenate integration"],
    });
  }
  const integration = (await loadIntegrationWithKeys(client, masterKey(readConfig()), id, row.vendor))!;
  const keys = integration.keys[row.vendor === "sobot-crm" ? "secretKey" : "key"] ?? [];
  if (!keys.length)
    throw validationError("This integration has no key set.", { integrationId: ["This integration has no key set"] });
  const tool = row.vendor === "sobot-crm" ? "sobot-aes" : "hyphenate-des";
  const hex = input.ciphertext;
  const first = decryptTool(tool, hex, keys[0].value);
  let decrypted: LabDecryptState["decrypted"] = "plaintext" in first ? { ...first, key: keys[0].state } : first;
  // A wrong padding may just be a rotation: try the previous key before blaming the key.
  if (!("plaintext" in first) && (first.reason === "bad_padding" || first.reason === "not_text") && keys[1]) {
    const again = decryptTool(tool, hex, keys[1].value);
    if ("plaintext" in again) decrypted = { ...again, key: keys[1].state };
  }
  const secrets = allSecrets(integration);
  const masked = JSON.parse(
    maskText(
      JSON.stringify(decrypted),
      secrets.map((s) => ({ name: s.name, value: JSON.stringify(s.value).slice(1, -1) })),
    ),
  );
  if (typeof masked.message === "string") masked.message = (await translator())(masked.message);
  const result: Partial<LabDecryptState> = {
    ok: "plaintext" in decrypted,
    message:
      "plaintext" in decrypted ? `Decrypted with the ${decrypted.key} key.` : `Does not decrypt: ${decrypted.message}.`,
    decrypted: masked,
  };
  return result;
});

export const explainAction = action(
  "operator",
  z.object({ callId: text() }),
  async (input): Promise<Partial<LabExplainState>> => {
    const raw = input.callId.trim().replace(/^#/, "");
    const id = /^\d{1,12}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(id) || id <= 0)
      throw validationError("Give a call number.", { callId: ["A call number such as 42"] });
    const client = await db();
    const call = await getCall(client, id);
    if (!call) throw validationError(`There is no call #${id}.`, { callId: [`No call #${id}`] });
    const integration = call.integrationId
      ? await loadIntegrationWithKeys(client, masterKey(readConfig()), call.integrationId, call.vendor)
      : null;
    const companyIds = call.vendor === "sobot-crm" ? await sobotCompanyIds(client) : [];
    const tr = await translator();
    const found = explainCall(call, integration, { companyIds });
    const explanation: Explanation = {
      ...found,
      summary: tr(found.summary),
      causes: found.causes.map(tr),
      usualCauses: found.usualCauses.map(tr),
    };
    const result: Partial<LabExplainState> = {
      message: explanation.summary,
      explanation,
      call: {
        id: call.id,
        outcome: call.outcome,
        detail: integration ? maskText(call.detail, allSecrets(integration)) : call.detail,
      },
    };
    return result;
  },
);
