// The HTTP status each call outcome answers with, in one place. A refusal names its outcome and
// takes its status from here, unless the protocol needs another one (405 for a wrong method).
import type { Outcome } from "@/lib/calls/outcomes";

export const OUTCOME_STATUS = {
  ok: 200,
  // Vendors read "nobody matches" from the answer's body (Sobot's empty data, Udesk's resCode).
  not_found: 200,
  // A copy of a lookup already answered is answered again: it changes nothing.
  duplicate: 200,
  malformed: 400,
  decrypt_failed: 400,
  bad_signature: 401,
  stale_timestamp: 401,
  // A disabled integration answers like a missing one: the URL's existence is not revealed.
  unknown_integration: 404,
  disabled: 404,
  replayed: 409,
  too_large: 413,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
  // The caller closed the connection mid-body: nobody reads the answer; the log shows 499, as nginx's.
  client_aborted: 499,
} as const satisfies Record<Outcome, number>;

export const statusOf = (outcome: Outcome): number => OUTCOME_STATUS[outcome];
