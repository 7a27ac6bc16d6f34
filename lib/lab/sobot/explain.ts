// "Explain" for Sobot's calls: the CRM docking call's md5 sign (company id, re-encoded
// parameter, the key the parameter decrypts with) and the webhook app's shared secret.
import { CipherTextError, decrypt as aesDecrypt, sign as sobotSign } from "@/lib/vendors/sobot/codec";
import {
  bodyText,
  type ExplainAlternatives,
  type ExplainIntegration,
  type Explanation,
  explainSign,
  headersOf,
  keyOf,
  type LoggedCall,
  parseJson,
  str,
  summaryOf,
} from "@/lib/lab/evidence";
import { masked } from "@/lib/lab/request";

/** What usually goes wrong with Sobot's calls. */
export const SOBOT_USUAL_CAUSES = {
  "sobot-crm": [
    "wrong company id: Sobot signs with the companyId of its docking scheme",
    "wrong secret key, or an old key after a rotation whose grace period has ended",
    "timestamp drift between Sobot's clock and this server's",
    "body re-encoded by a proxy (the sign covers the parameter exactly as sent)",
  ],
  "sobot-webhook": [
    "the shared header or Basic credentials are not set in Sobot's webhook app",
    "an old shared secret after a rotation (the webhook accepts the current one only)",
    "a proxy that strips the header",
  ],
};

export function explainSobotCrm(
  out: Explanation,
  call: LoggedCall,
  integration: ExplainIntegration,
  alternatives: ExplainAlternatives,
): Explanation {
  const headers = headersOf(call);
  const raw = bodyText(call);
  const body = parseJson(raw);
  const parameter = typeof body?.parameter === "string" ? body.parameter : null;
  const timestamp = (headers.timestamp ?? "").trim();
  const received = (headers.sign ?? "").trim().toLowerCase();
  if (parameter === null || !timestamp) {
    out.summary = "The request has no timestamp header or no JSON parameter: there is no sign to recompute.";
    return out;
  }
  const companyId = str(integration.settings.companyId);
  const others = [...new Set([...(alternatives.companyIds ?? []), "", companyId.trim()])].filter(
    (c) => c !== companyId,
  );
  const variants = [
    { value: parameter.toLowerCase(), how: "in lower-case hex" },
    { value: parameter.toUpperCase(), how: "in upper-case hex" },
    { value: raw ?? "", how: "the whole JSON body" },
    { value: JSON.stringify(body), how: "the body re-serialized" },
  ].filter((v) => v.value !== parameter);
  explainSign(
    out,
    integration,
    "secretKey",
    {
      formula: "md5(companyId + timestamp + secretKey + parameter)",
      inputs: [
        { name: "companyId (configured)", value: companyId },
        { name: "timestamp (header)", value: timestamp },
        { name: "secretKey", value: masked("secretKey") },
        { name: "parameter (body)", value: parameter },
      ],
      compute: (k) => sobotSign(companyId, timestamp, k, parameter),
      received,
      timestamp,
      alternatives: [
        ...others.map((other) => ({
          cause: (state: string) =>
            `company id differs: the sign matches companyId "${other}" (with the ${state} key), ` +
            `the integration is configured with "${companyId}"`,
          compute: (k: string) => sobotSign(other, timestamp, k, parameter),
        })),
        ...variants.map((v) => ({
          cause: () => `body re-encoded: the sign matches the parameter as ${v.how}, not the bytes received`,
          compute: (k: string) => sobotSign(companyId, timestamp, k, v.value),
        })),
      ],
    },
    call.createdAt,
  );
  // The sign can verify while the parameter does not decrypt: say with which key it would.
  if (call.outcome === "decrypt_failed" || out.matchesCurrent || out.matchesPrevious) {
    const tries = (["current", "previous"] as const).flatMap((state) => {
      const k = keyOf(integration, "secretKey", state);
      if (!k) return [];
      try {
        aesDecrypt(parameter, k);
        return [{ state, ok: true, reason: "" }];
      } catch (error) {
        return [{ state, ok: false, reason: error instanceof CipherTextError ? error.message : String(error) }];
      }
    });
    const signedWith = out.matchesCurrent ? "current" : out.matchesPrevious ? "previous" : null;
    const decryptsWith = tries.find((t) => t.ok)?.state ?? null;
    if (call.outcome === "decrypt_failed") {
      if (decryptsWith && signedWith && decryptsWith !== signedWith)
        out.causes.push(
          `the parameter was encrypted with the ${decryptsWith} key but signed with the ${signedWith} key`,
        );
      else if (!decryptsWith)
        out.causes.push(
          `the parameter does not decrypt with ${tries.length === 2 ? "either key" : "the key"}: ` +
            `${tries[0]?.reason ?? "no key"} (tampered, or encrypted with another key)`,
        );
    }
  }
  out.summary = summaryOf(out, "secretKey");
  return out;
}

export function explainWebhook(out: Explanation, call: LoggedCall, integration: ExplainIntegration): Explanation {
  const mode = str(integration.settings.authMode) || "none";
  const headers = headersOf(call);
  const current = keyOf(integration, "sharedSecret", "current");
  const previous = keyOf(integration, "sharedSecret", "previous");
  out.explainable = true;
  out.formula =
    mode === "header"
      ? "header value = sharedSecret"
      : mode === "basic"
        ? "Authorization: Basic base64(user:sharedSecret)"
        : "no authentication besides the URL";
  if (mode === "none") {
    out.summary = "This integration requires no shared secret; only the URL's segment authenticates.";
    return out;
  }
  const name =
    mode === "header" ? str(integration.settings.headerName || "x-deskbridge-token").toLowerCase() : "authorization";
  const given = headers[name];
  out.inputs = [
    { name: "authentication mode", value: mode },
    {
      name: mode === "header" ? "header" : "user",
      value: mode === "header" ? name : str(integration.settings.basicUser),
    },
    { name: "sharedSecret", value: current ? masked("sharedSecret") : "(none set)" },
  ];
  out.expected =
    mode === "header"
      ? masked("sharedSecret")
      : `Basic base64(${str(integration.settings.basicUser)}:${masked("sharedSecret")})`;
  if (given === undefined) {
    out.received = "(missing)";
    out.causes.push(`the ${name} header is missing: set it in Sobot's webhook app`);
  } else if (given === "[redacted]") {
    out.received = "[redacted in the log]";
    if (call.outcome === "bad_signature")
      out.causes.push(
        `wrong key: the ${name} header does not match the shared secret ` +
          "(the log redacts its value, so it cannot be compared here)",
      );
  } else {
    const value =
      mode === "basic"
        ? Buffer.from(given.replace(/^Basic\s+/i, ""), "base64")
            .toString("utf8")
            .split(":")
            .slice(1)
            .join(":")
        : given;
    out.matchesCurrent = value === current;
    out.matchesPrevious = previous !== undefined && value === previous;
    out.received = out.matchesCurrent
      ? masked("sharedSecret")
      : out.matchesPrevious
        ? "the previous shared secret"
        : "another value";
    if (out.matchesPrevious)
      out.causes.push("signed with the previous key (rotation): the webhook accepts the current shared secret only");
    else if (!out.matchesCurrent) out.causes.push(`wrong key: the ${name} header does not match the shared secret`);
  }
  if (!current) out.causes.unshift("the integration requires authentication but has no shared secret set");
  out.summary = call.detail || (out.causes[0] ?? "");
  return out;
}
