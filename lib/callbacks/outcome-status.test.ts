// A refusal answers with its outcome's status from the one table, unless it names another.
import { describe, expect, it } from "vitest";
import { OUTCOMES } from "@/lib/calls/outcomes";
import { OUTCOME_STATUS } from "@/lib/callbacks/outcome-status";
import { CallbackRefusal } from "@/lib/callbacks/types";

describe("outcome statuses", () => {
  it("has a status for every outcome", () => {
    expect(Object.keys(OUTCOME_STATUS).sort()).toEqual([...OUTCOMES].sort());
  });

  it.each([
    ["malformed", 400],
    ["decrypt_failed", 400],
    ["bad_signature", 401],
    ["stale_timestamp", 401],
    ["unknown_integration", 404],
    ["disabled", 404],
    ["replayed", 409],
  ] as const)("a %s refusal answers %i", (outcome, status) => {
    const refusal = new CallbackRefusal({ outcome, publicMessage: "Refused.", detail: "why" });
    expect(refusal.status).toBe(status);
    expect(refusal.extra).toEqual({});
  });

  it("keeps a status the protocol needs, and what the log links to", () => {
    const key = { secretId: 7, value: "k", state: "previous" as const };
    const refusal = new CallbackRefusal({
      outcome: "malformed",
      status: 405,
      publicMessage: "Method GET is not allowed; use POST.",
      detail: "GET",
      key,
      decryptedRequest: { a: 1 },
    });
    expect(refusal.status).toBe(405);
    expect(refusal.extra).toEqual({ key, decryptedRequest: { a: 1 } });
  });
});
