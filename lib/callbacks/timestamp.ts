// The freshness window for signed calls: a timestamp further than `tolerance` seconds from the
// server's clock is refused (0 turns the check off, for vendors whose clocks drift).
import { CallbackRefusal } from "@/lib/callbacks/types";
import type { OpenedSecret } from "@/lib/integrations/integrations";

export function checkTimestamp(timestamp: string, toleranceSeconds: number, now: Date, key?: OpenedSecret) {
  if (!toleranceSeconds) return;
  const seconds = /^\d{1,13}$/.test(timestamp) ? Number(timestamp) : NaN;
  // Some callers send milliseconds: accept either.
  const value = seconds > 1e11 ? seconds / 1000 : seconds;
  if (!Number.isFinite(value))
    throw new CallbackRefusal({
      outcome: "malformed",
      publicMessage: "The timestamp must be Unix seconds.",
      detail: `timestamp "${timestamp.slice(0, 32)}" is not a number`,
      key,
    });
  const drift = Math.round(value - now.getTime() / 1000);
  if (Math.abs(drift) > toleranceSeconds) {
    throw new CallbackRefusal({
      outcome: "stale_timestamp",
      publicMessage: "The timestamp is outside the allowed window.",
      detail:
        `timestamp ${timestamp} is ${Math.abs(drift)} s ${drift < 0 ? "old" : "in the future"}; ` +
        `the tolerance is ${toleranceSeconds} s`,
      key,
    });
  }
}
