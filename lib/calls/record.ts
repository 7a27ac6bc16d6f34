// Writing calls to the log. Bodies are kept exactly (UTF-8 text, or base64 when they are not
// text); secret-bearing headers are redacted before anything is stored.
import type { Db } from "@/lib/db/client";
import type { Outcome } from "@/lib/calls/outcomes";
import { countCall } from "@/lib/calls/rollup";
import { preparedAtOnce } from "@/lib/db/prepared";
import { Prisma } from "@/lib/generated/sqlite/client";

const REDACTED_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "secret",
  "token",
  "x-api-key",
  "x-auth-token",
  "x-deskbridge-token",
]);
export const REDACTED = "[redacted]";

export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [name, value] of entries)
    out[name.toLowerCase()] = REDACTED_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
  return out;
}

/** Text the database can hold (PostgreSQL refuses NUL), or base64 for anything else. */
export function encodeBody(bytes: Buffer): { text: string; encoding: "utf8" | "base64" } {
  const text = bytes.toString("utf8");
  const clean = Buffer.from(text, "utf8").equals(bytes) && !text.includes("\u0000");
  return clean ? { text, encoding: "utf8" } : { text: bytes.toString("base64"), encoding: "base64" };
}

export function decodeBody(text: string | null, encoding: string): Buffer | null {
  if (text === null) return null;
  return encoding === "base64" ? Buffer.from(text, "base64") : Buffer.from(text, "utf8");
}

/** Free text stored for people to read: NUL would break PostgreSQL, so it is made visible. */
const readable = (value: unknown): string | null => {
  if (value === undefined || value === null) return null;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.replaceAll("\0", "\\u0000");
};

export type CallEntry = {
  direction?: "in" | "out";
  vendor: string;
  kind: string;
  integrationId?: string | null;
  method: string;
  path: string;
  query?: string;
  headers: Record<string, string>;
  body: Buffer | null;
  outcome: Outcome;
  detail: string;
  decryptedRequest?: unknown;
  customerId?: number | null;
  status: number;
  responseBody?: string | null;
  decryptedResponse?: unknown;
  keyUsed?: "current" | "previous" | null;
  durationMs: number;
  replayOfId?: number | null;
  /** Part of the call was left out (see the detail). */
  partial?: boolean;
  /** When the call arrived; set for entries written late (after a database outage). */
  createdAt?: Date;
};

export async function recordCall(client: Db, entry: CallEntry): Promise<number> {
  const body = entry.body ? encodeBody(entry.body) : null;
  const createdAt = entry.createdAt ?? new Date();
  // One plain INSERT: the call log is written on every vendor call, so it skips the query
  // builder (several times the CPU of the statement itself). Same columns as the Call model.
  const insert = Prisma.sql`
    INSERT INTO "Call" ("direction", "vendor", "kind", "integrationId", "method", "path", "query", "headers",
      "requestBody", "requestEncoding", "requestBytes", "outcome", "detail", "decryptedRequest", "customerId",
      "status", "responseBody", "decryptedResponse", "keyUsed", "durationMs", "replayOfId", "partial", "createdAt")
    VALUES (${entry.direction ?? "in"}, ${entry.vendor}, ${entry.kind}, ${entry.integrationId ?? null}, ${entry.method},
      ${entry.path}, ${entry.query ?? ""}, ${JSON.stringify(entry.headers)}, ${body?.text ?? null},
      ${body?.encoding ?? "utf8"},
      ${entry.body?.length ?? 0}, ${entry.outcome}, ${readable(entry.detail) ?? ""},
      ${readable(entry.decryptedRequest)},
      ${entry.customerId ?? null}, ${entry.status}, ${readable(entry.responseBody)},
      ${readable(entry.decryptedResponse)},
      ${entry.keyUsed ?? null}, ${Math.round(entry.durationMs)}, ${entry.replayOfId ?? null},
      ${entry.partial ?? false},
      ${createdAt})
    RETURNING "id"`;
  // The hour's sums for the overview (lib/calls/rollup), in the same transaction: a call is in
  // both or in neither, so a call the journal writes again later is never counted twice. Neither
  // reads what the other writes, so on PostgreSQL they go as one statement.
  const rows = await preparedAtOnce<{ id: number }>(client, insert, countCall({ ...entry, createdAt }));
  return Number(rows[0].id);
}
