// "Explain" for a failed inbound call: recompute the expected sign from the logged request with
// the integration's current and previous keys, set it beside the received one, and name the
// likely causes from the evidence (rotation, drift, another company id or integration name, a
// re-encoded body, else a wrong key). Pure; no secret value appears in what it returns.
//
// Also the decrypt tool: a Sobot AES or Hyphenate DES ciphertext → plaintext or a precise reason.
import crypto from "node:crypto";
import { CipherTextError, decrypt as aesDecrypt, sign as sobotSign } from "@/lib/vendors/sobot/codec";
import { DesError, desDecrypt } from "@/lib/vendors/hyphenate/codec";
import { SYSTEM_PARAMS } from "@/lib/vendors/hyphenate/iframe";
import { labKindOf, LAB_KIND_INFO, masked, maskText, type LabKind } from "@/lib/lab/build";

export type LoggedCall = {
  id?: number;
  direction?: string;
  vendor: string;
  kind: string;
  outcome: string;
  method: string;
  path: string;
  query: string;
  /** The logged headers: JSON text or an object. */
  headers: string | Record<string, string>;
  requestBody: string | null;
  requestEncoding: string;
  createdAt: Date;
  detail?: string;
  prunedAt?: Date | null;
};

export type ExplainKey = { value: string; state: "current" | "previous" };
export type ExplainIntegration = {
  name: string;
  settings: Record<string, unknown>;
  keys: Record<string, ExplainKey[]>;
};
/** Other values to try, e.g. the company ids of the other Sobot integrations. */
export type ExplainAlternatives = { companyIds?: string[] };

export type Explanation = {
  callId: number | null;
  kind: LabKind | null;
  outcome: string;
  explainable: boolean;
  summary: string;
  formula: string | null;
  inputs: { name: string; value: string }[];
  /** The sign Deskbridge expects with the current key. */
  expected: string | null;
  expectedPrevious: string | null;
  received: string | null;
  matchesCurrent: boolean;
  matchesPrevious: boolean;
  timestampDriftSeconds: number | null;
  toleranceSeconds: number | null;
  /** Chosen from the evidence, most likely first. */
  causes: string[];
  /** What usually goes wrong with this kind of call. */
  usualCauses: string[];
  /** Hyphenate: each parameter and how it decrypts. */
  params: { name: string; value: string; result: string }[];
};

const FAILED = new Set(["bad_signature", "stale_timestamp", "decrypt_failed"]);

const USUAL: Record<LabKind, string[]> = {
  "sobot-crm": [
    "wrong company id: Sobot signs with the companyId of its docking scheme",
    "wrong secret key, or an old key after a rotation whose grace period has ended",
    "timestamp drift between Sobot's clock and this server's",
    "body re-encoded by a proxy (the sign covers the parameter exactly as sent)",
  ],
  "sobot-webhook": [
    "the shared header or Basic credentials are not set in Sobot's webhook app",
    "an old shared secret after a rotation (the webhook accepts the current one only)",
    "a proxy that strips the header",
  ],
  "udesk-message": [
    "integration name differs from the one configured in Udesk (it is part of the signed string, exactly, in UTF-8)",
    "wrong key, or an old key after a rotation whose grace period has ended",
    "timestamp drift",
    "body re-encoded (the name signed as Latin-1 instead of UTF-8)",
  ],
  "udesk-task": [
    "wrong key, or an old key after a rotation",
    "taskNodeId / sessionId in the body differ from the ones signed (the vendor's own curl example does this)",
    "timestamp drift",
  ],
  "udesk-knowledge": [
    "wrong key, or an old key after a rotation",
    "timestamp drift",
    'the "&" between key and timestamp left out',
  ],
  "hyphenate-iframe": [
    "wrong encryption key (only its first 8 bytes count)",
    "an old key after a rotation: the panel decrypts with the current key only",
    '"System parameters are encrypted too" set differently here and in the console',
  ],
};

const md5 = (t: string) => crypto.createHash("md5").update(t, "utf8").digest("hex");
const sha1 = (t: string) => crypto.createHash("sha1").update(t, "utf8").digest("hex");
const sha256 = (t: string) => crypto.createHash("sha256").update(t, "utf8").digest("hex");

