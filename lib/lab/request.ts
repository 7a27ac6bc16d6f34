// The signature lab's request step shared by every vendor: the build inputs and results, the
// key the request is made with (current or deliberately wrong), the masking of secrets («name»),
// the endpoint path and the curl command.
//
// Two results per build: `wire`, the request with the real secret (only ever sent by the server
// to its own endpoint), and `view`, what the browser may see: every secret replaced by «name».
import { shellQuote } from "@/lib/calls/curl";
import { LAB_KIND_INFO, type LabKind } from "@/lib/lab/kinds";

export type LabIntegration = { name: string; slug: string; settings: Record<string, unknown> };
/** The current value of each of the integration's secrets (server side only). */
export type LabSecrets = Record<string, string | undefined>;
export type BuildOptions = {
  /** The origin the curl command and the URL use, e.g. https://crm.example.com. */
  origin: string;
  /** Unix seconds; default now. */
  timestamp?: string | number;
  /** Sign / encrypt / authenticate with a deliberately wrong key. */
  wrongKey?: boolean;
  now?: Date;
};

export type LabRequestView = {
  kind: LabKind;
  label: string;
  method: string;
  /** Path with the query (Hyphenate). */
  path: string;
  url: string;
  headers: [string, string][];
  body: string | null;
  /** e.g. md5(companyId + timestamp + secretKey + parameter) */
  formula: string | null;
  /** The inputs of the signed string, in order; a secret shows as «name». */
  signedParts: { name: string; value: string }[];
  signedString: string | null;
  sign: string | null;
  /** What was encrypted (Sobot's query JSON). */
  plaintext: string | null;
  ciphertext: string | null;
  /** Hyphenate: each parameter and what was sent for it. */
  params: { name: string; value: string; sent: string; encrypted: boolean }[];
  timestamp: string | null;
  /** Which key signed / encrypted / authenticated it. */
  key: "current" | "wrong" | "none";
  notes: string[];
  curl: string;
};

export type WireRequest = { method: string; path: string; headers: Record<string, string>; body: string | null };
export type BuiltRequest = { view: LabRequestView; wire: WireRequest };

/** An input the lab cannot build from, naming the field. */
export class LabInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** «name»: how a secret is shown. */
export const masked = (name: string) => `«${name}»`;

/**
 * A deliberately wrong key: "wrong-" + the key. For DES only the first 8 bytes count, so the
 * prefix changes them; `attempt` gives further variants.
 */
export function wrongKeyOf(key: string, attempt = 0): { value: string; shown: (name: string) => string } {
  const prefix = attempt === 0 ? "wrong-" : `wrong${attempt}-`;
  return { value: prefix + key, shown: (name) => prefix + masked(name) };
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export function timestampOf(options: BuildOptions): string {
  const given = options.timestamp === undefined || options.timestamp === null ? "" : String(options.timestamp).trim();
  if (!given) return String(Math.floor((options.now ?? new Date()).getTime() / 1000));
  if (!/^\d{1,13}$/.test(given))
    throw new LabInputError("timestamp", "The timestamp must be Unix seconds (digits only), or empty for now.");
  return given;
}

/** Replaces every secret value left in a text (a last line of defence; builders mask explicitly). */
export function maskText(text: string, secrets: { name: string; value: string }[]): string {
  // Longest first, so a secret containing another is masked whole; «placeholders» stay as they are.
  const sorted = [...secrets].filter((s) => s.value.length >= 4).sort((a, b) => b.value.length - a.value.length);
  return text
    .split(/(«[^«»]*»)/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      let out = part;
      for (const s of sorted) out = out.split(s.value).join(masked(s.name));
      return out;
    })
    .join("");
}

export function curlOf(method: string, url: string, headers: [string, string][], body: string | null): string {
  const parts = [`curl -X ${method} ${shellQuote(url)}`, ...headers.map(([k, v]) => `-H ${shellQuote(`${k}: ${v}`)}`)];
  if (body !== null) parts.push(`--data-binary ${shellQuote(body)}`);
  return parts.join(" \\\n  ");
}

export type Key = { value: string; shown: string; state: "current" | "wrong" };

export function requiredKey(kind: LabKind, secrets: LabSecrets, wrong: boolean | undefined): Key {
  const name = LAB_KIND_INFO[kind].secret;
  const value = secrets[name];
  if (!value)
    throw new LabInputError(
      "integrationId",
      `This integration has no ${name} set: set it on the integration's page first.`,
    );
  if (!wrong) return { value, shown: masked(name), state: "current" };
  const w = wrongKeyOf(value);
  return { value: w.value, shown: w.shown(name), state: "wrong" };
}

export function asObject(payload: unknown, what: string): Record<string, unknown> {
  if (!isObject(payload)) throw new LabInputError("payload", `The payload must be a JSON object (${what}).`);
  return payload;
}

export const jsonTimestamp = (ts: string) => (/^\d{1,15}$/.test(ts) ? Number(ts) : ts);

export function finish(
  kind: LabKind,
  options: BuildOptions,
  req: {
    method: string;
    path: string;
    wireHeaders: Record<string, string>;
    viewHeaders?: Record<string, string>;
    body: string | null;
  },
  view: Partial<LabRequestView> & { key: LabRequestView["key"] },
): BuiltRequest {
  const url = `${options.origin.replace(/\/+$/, "")}${req.path}`;
  const headers = Object.entries(req.viewHeaders ?? req.wireHeaders);
  return {
    wire: { method: req.method, path: req.path, headers: req.wireHeaders, body: req.body },
    view: {
      kind,
      label: LAB_KIND_INFO[kind].label,
      method: req.method,
      path: req.path,
      url,
      headers,
      body: req.body,
      formula: null,
      signedParts: [],
      signedString: null,
      sign: null,
      plaintext: null,
      ciphertext: null,
      params: [],
      timestamp: null,
      notes: [],
      curl: curlOf(req.method, url, headers, req.body),
      ...view,
    },
  };
}

export function endpointPath(kind: LabKind, integration: LabIntegration): string {
  const slug = encodeURIComponent(integration.slug);
  switch (kind) {
    case "sobot-crm":
      return `/api/callbacks/sobot/crm/${slug}`;
    case "sobot-webhook":
      return `/api/callbacks/sobot/webhook/${slug}`;
    case "udesk-message":
      return `/api/callbacks/udesk/message/${slug}`;
    case "udesk-task":
      return `/api/callbacks/udesk/task/${slug}`;
    case "udesk-knowledge":
      return `/api/callbacks/udesk/knowledge/${slug}`;
    case "hyphenate-iframe":
      return `/hyphenate/${slug}`;
  }
}

export const joined = (parts: { value: string }[]) => parts.map((p) => p.value).join("");
