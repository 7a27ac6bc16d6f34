// The signature lab's Sobot requests: the CRM docking call (AES parameter, md5 sign in the
// headers) and the webhook app's customer push (a shared header or Basic credentials).
import { encrypt as aesEncrypt, sign as sobotSign } from "@/lib/vendors/sobot/codec";
import {
  asObject,
  type BuildOptions,
  type BuiltRequest,
  endpointPath,
  finish,
  joined,
  type LabIntegration,
  type LabRequestView,
  type LabSecrets,
  masked,
  requiredKey,
  timestampOf,
  wrongKeyOf,
} from "@/lib/lab/request";

// ---- Sobot CRM docking: sign = md5(companyId + timestamp + secretKey + parameter) ----
export function buildSobotCrm(
  integration: LabIntegration,
  secrets: LabSecrets,
  payload: unknown,
  options: BuildOptions,
): BuiltRequest {
  const key = requiredKey("sobot-crm", secrets, options.wrongKey);
  // A string payload is taken as the plaintext itself (e.g. to try the short-plaintext quirk).
  const plaintext =
    typeof payload === "string" ? payload : JSON.stringify(asObject(payload, 'the query, e.g. {"partnerId": …}'));
  const companyId = String(integration.settings.companyId ?? "");
  const timestamp = timestampOf(options);
  const parameter = aesEncrypt(plaintext, key.value);
  const sign = sobotSign(companyId, timestamp, key.value, parameter);
  const signedParts = [
    { name: "companyId", value: companyId },
    { name: "timestamp", value: timestamp },
    { name: "secretKey", value: key.shown },
    { name: "parameter", value: parameter },
  ];
  const headers = { "content-type": "application/json", timestamp, sign };
  return finish(
    "sobot-crm",
    options,
    {
      method: "POST",
      path: endpointPath("sobot-crm", integration),
      wireHeaders: headers,
      body: JSON.stringify({ parameter }),
    },
    {
      key: key.state,
      formula: "md5(companyId + timestamp + secretKey + parameter)",
      signedParts,
      signedString: joined(signedParts),
      sign,
      plaintext,
      ciphertext: parameter,
      timestamp,
      notes: [
        "parameter = AES-128-ECB of the query, key = first 16 bytes of SHA1(SHA1(secretKey)), PKCS#5, upper-case hex.",
        ...(key.state === "wrong"
          ? ["Signed and encrypted with a deliberately wrong key: expect 401 bad_signature."]
          : []),
      ],
    },
  );
}

// ---- Sobot webhook app: no signature; the URL's segment, plus a header or Basic credentials ----
export function buildSobotWebhook(
  integration: LabIntegration,
  secrets: LabSecrets,
  payload: unknown,
  options: BuildOptions,
): BuiltRequest {
  const body = JSON.stringify(asObject(payload, "the customer push, with at least an id"));
  const mode = String(integration.settings.authMode ?? "none");
  const secret = secrets.sharedSecret;
  const wire: Record<string, string> = { "content-type": "application/json" };
  const shown: Record<string, string> = { "content-type": "application/json" };
  const notes = ["Sobot defines no signature for this call: the URL's secret segment authenticates it."];
  let key: LabRequestView["key"] = "none";
  if (mode === "header" || mode === "basic") {
    if (!secret) {
      notes.push(
        `The integration requires ${mode === "header" ? "a shared header" : "Basic credentials"} ` +
          "but has no shared secret set: expect 401.",
      );
    } else {
      const w = options.wrongKey ? wrongKeyOf(secret) : null;
      const value = w ? w.value : secret;
      const display = w ? w.shown("sharedSecret") : masked("sharedSecret");
      key = w ? "wrong" : "current";
      if (mode === "header") {
        const name = String(integration.settings.headerName || "x-deskbridge-token").toLowerCase();
        wire[name] = value;
        shown[name] = display;
        notes.push(`The header ${name} carries the shared secret.`);
      } else {
        const user = String(integration.settings.basicUser ?? "");
        wire.authorization = `Basic ${Buffer.from(`${user}:${value}`, "utf8").toString("base64")}`;
        shown.authorization = `Basic base64(${user}:${display})`;
        notes.push("HTTP Basic: the user name and the shared secret as the password.");
      }
      if (w) notes.push("Authenticated with a deliberately wrong shared secret: expect 401 bad_signature.");
    }
  } else if (options.wrongKey) {
    notes.push(
      "This integration requires no shared secret (authentication mode none): a wrong key changes nothing here.",
    );
  }
  notes.push("Send really writes: the push creates or updates the customer with this id.");
  return finish(
    "sobot-webhook",
    options,
    { method: "POST", path: endpointPath("sobot-webhook", integration), wireHeaders: wire, viewHeaders: shown, body },
    { key, notes },
  );
}
