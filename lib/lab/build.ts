// The signature lab's request builders: for each inbound call kind, the exact request the vendor
// would send for an integration and a payload (string that is signed, sign, ciphertext, headers,
// body, curl). Pure functions; the server actions give them the secret values.
//
// Two results per build: `wire`, the request with the real secret (only ever sent by the server
// to its own endpoint), and `view`, what the browser may see: every secret replaced by «name».
import crypto from "node:crypto";
import { shellQuote } from "@/lib/calls/curl";
import { encrypt as aesEncrypt, sign as sobotSign } from "@/lib/vendors/sobot/codec";
import { desDecrypt, desEncrypt } from "@/lib/vendors/hyphenate/codec";
import { SYSTEM_PARAMS } from "@/lib/vendors/hyphenate/iframe";

export const LAB_KINDS = [
  "sobot-crm",
  "sobot-webhook",
  "udesk-message",
  "udesk-task",
  "udesk-knowledge",
  "hyphenate-iframe",
] as const;
export type LabKind = (typeof LAB_KINDS)[number];

export type LabKindInfo = {
  label: string;
  /** The integration vendor this call belongs to. */
  vendor: string;
  /** The key of the integration's endpoints (kinds.ts) this call goes to. */
  endpoint: string;
  /** The call kind recorded in the log. */
  callKind: string;
  /** The secret the call is signed, encrypted or authenticated with. */
  secret: string;
};

export const LAB_KIND_INFO: Record<LabKind, LabKindInfo> = {
  "sobot-crm": {
    label: "Sobot CRM docking",
    vendor: "sobot-crm",
    endpoint: "crm",
    callKind: "crm",
    secret: "secretKey",
  },
  "sobot-webhook": {
    label: "Sobot webhook app",
    vendor: "sobot-webhook",
    endpoint: "webhook",
    callKind: "webhook",
    secret: "sharedSecret",
  },
  "udesk-message": {
    label: "Udesk message-triggered",
    vendor: "udesk",
    endpoint: "message",
    callKind: "message",
    secret: "key",
  },
  "udesk-task": { label: "Udesk task push", vendor: "udesk", endpoint: "task", callKind: "task", secret: "key" },
  "udesk-knowledge": {
    label: "Udesk knowledge base",
    vendor: "udesk",
    endpoint: "knowledge",
    callKind: "knowledge",
    secret: "key",
  },
  "hyphenate-iframe": {
    label: "Hyphenate CRM panel",
    vendor: "hyphenate",
    endpoint: "iframe",
    callKind: "iframe",
    secret: "key",
  },
};

export const isLabKind = (v: unknown): v is LabKind =>
  typeof v === "string" && (LAB_KINDS as readonly string[]).includes(v);