function headersOf(call: LoggedCall): Record<string, string> {
  if (typeof call.headers !== "string")
    return Object.fromEntries(Object.entries(call.headers).map(([k, v]) => [k.toLowerCase(), v]));
  try {
    const parsed = JSON.parse(call.headers || "{}") as Record<string, string>;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k.toLowerCase(), String(v)]));
  } catch {
    return {};
  }
}

function bodyText(call: LoggedCall): string | null {
  if (call.requestBody === null) return null;
  return call.requestEncoding === "base64"
    ? Buffer.from(call.requestBody, "base64").toString("utf8")
    : call.requestBody;
}

function parseJson(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/** The literal text of a top-level JSON field as it appears in the raw body (e.g. 1.5e9, "0100"). */
function rawLiteral(body: string, field: string): string | null {
  const m = new RegExp(`"${field}"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|[^,}\\s]+)`).exec(body);
  if (!m) return null;
  return m[1].startsWith('"') ? m[1].slice(1, -1) : m[1];
}

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));

/** Seconds between the call's timestamp and the moment it was received (positive: in the future). */
function driftOf(timestamp: string, receivedAt: Date): number | null {
  if (!/^\d{1,13}$/.test(timestamp.trim())) return null;
  const n = Number(timestamp);
  const seconds = n > 1e11 ? n / 1000 : n;
  return Math.round(seconds - receivedAt.getTime() / 1000);
}

const keyOf = (integration: ExplainIntegration, name: string, state: "current" | "previous") =>
  integration.keys[name]?.find((k) => k.state === state)?.value;

/** UTF-8 text read as Latin-1, and Latin-1 text read as UTF-8: what a re-encoding proxy does. */
function reencodings(text: string): { value: string; how: string }[] {
  const out: { value: string; how: string }[] = [];
  const asLatin1 = Buffer.from(text, "utf8").toString("latin1");
  if (asLatin1 !== text) out.push({ value: asLatin1, how: "its UTF-8 bytes read as Latin-1" });
  const fromLatin1 = Buffer.from(text, "latin1").toString("utf8");
  if (fromLatin1 !== text && !fromLatin1.includes("\uFFFD"))
    out.push({ value: fromLatin1, how: "Latin-1 bytes read as UTF-8" });
  return out;
}

function base(call: LoggedCall, kind: LabKind | null): Explanation {
  return {
    callId: call.id ?? null,
    kind,
    outcome: call.outcome,
    explainable: false,
    summary: "",
    formula: null,
    inputs: [],
    expected: null,
    expectedPrevious: null,
    received: null,
    matchesCurrent: false,
    matchesPrevious: false,
    timestampDriftSeconds: null,
    toleranceSeconds: null,
    causes: [],
    usualCauses: kind ? USUAL[kind] : [],
    params: [],
  };
}

type SignCheck = {
  formula: string;
  inputs: { name: string; value: string }[];
  /** The sign over the configured values with a key. */
  compute: (key: string) => string;
  received: string;
  timestamp: string;
  /** Other readings of the request to try with each key; a match names a cause. */
  alternatives: { cause: (keyState: "current" | "previous") => string; compute: (key: string) => string }[];
};

