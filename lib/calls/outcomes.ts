// The fixed list of call outcomes, shared by the pipeline, the log and the Calls page.
export const OUTCOMES = [
  "ok",
  "bad_signature",
  "stale_timestamp",
  "replayed",
  "duplicate",
  "malformed",
  "decrypt_failed",
  "unknown_integration",
  "disabled",
  "too_large",
  "not_found",
  "rate_limited",
  "unavailable",
  "client_aborted",
  "internal_error",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Outcomes that answered the vendor as asked: a lookup that found nobody, or a copy answered again. */
export const ANSWERED_OUTCOMES = ["ok", "not_found", "duplicate"] as const satisfies readonly Outcome[];
/** Everything else is a failure: counted in the overview's error rate, listed by "All failures". */
export const FAILURE_OUTCOMES = OUTCOMES.filter(
  (o) => !(ANSWERED_OUTCOMES as readonly string[]).includes(o),
) as readonly Outcome[];

export const OUTCOME_LABELS: Record<Outcome, string> = {
  ok: "OK",
  bad_signature: "Bad signature",
  stale_timestamp: "Stale timestamp",
  replayed: "Replayed",
  duplicate: "Duplicate",
  malformed: "Malformed",
  decrypt_failed: "Decrypt failed",
  unknown_integration: "Unknown integration",
  disabled: "Disabled",
  too_large: "Too large",
  not_found: "Not found",
  rate_limited: "Rate limited",
  unavailable: "Database unavailable",
  client_aborted: "Client aborted",
  internal_error: "Internal error",
};

export function outcomeTone(outcome: string): "ok" | "warn" | "danger" | "neutral" {
  if (outcome === "ok") return "ok";
  if (outcome === "not_found" || outcome === "duplicate") return "neutral";
  if (
    outcome === "internal_error" ||
    outcome === "unavailable" ||
    outcome === "bad_signature" ||
    outcome === "decrypt_failed"
  )
    return "danger";
  return "warn";
}