/** The lab kind of a logged call (vendor + kind), if it is one the lab knows. */
export function labKindOf(vendor: string, kind: string): LabKind | null {
  return LAB_KINDS.find((k) => LAB_KIND_INFO[k].vendor === vendor && LAB_KIND_INFO[k].callKind === kind) ?? null;
}

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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function timestampOf(options: BuildOptions): string {
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

type Key = { value: string; shown: string; state: "current" | "wrong" };

function requiredKey(kind: LabKind, secrets: LabSecrets, wrong: boolean | undefined): Key {
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

function asObject(payload: unknown, what: string): Record<string, unknown> {
  if (!isObject(payload)) throw new LabInputError("payload", `The payload must be a JSON object (${what}).`);
  return payload;
}

const jsonTimestamp = (ts: string) => (/^\d{1,15}$/.test(ts) ? Number(ts) : ts);

function finish(
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

function endpointPath(kind: LabKind, integration: LabIntegration): string {
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

const joined = (parts: { value: string }[]) => parts.map((p) => p.value).join("");

// ---- Sobot CRM docking: sign = md5(companyId + timestamp + secretKey + parameter) ----
function buildSobotCrm(
  integration: LabIntegration,
  secrets: LabSecrets,
  payload: unknown,
  options: BuildOptions,
): BuiltRequest {
  const key = requiredKey("sobot-crm", secrets, options.wrongKey);
  // A string payload is taken as the plaintext itself (e.g. to try the short-plaintext quirk).
  const plaintext =
    typeof payload === "string" ? payload : JSON.stringify(asObject(payload, 'the query, e.g. {"partnerId": …}'));
  const companyId = String(integration.settings.companyId ?? "");
  const timestamp = timestampOf(options);
  const parameter = aesEncrypt(plaintext, key.value);
  const sign = sobotSign(companyId, timestamp, key.value, parameter);
  const signedParts = [
    { name: "companyId", value: companyId },
    { name: "timestamp", value: timestamp },
    { name: "secretKey", value: key.shown },
    { name: "parameter", value: parameter },
  ];
  const headers = { "content-type": "application/json", timestamp, sign };
  return finish(
    "sobot-crm",
    options,
    {
      method: "POST",
      path: endpointPath("sobot-crm", integration),
      wireHeaders: headers,
      body: JSON.stringify({ parameter }),
    },
    {
      key: key.state,
      formula: "md5(companyId + timestamp + secretKey + parameter)",
      signedParts,
      signedString: joined(signedParts),
      sign,
      plaintext,
      ciphertext: parameter,
      timestamp,
      notes: [
        "parameter = AES-128-ECB of the query, key = first 16 bytes of SHA1(SHA1(secretKey)), PKCS#5, upper-case hex.",
        ...(key.state === "wrong"
          ? ["Signed and encrypted with a deliberately wrong key: expect 401 bad_signature."]
          : []),
      ],
    },
  );
}

// ---- Sobot webhook app: no signature; the URL's segment, plus a header or Basic credentials ----
function buildSobotWebhook(
  integration: LabIntegration,
  secrets: LabSecrets,
  payload: unknown,
  options: BuildOptions,
): BuiltRequest {
  const body = JSON.stringify(asObject(payload, "the customer push, with at least an id"));
  const mode = String(integration.settings.authMode ?? "none");
  const secret = secrets.sharedSecret;
  const wire: Record<string, string> = { "content-type": "application/json" };
  const shown: Record<string, string> = { "content-type": "application/json" };
  const notes = ["Sobot defines no signature for this call: the URL's secret segment authenticates it."];
  let key: LabRequestView["key"] = "none";
  if (mode === "header" || mode === "basic") {
    if (!secret) {
      notes.push(
        `The integration requires ${mode === "header" ? "a shared header" : "Basic credentials"} ` +
          "but has no shared secret set: expect 401.",
      );
    } else {
      const w = options.wrongKey ? wrongKeyOf(secret) : null;
      const value = w ? w.value : secret;
      const display = w ? w.shown("sharedSecret") : masked("sharedSecret");
      key = w ? "wrong" : "current";
      if (mode === "header") {
        const name = String(integration.settings.headerName || "x-deskbridge-token").toLowerCase();
        wire[name] = value;
        shown[name] = display;
        notes.push(`The header ${name} carries the shared secret.`);
      } else {
        const user = String(integration.settings.basicUser ?? "");
        wire.authorization = `Basic ${Buffer.from(`${user}:${value}`, "utf8").toString("base64")}`;
        shown.authorization = `Basic base64(${user}:${display})`;
        notes.push("HTTP Basic: the user name and the shared secret as the password.");
      }
      if (w) notes.push("Authenticated with a deliberately wrong shared secret: expect 401 bad_signature.");
    }
  } else if (options.wrongKey) {
    notes.push(
      "This integration requires no shared secret (authentication mode none): a wrong key changes nothing here.",
    );
  }
  notes.push("Send really writes: the push creates or updates the customer with this id.");
  return finish(
    "sobot-webhook",
    options,
    { method: "POST", path: endpointPath("sobot-webhook", integration), wireHeaders: wire, viewHeaders: shown, body },
    { key, notes },
  );
}

// ---- Udesk: timestamp and sign in the JSON body ----
function udeskBody(payload: Record<string, unknown>, timestamp: string, sign: string): string {
  const rest = Object.fromEntries(Object.entries(payload).filter(([k]) => k !== "timestamp" && k !== "sign"));
  return JSON.stringify({ timestamp: jsonTimestamp(timestamp), sign, ...rest });
}

const udeskHash = (algorithm: string, text: string) => crypto.createHash(algorithm).update(text, "utf8").digest("hex");

function buildUdesk(
  kind: "udesk-message" | "udesk-task" | "udesk-knowledge",
  integration: LabIntegration,
  secrets: LabSecrets,
  payload: unknown,
  options: BuildOptions,
): BuiltRequest {
  const key = requiredKey(kind, secrets, options.wrongKey);
  const data = { ...asObject(payload, "the Udesk request body without timestamp and sign") };
  const timestamp = timestampOf(options);
  let signedParts: { name: string; value: string }[];
  let real: string;
  let formula: string;
  let algorithm: string;
  if (kind === "udesk-message") {
    if (data.integrationName === undefined) data.integrationName = String(integration.settings.integrationName ?? "");
    const name = String(data.integrationName);
    signedParts = [
      { name: "integrationName", value: name },
      { name: "&", value: "&" },
      { name: "key", value: key.shown },
      { name: "&", value: "&" },
      { name: "timestamp", value: timestamp },
    ];
    real = `${name}&${key.value}&${timestamp}`;
    formula = 'sha1(integrationName + "&" + key + "&" + timestamp)';
    algorithm = "sha1";
  } else if (kind === "udesk-task") {
    if (data.sessionId === undefined || data.sessionId === null || data.sessionId === "")
      throw new LabInputError("payload", "A task push needs a sessionId.");
    const node = data.taskNodeId === null || data.taskNodeId === undefined ? "" : String(data.taskNodeId);
    const session = String(data.sessionId);
    signedParts = [
      { name: "key", value: key.shown },
      ...(node ? [{ name: "taskNodeId", value: node }] : []),
      { name: "sessionId", value: session },
      { name: "timestamp", value: timestamp },
    ];
    real = `${key.value}${node}${session}${timestamp}`;
    formula = node
      ? "md5(key + taskNodeId + sessionId + timestamp)"
      : "md5(key + sessionId + timestamp) (taskNodeId is null)";
    algorithm = "md5";
  } else {
    signedParts = [
      { name: "key", value: key.shown },
      { name: "&", value: "&" },
      { name: "timestamp", value: timestamp },
    ];
    real = `${key.value}&${timestamp}`;
    formula = 'sha256(key + "&" + timestamp)';
    algorithm = "sha256";
  }
  const sign = udeskHash(algorithm, real);
  const body = udeskBody(data, timestamp, sign);
  const notes: string[] = [];
  if (kind === "udesk-message" && String(data.integrationName) !== String(integration.settings.integrationName ?? "")) {
    notes.push(
      `integrationName "${String(data.integrationName)}" is not the configured ` +
        `"${String(integration.settings.integrationName ?? "")}": expect 401.`,
    );
  }
  if (key.state === "wrong") notes.push("Signed with a deliberately wrong key: expect 401 bad_signature.");
  return finish(
    kind,
    options,
    {
      method: "POST",
      path: endpointPath(kind, integration),
      wireHeaders: { "content-type": "application/json" },
      body,
    },
    { key: key.state, formula, signedParts, signedString: joined(signedParts), sign, timestamp, notes },
  );
}

// ---- Hyphenate: GET with (DES-encrypted) parameters ----
function buildHyphenate(
  integration: LabIntegration,
  secrets: LabSecrets,
  payload: unknown,
  options: BuildOptions,
): BuiltRequest {
  const data = asObject(payload, 'the panel\'s query parameters, e.g. {"visitorImId": "visitor-001"}');
  const entries = Object.entries(data).map(([name, v]) => {
    if (v !== null && typeof v === "object")
      throw new LabInputError("payload", `Parameter "${name}" must be text or a number.`);
    return [name, v === null || v === undefined ? "" : String(v)] as const;
  });
  const encryptSystem = Boolean(integration.settings.encryptSystemParams);
  const real = secrets.key;
  const notes: string[] = [];
  const encrypts = (name: string, value: string) =>
    Boolean(real) && value !== "" && name !== "lang" && (!SYSTEM_PARAMS.has(name) || encryptSystem);
  let key: LabRequestView["key"] = real ? "current" : "none";
  let cipherKey = real ?? "";
  if (real && options.wrongKey) {
    key = "wrong";
    // DES keeps the first 8 bytes only, and a wrong key can by chance still unpad to text:
    // take the first wrong key whose parameters the real key cannot decrypt.
    const candidates = entries.filter(([n, v]) => encrypts(n, v));
    if (candidates.length === 0) {
      cipherKey = wrongKeyOf(real).value;
      notes.push(
        "No parameter is encrypted with these settings (system parameters are sent in clear), " +
          "so a wrong key cannot show.",
      );
    }
    for (let attempt = 0; candidates.length > 0 && attempt < 20; attempt++) {
      const w = wrongKeyOf(real, attempt);
      cipherKey = w.value;
      const fails = candidates.some(([, v]) => {
        try {
          desDecrypt(desEncrypt(v, w.value), real);
          return false;
        } catch {
          return true;
        }
      });
      if (fails) {
        notes.push(`Encrypted with a deliberately wrong key (${w.shown("key")}): expect 400 decrypt_failed.`);
        break;
      }
    }
  } else if (!real && options.wrongKey) {
    notes.push("This integration has no encryption key: parameters are sent in clear and a wrong key changes nothing.");
  }
  const params = entries.map(([name, value]) => {
    const encrypted = encrypts(name, value);
    return { name, value, sent: encrypted ? desEncrypt(value, cipherKey) : value, encrypted };
  });
  const query = new URLSearchParams(params.map((p) => [p.name, p.sent])).toString();
  const path = `${endpointPath("hyphenate-iframe", integration)}${query ? `?${query}` : ""}`;
  if (real)
    notes.unshift(
      `DES (first 8 bytes of ${masked("key")}, ECB, PKCS#5, lower-case hex) of the custom parameters` +
        `${encryptSystem ? " and the system parameters" : ""}; lang never.`,
    );
  const encrypted = params.filter((p) => p.encrypted);
  return finish(
    "hyphenate-iframe",
    options,
    { method: "GET", path, wireHeaders: {}, body: null },
    {
      key,
      params,
      ciphertext: encrypted.length ? encrypted.map((p) => `${p.name}=${p.sent}`).join("\n") : null,
      plaintext: encrypted.length ? encrypted.map((p) => `${p.name}=${p.value}`).join("\n") : null,
      notes,
    },
  );
}

/** The request the vendor would send. Throws LabInputError for an input it cannot build from. */
export function buildLabRequest(
  kind: LabKind,
  integration: LabIntegration,
  secrets: LabSecrets,
  payload: unknown,
  options: BuildOptions,
): BuiltRequest {
  const built = (() => {
    switch (kind) {
      case "sobot-crm":
        return buildSobotCrm(integration, secrets, payload, options);
      case "sobot-webhook":
        return buildSobotWebhook(integration, secrets, payload, options);
      case "udesk-message":
      case "udesk-task":
      case "udesk-knowledge":
        return buildUdesk(kind, integration, secrets, payload, options);
      case "hyphenate-iframe":
        return buildHyphenate(integration, secrets, payload, options);
    }
  })();
  // Defence in depth: whatever a builder did, no secret value leaves in the view.
  const values = Object.entries(secrets).flatMap(([name, value]) => (value ? [{ name, value }] : []));
  built.view = JSON.parse(
    maskText(
      JSON.stringify(built.view),
      values.map((s) => ({ name: s.name, value: JSON.stringify(s.value).slice(1, -1) })),
    ),
  );
  return built;
}

/** A realistic payload per kind, for demo customers where there are any. */
export function defaultPayload(kind: LabKind, settings: Record<string, unknown> = {}): unknown {
  switch (kind) {
    case "sobot-crm":
      // The vendor document's own query: the demo customer su0012.
      return { email: "55612609866@163.com", partnerId: "partnerId", tel: "55612609866" };
    case "sobot-webhook":
      return {
        id: "lab-demo-001",
        pid: "",
        nick: "Lab demo",
        uname: "实验室演示",
        email: "lab.demo@example.com",
        tel: "13800001234",
        remark: "pushed from the signature lab",
        is_vip: "0",
        vip_level: "",
        user_label: "lab",
        ex_fields: { source: "signature-lab" },
      };
    case "udesk-message":
      return {
        integrationName: String(settings.integrationName ?? ""),
        regex: "",
        questionContent: "我的订单到哪了？",
        extra: { weChatOpenId: "oLab-demo-openid" },
        customerExtra: { customerId: 90003 },
      };
    case "udesk-task":
      return {
        taskNodeId: 100,
        sessionId: 100,
        variables: {},
        pageNum: 1,
        pageSize: 5,
        customerExtra: { customerId: 90003, callerNumber: "", dialogueDesc: "" },
      };
    case "udesk-knowledge":
      return {
        datumId: 1,
        datumName: "退货政策",
        sessionId: 100,
        templateAttributeId: 2,
        templateAttributeName: "退货期限",
        customer: { customerId: 90003 },
      };
    case "hyphenate-iframe":
      return {
        visitorImId: "visitor-001",
        easemobId: "kefuchannelimid_lab",
        to: "gh_lab",
        lang: "zh",
        customUserId: "P001",
        name: "Jack",
        age: "40",
        sex: "man",
      };
  }
}
