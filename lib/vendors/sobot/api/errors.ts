// Sobot open-platform return codes (seeds/sobot-rule-engine.txt), as readable messages.
import type { Outcome } from "@/lib/calls/outcomes";

export const SOBOT_CODES: Record<string, string> = {
  "000000": "Operation done",
  "900001": "Null token",
  "900002": "Token expired: a new one is needed",
  "900003": "Incorrect signature (check appid and app_key)",
  "900004": "Company API configuration not found (check appid)",
  "999999": "Unknown system exception at Sobot",
  "910021": "Missing trigger-id or token",
  "910022": "Illegal trigger-id or token (check the trigger's id and secret)",
  "910023": "Illegal customer id field in the body",
  "910024": "The trigger exceeds its limit of 50 requests per second",
  "910025": "The rule-engine canvas is not activated",
  "910026": "No matching customer",
};

export const TOKEN_CODES = new Set(["900001", "900002"]);

export function describeCode(code: string, fallback?: string): string {
  return SOBOT_CODES[code] ?? (fallback ? `Sobot error ${code}: ${fallback}` : `Unknown Sobot code ${code}`);
}

/** How an outbound answer is filed in the call log's fixed outcome list. */
export function outcomeOfCode(code: string): Outcome {
  if (code === "000000") return "ok";
  if (code === "900003" || code === "910022") return "bad_signature";
  if (code === "910021" || code === "910023") return "malformed";
  if (code === "910026") return "not_found";
  return "internal_error";
}

export class SobotApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}
