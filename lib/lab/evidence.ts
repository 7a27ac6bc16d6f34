// The evidence step of "Explain", shared by every vendor: the logged call read back (headers,
// body, raw literals, timestamp drift), the integration's keys, and the sign check that
// recomputes a sign with the current and previous keys and tries other readings of the request.
import crypto from "node:crypto";
import type { LabKind } from "@/lib/lab/kinds";

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

export const md5 = (t: string) => crypto.createHash("md5").update(t, "utf8").digest("hex");
export const sha1 = (t: string) => crypto.createHash("sha1").update(t, "utf8").digest("hex");
export const sha256 = (t: string) => crypto.createHash("sha256").update(t, "utf8").digest("hex");

export function headersOf(call: LoggedCall): Record<string, string> {
  if (typeof call.headers !== "string")
    return Object.fromEntries(Object.entries(call.headers).map(([k, v]) => [k.toLowerCase(), v]));
  try {
    const parsed = JSON.parse(call.headers || "{}") as Record<string, string>;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k.toLowerCase(), String(v)]));
  } catch {
    return {};
  }
}

export function bodyText(call: LoggedCall): string | null {
  if (call.requestBody === null) return null;
  return call.requestEncoding === "base64"
    ? Buffer.from(call.requestBody, "base64").toString("utf8")
    : call.requestBody;
}

export function parseJson(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/** The literal text of a top-level JSON field as it appears in the raw body (e.g. 1.5e9, "0100"). */
export function rawLiteral(body: string, field: string): string | null {
  const m = new RegExp(`"${field}"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|[^,}\\s]+)`).exec(body);
  if (!m) return null;
  return m[1].startsWith('"') ? m[1].slice(1, -1) : m[1];
}

export const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));

/** Seconds between the call's timestamp and the moment it was received (positive: in the future). */
export function driftOf(timestamp: string, receivedAt: Date): number | null {
  if (!/^\d{1,13}$/.test(timestamp.trim())) return null;
  const n = Number(timestamp);
  const seconds = n > 1e11 ? n / 1000 : n;
  return Math.round(seconds - receivedAt.getTime() / 1000);
}

export const keyOf = (integration: ExplainIntegration, name: string, state: "current" | "previous") =>
  integration.keys[name]?.find((k) => k.state === state)?.value;

/** UTF-8 text read as Latin-1, and Latin-1 text read as UTF-8: what a re-encoding proxy does. */
export function reencodings(text: string): { value: string; how: string }[] {
  const out: { value: string; how: string }[] = [];
  const asLatin1 = Buffer.from(text, "utf8").toString("latin1");
  if (asLatin1 !== text) out.push({ value: asLatin1, how: "its UTF-8 bytes read as Latin-1" });
  const fromLatin1 = Buffer.from(text, "latin1").toString("utf8");
  if (fromLatin1 !== text && !fromLatin1.includes("\uFFFD"))
    out.push({ value: fromLatin1, how: "Latin-1 bytes read as UTF-8" });
  return out;
}

export type SignCheck = {
  formula: string;
  inputs: { name: string; value: string }[];
  /** The sign over the configured values with a key. */
  compute: (key: string) => string;
  received: string;
  timestamp: string;
  /** Other readings of the request to try with each key; a match names a cause. */
  alternatives: { cause: (keyState: "current" | "previous") => string; compute: (key: string) => string }[];
};

export function explainSign(
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

export function summaryOf(out: Explanation, secretName: string): string {
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
