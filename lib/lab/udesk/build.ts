// The signature lab's Udesk requests: the message-triggered, task push and knowledge base calls,
// each with timestamp and sign in the JSON body.
import crypto from "node:crypto";
import {
  asObject,
  type BuildOptions,
  type BuiltRequest,
  endpointPath,
  finish,
  joined,
  jsonTimestamp,
  LabInputError,
  type LabIntegration,
  type LabSecrets,
  requiredKey,
  timestampOf,
} from "@/lib/lab/request";

// ---- Udesk: timestamp and sign in the JSON body ----
function udeskBody(payload: Record<string, unknown>, timestamp: string, sign: string): string {
  const rest = Object.fromEntries(Object.entries(payload).filter(([k]) => k !== "timestamp" && k !== "sign"));
  return JSON.stringify({ timestamp: jsonTimestamp(timestamp), sign, ...rest });
}

const udeskHash = (algorithm: string, text: string) => crypto.createHash(algorithm).update(text, "utf8").digest("hex");

export function buildUdesk(
  kind: "udesk-message" | "udesk-task" | "udesk-knowledge",
  integration: LabIntegration,
  secrets: LabSecrets,
  payload: unknown,
  options: BuildOptions,
): BuiltRequest {
  const key = requiredKey(kind, secrets, options.wrongKey);
  const data = { ...asObject(payload, "the Udesk request body without timestamp and sign") };
  const timestamp = timestampOf(options);
  let signedParts: { name: string; value: string }[];
  let real: string;
  let formula: string;
  let algorithm: string;
  if (kind === "udesk-message") {
    if (data.integrationName === undefined) data.integrationName = String(integration.settings.integrationName ?? "");
    const name = String(data.integrationName);
    signedParts = [
      { name: "integrationName", value: name },
      { name: "&", value: "&" },
      { name: "key", value: key.shown },
      { name: "&", value: "&" },
      { name: "timestamp", value: timestamp },
    ];
    real = `${name}&${key.value}&${timestamp}`;
    formula = 'sha1(integrationName + "&" + key + "&" + timestamp)';
    algorithm = "sha1";
  } else if (kind === "udesk-task") {
    if (data.sessionId === undefined || data.sessionId === null || data.sessionId === "")
      throw new LabInputError("payload", "A task push needs a sessionId.");
    const node = data.taskNodeId === null || data.taskNodeId === undefined ? "" : String(data.taskNodeId);
    const session = String(data.sessionId);
    signedParts = [
      { name: "key", value: key.shown },
      ...(node ? [{ name: "taskNodeId", value: node }] : []),
      { name: "sessionId", value: session },
      { name: "timestamp", value: timestamp },
    ];
    real = `${key.value}${node}${session}${timestamp}`;
    formula = node
      ? "md5(key + taskNodeId + sessionId + timestamp)"
      : "md5(key + sessionId + timestamp) (taskNodeId is null)";
    algorithm = "md5";
  } else {
    signedParts = [
      { name: "key", value: key.shown },
      { name: "&", value: "&" },
      { name: "timestamp", value: timestamp },
    ];
    real = `${key.value}&${timestamp}`;
    formula = 'sha256(key + "&" + timestamp)';
    algorithm = "sha256";
  }
  const sign = udeskHash(algorithm, real);
  const body = udeskBody(data, timestamp, sign);
  const notes: string[] = [];
  if (kind === "udesk-message" && String(data.integrationName) !== String(integration.settings.integrationName ?? "")) {
    notes.push(
      `integrationName "${String(data.integrationName)}" is not the configured ` +
        `"${String(integration.settings.integrationName ?? "")}": expect 401.`,
    );
  }
  if (key.state === "wrong") notes.push("Signed with a deliberately wrong key: expect 401 bad_signature.");
  return finish(
    kind,
    options,
    {
      method: "POST",
      path: endpointPath(kind, integration),
      wireHeaders: { "content-type": "application/json" },
      body,
    },
    { key: key.state, formula, signedParts, signedString: joined(signedParts), sign, timestamp, notes },
  );
}