function explainSign(
  out: Explanation,
  integration: ExplainIntegration,
  secretName: string,
  check: SignCheck,
  receivedAt: Date,
): Explanation {
  const current = keyOf(integration, secretName, "current");
  const previous = keyOf(integration, secretName, "previous");
  out.explainable = true;
  out.formula = check.formula;
  out.inputs = check.inputs;
  out.received = check.received;
  out.expected = current ? check.compute(current) : null;
  out.expectedPrevious = previous ? check.compute(previous) : null;
  out.matchesCurrent = out.expected !== null && out.expected === check.received;
  out.matchesPrevious = out.expectedPrevious !== null && out.expectedPrevious === check.received;
  out.timestampDriftSeconds = driftOf(check.timestamp, receivedAt);
  const tolerance = Number(integration.settings.timestampTolerance ?? 300);
  out.toleranceSeconds = Number.isFinite(tolerance) ? tolerance : null;

  if (!current) out.causes.push(`the integration has no ${secretName} set`);
  if (out.matchesPrevious)
    out.causes.push(
      `signed with the previous key (rotation): the caller still uses the ${secretName} that was replaced`,
    );
  if (!out.matchesCurrent && !out.matchesPrevious) {
    const keys = [
      current && { value: current, state: "current" as const },
      previous && { value: previous, state: "previous" as const },
    ].filter(Boolean) as ExplainKey[];
    const found = new Set<string>();
    for (const alt of check.alternatives) {
      for (const k of keys) {
        if (alt.compute(k.value) === check.received) found.add(alt.cause(k.state));
      }
    }
    out.causes.push(...found);
    if (found.size === 0 && check.received) {
      out.causes.push(
        `wrong key: the sign matches neither the current${previous ? " nor the previous" : ""} ${secretName} ` +
          `(expected ${out.expected ?? "—"}, received ${check.received})`,
      );
    }
    if (!check.received) out.causes.push("the request carries no sign");
  }
  const drift = out.timestampDriftSeconds;
  if (drift !== null && (out.outcome === "stale_timestamp" || (tolerance > 0 && Math.abs(drift) > tolerance))) {
    out.causes.push(
      `timestamp drift of ${drift} s (${drift < 0 ? "old" : "in the future"}; ` +
        `the tolerance is ${tolerance ? `${tolerance} s` : "off"})`,
    );
  }
  return out;
}

function explainSobotCrm(
  out: Explanation,
  call: LoggedCall,
  integration: ExplainIntegration,
  alternatives: ExplainAlternatives,
): Explanation {
  const headers = headersOf(call);
  const raw = bodyText(call);
  const body = parseJson(raw);
  const parameter = typeof body?.parameter === "string" ? body.parameter : null;
  const timestamp = (headers.timestamp ?? "").trim();
  const received = (headers.sign ?? "").trim().toLowerCase();
  if (parameter === null || !timestamp) {
    out.summary = "The request has no timestamp header or no JSON parameter: there is no sign to recompute.";
    return out;
  }
  const companyId = str(integration.settings.companyId);
  const others = [...new Set([...(alternatives.companyIds ?? []), "", companyId.trim()])].filter(
    (c) => c !== companyId,
  );
  const variants = [
    { value: parameter.toLowerCase(), how: "in lower-case hex" },
    { value: parameter.toUpperCase(), how: "in upper-case hex" },
    { value: raw ?? "", how: "the whole JSON body" },
    { value: JSON.stringify(body), how: "the body re-serialized" },
  ].filter((v) => v.value !== parameter);
  explainSign(
    out,
    integration,
    "secretKey",
    {
      formula: "md5(companyId + timestamp + secretKey + parameter)",
      inputs: [
        { name: "companyId (configured)", value: companyId },
        { name: "timestamp (header)", value: timestamp },
        { name: "secretKey", value: masked("secretKey") },
        { name: "parameter (body)", value: parameter },
      ],
      compute: (k) => sobotSign(companyId, timestamp, k, parameter),
      received,
      timestamp,
      alternatives: [
        ...others.map((other) => ({
          cause: (state: string) =>
            `company id differs: the sign matches companyId "${other}" (with the ${state} key), ` +
            `the integration is configured with "${companyId}"`,
          compute: (k: string) => sobotSign(other, timestamp, k, parameter),
        })),
        ...variants.map((v) => ({
          cause: () => `body re-encoded: the sign matches the parameter as ${v.how}, not the bytes received`,
          compute: (k: string) => sobotSign(companyId, timestamp, k, v.value),
        })),
      ],
    },
    call.createdAt,
  );
  // The sign can verify while the parameter does not decrypt: say with which key it would.
  if (call.outcome === "decrypt_failed" || out.matchesCurrent || out.matchesPrevious) {
    const tries = (["current", "previous"] as const).flatMap((state) => {
      const k = keyOf(integration, "secretKey", state);
      if (!k) return [];
      try {
        aesDecrypt(parameter, k);
        return [{ state, ok: true, reason: "" }];
      } catch (error) {
        return [{ state, ok: false, reason: error instanceof CipherTextError ? error.message : String(error) }];
      }
    });
    const signedWith = out.matchesCurrent ? "current" : out.matchesPrevious ? "previous" : null;
    const decryptsWith = tries.find((t) => t.ok)?.state ?? null;
    if (call.outcome === "decrypt_failed") {
      if (decryptsWith && signedWith && decryptsWith !== signedWith)
        out.causes.push(
          `the parameter was encrypted with the ${decryptsWith} key but signed with the ${signedWith} key`,
        );
      else if (!decryptsWith)
        out.causes.push(
          `the parameter does not decrypt with ${tries.length === 2 ? "either key" : "the key"}: ` +
            `${tries[0]?.reason ?? "no key"} (tampered, or encrypted with another key)`,
        );
    }
  }
  out.summary = summaryOf(out, "secretKey");
  return out;
}

