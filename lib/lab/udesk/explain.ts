// "Explain" for Udesk's calls: the message-triggered (sha1 over the integration name), task
// push (md5 over the node and session) and knowledge base (sha256) signs, with the readings of
// the body a vendor or a proxy gets wrong.
import {
  bodyText,
  type ExplainIntegration,
  type Explanation,
  explainSign,
  type LoggedCall,
  md5,
  parseJson,
  rawLiteral,
  reencodings,
  type SignCheck,
  sha1,
  sha256,
  str,
  summaryOf,
} from "@/lib/lab/evidence";
import { masked } from "@/lib/lab/request";

/** What usually goes wrong with Udesk's calls. */
export const UDESK_USUAL_CAUSES = {
  "udesk-message": [
    "integration name differs from the one configured in Udesk (it is part of the signed string, exactly, in UTF-8)",
    "wrong key, or an old key after a rotation whose grace period has ended",
    "timestamp drift",
    "body re-encoded (the name signed as Latin-1 instead of UTF-8)",
  ],
  "udesk-task": [
    "wrong key, or an old key after a rotation",
    "taskNodeId / sessionId in the body differ from the ones signed (the vendor's own curl example does this)",
    "timestamp drift",
  ],
  "udesk-knowledge": [
    "wrong key, or an old key after a rotation",
    "timestamp drift",
    'the "&" between key and timestamp left out',
  ],
};

export function explainUdesk(
  out: Explanation,
  call: LoggedCall,
  integration: ExplainIntegration,
  kind: "udesk-message" | "udesk-task" | "udesk-knowledge",
): Explanation {
  const raw = bodyText(call);
  const body = parseJson(raw);
  if (!body) {
    out.summary = "The body is not a JSON object: there is no sign to recompute.";
    return out;
  }
  const timestamp = str(body.timestamp);
  const received = str(body.sign).trim().toLowerCase();
  const rawTs = raw ? rawLiteral(raw, "timestamp") : null;
  const tsVariants = rawTs && rawTs !== timestamp ? [rawTs] : [];
  let check: SignCheck;
  if (kind === "udesk-message") {
    const configured = str(integration.settings.integrationName);
    const sent = str(body.integrationName);
    const names = [
      ...(sent !== configured
        ? [
            {
              value: sent,
              cause: () =>
                `integration name differs: the request says "${sent}", ` +
                `the integration is configured as "${configured}"`,
            },
          ]
        : []),
      ...reencodings(configured).map((r) => ({
        value: r.value,
        cause: () => `body re-encoded: the sign matches the integration name as ${r.how}`,
      })),
    ];
    check = {
      formula: 'sha1(integrationName + "&" + key + "&" + timestamp)',
      inputs: [
        { name: "integrationName (configured)", value: configured },
        ...(sent !== configured ? [{ name: "integrationName (in the request)", value: sent }] : []),
        { name: "key", value: masked("key") },
        { name: "timestamp (body)", value: timestamp },
      ],
      compute: (k) => sha1(`${configured}&${k}&${timestamp}`),
      received,
      timestamp,
      alternatives: [
        ...names.map((n) => ({ cause: n.cause, compute: (k: string) => sha1(`${n.value}&${k}&${timestamp}`) })),
        ...tsVariants.map((t) => ({
          cause: () =>
            `body re-encoded: the sign matches the timestamp as written (${t}), not as parsed (${timestamp})`,
          compute: (k: string) => sha1(`${configured}&${k}&${t}`),
        })),
      ],
    };
  } else if (kind === "udesk-task") {
    const node = str(body.taskNodeId);
    const session = str(body.sessionId);
    const rawNode = raw ? rawLiteral(raw, "taskNodeId") : null;
    const rawSession = raw ? rawLiteral(raw, "sessionId") : null;
    check = {
      formula: node
        ? "md5(key + taskNodeId + sessionId + timestamp)"
        : "md5(key + sessionId + timestamp) (taskNodeId is null)",
      inputs: [
        { name: "key", value: masked("key") },
        ...(node ? [{ name: "taskNodeId (body)", value: node }] : []),
        { name: "sessionId (body)", value: session },
        { name: "timestamp (body)", value: timestamp },
      ],
      compute: (k) => md5(`${k}${node}${session}${timestamp}`),
      received,
      timestamp,
      alternatives: [
        ...(node
          ? [
              {
                cause: () => `the sign leaves taskNodeId out (new-form style) although the body has taskNodeId ${node}`,
                compute: (k: string) => md5(`${k}${session}${timestamp}`),
              },
            ]
          : []),
        ...(rawNode && rawNode !== "null" && rawNode !== node
          ? [
              {
                cause: () =>
                  `body re-encoded: the sign matches taskNodeId as written (${rawNode}), not as parsed (${node})`,
                compute: (k: string) => md5(`${k}${rawNode}${session}${timestamp}`),
              },
            ]
          : []),
        ...(rawSession && rawSession !== session
          ? [
              {
                cause: () =>
                  `body re-encoded: the sign matches sessionId as written (${rawSession}), not as parsed (${session})`,
                compute: (k: string) => md5(`${k}${node}${rawSession}${timestamp}`),
              },
            ]
          : []),
        ...tsVariants.map((t) => ({
          cause: () =>
            `body re-encoded: the sign matches the timestamp as written (${t}), not as parsed (${timestamp})`,
          compute: (k: string) => md5(`${k}${node}${session}${t}`),
        })),
      ],
    };
  } else {
    check = {
      formula: 'sha256(key + "&" + timestamp)',
      inputs: [
        { name: "key", value: masked("key") },
        { name: "timestamp (body)", value: timestamp },
      ],
      compute: (k) => sha256(`${k}&${timestamp}`),
      received,
      timestamp,
      alternatives: [
        {
          cause: () => 'the "&" between key and timestamp is left out (the vendor\'s prose lost it)',
          compute: (k: string) => sha256(`${k}${timestamp}`),
        },
        ...tsVariants.map((t) => ({
          cause: () =>
            `body re-encoded: the sign matches the timestamp as written (${t}), not as parsed (${timestamp})`,
          compute: (k: string) => sha256(`${k}&${t}`),
        })),
      ],
    };
  }
  explainSign(out, integration, "key", check, call.createdAt);
  // The message call verifies the sign with the name it was sent, then compares the names.
  if (kind === "udesk-message") {
    const sent = str(body.integrationName);
    const configured = str(integration.settings.integrationName);
    if (sent !== configured && !out.causes.some((c) => c.startsWith("integration name differs"))) {
      out.causes.unshift(
        `integration name differs: the request says "${sent}", ` + `the integration is configured as "${configured}"`,
      );
    }
  }
  out.summary = summaryOf(out, "key");
  return out;
}
