// Requests that Deskbridge's own server (bin/server.mjs) answers before Next.js routes them: a
// path that is not valid percent-encoding (400), TRACE/TRACK and CONNECT (405). On a callback URL
// they are recorded in the call log like any vendor call, so an operator sees them. The server
// reaches this module through a function registered on globalThis at start (instrumentation.ts):
// both run in the same process.
import "server-only";
import { databaseTookWrite, keepCall } from "@/lib/calls/journal";
import { recordCall, redactHeaders, type CallEntry } from "@/lib/calls/record";
import { db } from "@/lib/db";
import { noteWriteFailure } from "@/lib/db/conditions";
import type { CallbackDefinition } from "@/lib/callbacks/types";
import { observeCallback } from "@/lib/metrics/metrics";

export type EarlyAnswer = {
  method: string;
  /** The request target as sent (path and query, not decoded). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  status: number;
  detail: string;
  responseBody: string;
};

/** Which callback a URL path names: its definition, by the path's first segments. */
export type CallbackRoutes = { prefix: string; def: CallbackDefinition }[];

export function callbackFor(routes: CallbackRoutes, rawPath: string): CallbackDefinition | null {
  return routes.find((r) => rawPath.startsWith(r.prefix))?.def ?? null;
}

/** Records an answer given before routing; false when the path names no callback (nothing to log). */
export async function recordEarlyAnswer(routes: CallbackRoutes, answer: EarlyAnswer): Promise<boolean> {
  const [rawPath, query = ""] = answer.url.split(/\?(.*)/s);
  const def = callbackFor(routes, rawPath);
  if (!def) return false;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  const entry: CallEntry = {
    vendor: def.vendor,
    kind: def.kind,
    integrationId: null,
    method: answer.method,
    path: rawPath,
    query,
    headers: redactHeaders(headers),
    body: null,
    outcome: "malformed",
    detail: answer.detail,
    status: answer.status,
    responseBody: answer.responseBody,
    durationMs: 0,
    createdAt: new Date(),
  };
  observeCallback(def.vendor, def.kind, entry.outcome, 0);
  try {
    await recordCall(await db(), entry);
    databaseTookWrite();
  } catch (error) {
    noteWriteFailure(error);
    await keepCall(entry, db);
  }
  return true;
}