function summaryOf(out: Explanation, secretName: string): string {
  if (out.matchesCurrent)
    return out.outcome === "stale_timestamp"
      ? `The sign is right (current ${secretName}); the timestamp is outside the window.`
      : `The sign matches the current ${secretName}.`;
  if (out.matchesPrevious) return `The sign matches the previous ${secretName}, not the current one.`;
  return (
    `The sign does not match: expected ${out.expected ?? "—"} with the current ${secretName}, ` +
    `received ${out.received || "nothing"}.`
  );
}

function explainUdesk(
  out: Explanation,
  call: LoggedCall,
  integration: ExplainIntegration,
  kind: "udesk-message" | "udesk-task" | "udesk-knowledge",
): Explanation {
  const raw = bodyText(call);
  const body = parseJson(raw);
  if (!body) {
    out.summary = "The body is not a JSON object: there is no sign to recompute.";
    return out;
  }
  const timestamp = str(body.timestamp);
  const received = str(body.sign).trim().toLowerCase();
  const rawTs = raw ? rawLiteral(raw, "timestamp") : null;
  const tsVariants = rawTs && rawTs !== timestamp ? [rawTs] : [];
  let check: SignCheck;
  if (kind === "udesk-message") {
    const configured = str(integration.settings.integrationName);
    const sent = str(body.integrationName);
    const names = [
      ...(sent !== configured
        ? [
            {
              value: sent,
              cause: () =>
                `integration name differs: the request says "${sent}", ` +
                `the integration is configured as "${configured}"`,
            },
          ]
        : []),
      ...reencodings(configured).map((r) => ({
        value: r.value,
        cause: () => `body re-encoded: the sign matches the integration name as ${r.how}`,
      })),
    ];
    check = {
      formula: 'sha1(integrationName + "&" + key + "&" + timestamp)',
      inputs: [
        { name: "integrationName (configured)", value: configured },
        ...(sent !== configured ? [{ name: "integrationName (in the request)", value: sent }] : []),
        { name: "key", value: masked("key") },
        { name: "timestamp (body)", value: timestamp },
      ],
      compute: (k) => sha1(`${configured}&${k}&${timestamp}`),
      received,
      timestamp,
      alternatives: [
        ...names.map((n) => ({ cause: n.cause, compute: (k: string) => sha1(`${n.value}&${k}&${timestamp}`) })),
        ...tsVariants.map((t) => ({
          cause: () =>
            `body re-encoded: the sign matches the timestamp as written (${t}), not as parsed (${timestamp})`,
          compute: (k: string) => sha1(`${configured}&${k}&${t}`),
        })),
      ],
    };
  } else if (kind === "udesk-task") {
    const node = str(body.taskNodeId);
    const session = str(body.sessionId);
    const rawNode = raw ? rawLiteral(raw, "taskNodeId") : null;
    const rawSession = raw ? rawLiteral(raw, "sessionId") : null;
    check = {
      formula: node
        ? "md5(key + taskNodeId + sessionId + timestamp)"
        : "md5(key + sessionId + timestamp) (taskNodeId is null)",
      inputs: [
        { name: "key", value: masked("key") },
        ...(node ? [{ name: "taskNodeId (body)", value: node }] : []),
        { name: "sessionId (body)", value: session },
        { name: "timestamp (body)", value: timestamp },
      ],
      compute: (k) => md5(`${k}${node}${session}${timestamp}`),
      received,
      timestamp,
      alternatives: [
        ...(node
          ? [
              {
                cause: () => `the sign leaves taskNodeId out (new-form style) although the body has taskNodeId ${node}`,
                compute: (k: string) => md5(`${k}${session}${timestamp}`),
              },
            ]
          : []),
        ...(rawNode && rawNode !== "null" && rawNode !== node
          ? [
              {
                cause: () =>
                  `body re-encoded: the sign matches taskNodeId as written (${rawNode}), not as parsed (${node})`,
                compute: (k: string) => md5(`${k}${rawNode}${session}${timestamp}`),
              },
            ]
          : []),
        ...(rawSession && rawSession !== session
          ? [
              {
                cause: () =>
                  `body re-encoded: the sign matches sessionId as written (${rawSession}), not as parsed (${session})`,
                compute: (k: string) => md5(`${k}${node}${rawSession}${timestamp}`),
              },
            ]
          : []),
        ...tsVariants.map((t) => ({
          cause: () =>
            `body re-encoded: the sign matches the timestamp as written (${t}), not as parsed (${timestamp})`,
          compute: (k: string) => md5(`${k}${node}${session}${t}`),
        })),
      ],
    };
  } else {
    check = {
      formula: 'sha256(key + "&" + timestamp)',
      inputs: [
        { name: "key", value: masked("key") },
        { name: "timestamp (body)", value: timestamp },
      ],
      compute: (k) => sha256(`${k}&${timestamp}`),
      received,
      timestamp,
      alternatives: [
        {
          cause: () => 'the "&" between key and timestamp is left out (the vendor\'s prose lost it)',
          compute: (k: string) => sha256(`${k}${timestamp}`),
        },
        ...tsVariants.map((t) => ({
          cause: () =>
            `body re-encoded: the sign matches the timestamp as written (${t}), not as parsed (${timestamp})`,
          compute: (k: string) => sha256(`${k}&${t}`),
        })),
      ],
    };
  }
  explainSign(out, integration, "key", check, call.createdAt);
  // The message call verifies the sign with the name it was sent, then compares the names.
  if (kind === "udesk-message") {
    const sent = str(body.integrationName);
    const configured = str(integration.settings.integrationName);
    if (sent !== configured && !out.causes.some((c) => c.startsWith("integration name differs"))) {
      out.causes.unshift(
        `integration name differs: the request says "${sent}", ` + `the integration is configured as "${configured}"`,
      );
    }
  }
  out.summary = summaryOf(out, "key");
  return out;
}

