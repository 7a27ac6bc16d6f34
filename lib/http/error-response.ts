// Domain errors → HTTP answers, for route handlers outside the vendor pipeline (the customer
// export, the metrics). One status table for the domain's error codes; every answer is JSON
// {"error": code, "message"} and never cached.
import "server-only";
import { AppError, type FieldErrors, isDatabaseUnavailable } from "@/lib/errors";

export type AppErrorCode = AppError["code"];

export const APP_ERROR_STATUS = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
} as const satisfies Record<AppErrorCode, number>;

export type ErrorAnswerOptions = {
  /** A route's own wording for a code (e.g. who may read the metrics). */
  messages?: Partial<Record<AppErrorCode, string>>;
  /** Headers a code's answer carries (e.g. WWW-Authenticate on a 401). */
  headers?: Partial<Record<AppErrorCode, Record<string, string>>>;
};

type ErrorBody = { error: string; message: string; fieldErrors?: FieldErrors };

const RETRY_AFTER_SECONDS = 5;

/**
 * The answer for an error a route handler caught: an AppError by its code; an unreachable
 * database 503 with Retry-After (worth a retry); anything else a generic 500 whose detail goes
 * to the server's log, never to the caller.
 */
export function errorResponse(error: unknown, options: ErrorAnswerOptions = {}): Response {
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (error instanceof AppError) {
    const body: ErrorBody = { error: error.code, message: options.messages?.[error.code] ?? error.message };
    if (Object.keys(error.fieldErrors).length) body.fieldErrors = error.fieldErrors;
    Object.assign(headers, options.headers?.[error.code]);
    return Response.json(body, { status: APP_ERROR_STATUS[error.code], headers });
  }
  if (isDatabaseUnavailable(error)) {
    headers["retry-after"] = String(RETRY_AFTER_SECONDS);
    const body: ErrorBody = { error: "unavailable", message: "Temporarily unavailable; retry later." };
    return Response.json(body, { status: 503, headers });
  }
  console.error("deskbridge: a request failed:", error);
  return Response.json({ error: "internal_error", message: "Internal error." } satisfies ErrorBody, {
    status: 500,
    headers,
  });
}
