// "Explain" for a failed inbound call: recompute the expected sign from the logged request with
// the integration's current and previous keys, set it beside the received one, and name the
// likely causes from the evidence (rotation, drift, another company id or integration name, a
// re-encoded body, else a wrong key). Pure; no secret value appears in what it returns.
//
// Each vendor's reading lives in its folder (sobot/, udesk/, hyphenate/ explain.ts); the shared
// evidence and sign check in evidence.ts; the decrypt tool in decrypt.ts.
import type { Explanation, ExplainAlternatives, ExplainIntegration, LoggedCall } from "@/lib/lab/evidence";
import { explainHyphenate, HYPHENATE_USUAL_CAUSES } from "@/lib/lab/hyphenate/explain";
import { LAB_KIND_INFO, type LabKind, labKindOf } from "@/lib/lab/kinds";
import { maskText } from "@/lib/lab/request";
import { explainSobotCrm, explainWebhook, SOBOT_USUAL_CAUSES } from "@/lib/lab/sobot/explain";
import { explainUdesk, UDESK_USUAL_CAUSES } from "@/lib/lab/udesk/explain";

export { type DecryptReason, type DecryptResult, decryptTool } from "@/lib/lab/decrypt";
export type {
  ExplainAlternatives,
  ExplainIntegration,
  ExplainKey,
  Explanation,
  LoggedCall,
} from "@/lib/lab/evidence";

const FAILED = new Set(["bad_signature", "stale_timestamp", "decrypt_failed"]);

const USUAL: Record<LabKind, string[]> = { ...SOBOT_USUAL_CAUSES, ...UDESK_USUAL_CAUSES, ...HYPHENATE_USUAL_CAUSES };

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
  if (call.outcome === "not_found") {
    // The sign was fine; what the operator needs is what was looked for, as Deskbridge read it.
    result.summary = `${result.summary} The call was answered, but nothing matched what the vendor sent.`.trim();
    if (call.detail) result.causes.push(`what the lookup tried: ${call.detail}`);
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