function explainHyphenate(out: Explanation, call: LoggedCall, integration: ExplainIntegration): Explanation {
  const current = keyOf(integration, "key", "current");
  const previous = keyOf(integration, "key", "previous");
  const encryptSystem = Boolean(integration.settings.encryptSystemParams);
  const params = [...new URLSearchParams(call.query).entries()];
  out.explainable = true;
  out.formula = "DES-ECB, key = first 8 bytes of the encryption key, PKCS#5, hex";
  out.inputs = [
    { name: "key", value: current ? masked("key") : "(none set)" },
    { name: "System parameters are encrypted too", value: encryptSystem ? "yes" : "no" },
  ];
  if (!current) {
    out.summary = "The integration has no encryption key: nothing is decrypted.";
    return out;
  }
  const tryKey = (value: string, k: string | undefined) => {
    if (!k) return null;
    try {
      return { ok: true as const, plain: desDecrypt(value, k) };
    } catch (error) {
      return {
        ok: false as const,
        reason: error instanceof DesError ? error.reason : "error",
        message: error instanceof Error ? error.message : String(error),
      };
    }
  };
  const wrongKey: string[] = [];
  const rotation: string[] = [];
  const clear: string[] = [];
  for (const [name, value] of params) {
    const encrypted = value !== "" && name !== "lang" && (!SYSTEM_PARAMS.has(name) || encryptSystem);
    if (!encrypted) {
      out.params.push({ name, value, result: "not encrypted" });
      continue;
    }
    const now = tryKey(value, current)!;
    if (now.ok) {
      out.params.push({ name, value, result: `decrypts to "${now.plain}"` });
      continue;
    }
    const before = tryKey(value, previous);
    if (before?.ok) {
      rotation.push(name);
      out.params.push({
        name,
        value,
        result: `does not decrypt with the current key (${now.message}); decrypts with the previous key`,
      });
    } else if (now.reason === "not_hex" || now.reason === "odd_length" || now.reason === "empty") {
      clear.push(name);
      out.params.push({ name, value, result: `not DES hex (${now.message}): sent in clear?` });
    } else {
      wrongKey.push(name);
      out.params.push({ name, value, result: `does not decrypt with the current key: ${now.message}` });
    }
  }
  out.expected = `${masked("key")} (first 8 bytes)`;
  out.received = rotation.length
    ? "the previous key"
    : wrongKey.length
      ? "another key"
      : clear.length
        ? "no encryption"
        : "the current key";
  out.matchesCurrent = !rotation.length && !wrongKey.length && !clear.length;
  out.matchesPrevious = rotation.length > 0;
  if (rotation.length)
    out.causes.push(
      `encrypted with the previous key (rotation): ${rotation.join(", ")} decrypt(s) with the previous key, ` +
        "and the panel uses the current one only",
    );
  if (wrongKey.length)
    out.causes.push(
      `wrong key: ${wrongKey.map((n) => `"${n}"`).join(", ")} do(es) not decrypt with the current key ` +
        "(wrong padding: most likely encrypted with another key)",
    );
  if (clear.length) {
    out.causes.push(
      `${clear.map((n) => `"${n}"`).join(", ")} ${clear.length > 1 ? "are" : "is"} not encrypted: ` +
        `the console may have no key set, or "System parameters are encrypted too" differs ` +
        `(${encryptSystem ? "on here" : "off here"})`,
    );
  }
  out.summary = out.causes.length
    ? `A parameter does not decrypt with the current key.`
    : "Every encrypted parameter decrypts with the current key.";
  return out;
}

function explainWebhook(out: Explanation, call: LoggedCall, integration: ExplainIntegration): Explanation {
  const mode = str(integration.settings.authMode) || "none";
  const headers = headersOf(call);
  const current = keyOf(integration, "sharedSecret", "current");
  const previous = keyOf(integration, "sharedSecret", "previous");
  out.explainable = true;
  out.formula =
    mode === "header"
      ? "header value = sharedSecret"
      : mode === "basic"
        ? "Authorization: Basic base64(user:sharedSecret)"
        : "no authentication besides the URL";
  if (mode === "none") {
    out.summary = "This integration requires no shared secret; only the URL's segment authenticates.";
    return out;
  }
  const name =
    mode === "header" ? str(integration.settings.headerName || "x-deskbridge-token").toLowerCase() : "authorization";
  const given = headers[name];
  out.inputs = [
    { name: "authentication mode", value: mode },
    {
      name: mode === "header" ? "header" : "user",
      value: mode === "header" ? name : str(integration.settings.basicUser),
    },
    { name: "sharedSecret", value: current ? masked("sharedSecret") : "(none set)" },
  ];
  out.expected =
    mode === "header"
      ? masked("sharedSecret")
      : `Basic base64(${str(integration.settings.basicUser)}:${masked("sharedSecret")})`;
  if (given === undefined) {
    out.received = "(missing)";
    out.causes.push(`the ${name} header is missing: set it in Sobot's webhook app`);
  } else if (given === "[redacted]") {
    out.received = "[redacted in the log]";
    if (call.outcome === "bad_signature")
      out.causes.push(
        `wrong key: the ${name} header does not match the shared secret ` +
          "(the log redacts its value, so it cannot be compared here)",
      );
  } else {
    const value =
      mode === "basic"
        ? Buffer.from(given.replace(/^Basic\s+/i, ""), "base64")
            .toString("utf8")
            .split(":")
            .slice(1)
            .join(":")
        : given;
    out.matchesCurrent = value === current;
    out.matchesPrevious = previous !== undefined && value === previous;
    out.received = out.matchesCurrent
      ? masked("sharedSecret")
      : out.matchesPrevious
        ? "the previous shared secret"
        : "another value";
    if (out.matchesPrevious)
      out.causes.push("signed with the previous key (rotation): the webhook accepts the current shared secret only");
    else if (!out.matchesCurrent) out.causes.push(`wrong key: the ${name} header does not match the shared secret`);
  }
  if (!current) out.causes.unshift("the integration requires authentication but has no shared secret set");
  out.summary = call.detail || (out.causes[0] ?? "");
  return out;
}

/** Explains a logged inbound call with the integration's keys (current and previous). */
export function explainCall(
  call: LoggedCall,
  integration: ExplainIntegration | null,
  alternatives: ExplainAlternatives = {},
): Explanation {
  const kind = labKindOf(call.vendor, call.kind);
  const out = base(call, kind);
  if (call.direction === "out") return { ...out, summary: "Only calls a vendor made to Deskbridge are explained." };
  if (!kind) return { ...out, summary: `Calls of ${call.vendor}/${call.kind} are not explained.` };
  if (!integration)
    return {
      ...out,
      summary: "The call's integration no longer exists (or is another vendor's): nothing to recompute.",
    };
  if (call.requestBody === null && kind !== "hyphenate-iframe" && call.prunedAt)
    return { ...out, summary: "The request body was deleted by retention: nothing to recompute." };
  let result: Explanation;
  switch (kind) {
    case "sobot-crm":
      result = explainSobotCrm(out, call, integration, alternatives);
      break;
    case "sobot-webhook":
      result = explainWebhook(out, call, integration);
      break;
    case "hyphenate-iframe":
      result = explainHyphenate(out, call, integration);
      break;
    default:
      result = explainUdesk(out, call, integration, kind);
  }
  if (call.outcome === "replayed") {
    result.causes.push(
      "the same call (sign, timestamp and payload) was accepted before: a copy sent again, " +
        'a vendor retry of a call that was already answered, or "Resend original" in the dashboard. ' +
        'Vendors sign each new call with a fresh timestamp; "Re-sign and send" makes a new one',
    );
  }
  if (!FAILED.has(call.outcome) && result.causes.length === 0 && result.explainable) {
    result.summary = `${result.summary} The call did not fail on its sign (${call.outcome}).`.trim();
  }
  // No secret leaves, whatever text carried it.
  const secrets = Object.entries(integration.keys).flatMap(([name, keys]) =>
    keys.map((k) => ({
      name: k.state === "previous" ? `previous ${name}` : name,
      value: JSON.stringify(k.value).slice(1, -1),
    })),
  );
  return JSON.parse(maskText(JSON.stringify(result), secrets));
}

export const secretNameOf = (kind: LabKind) => LAB_KIND_INFO[kind].secret;

// ---- the decrypt tool ----
export type DecryptReason = "empty" | "odd_length" | "not_hex" | "bad_length" | "bad_padding" | "not_text";
export type DecryptResult = { plaintext: string } | { reason: DecryptReason; message: string };

/** A pasted ciphertext → its plaintext, or exactly why it does not decrypt. */
export function decryptTool(kind: "sobot-aes" | "hyphenate-des", hex: string, key: string): DecryptResult {
  const text = hex.replace(/\s+/g, "");
  try {
    if (kind === "hyphenate-des") return { plaintext: desDecrypt(text, key) };
    const plain = aesDecrypt(text, key);
    if (plain.includes("\uFFFD"))
      return {
        reason: "not_text",
        message: "the value decrypts to bytes that are not text: most likely the wrong key",
      };
    return { plaintext: plain };
  } catch (error) {
    if (error instanceof CipherTextError || error instanceof DesError)
      return { reason: error.reason, message: error.message };
    throw error;
  }
}
