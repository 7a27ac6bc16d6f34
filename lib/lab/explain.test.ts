// Explain: requests built by the lab (or by hand) as they are logged, explained against the
// integration's keys; and the decrypt tool's reasons.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildLabRequest, type LabIntegration, type LabKind, type WireRequest } from "@/lib/lab/build";
import { decryptTool, explainCall, type ExplainIntegration, type LoggedCall } from "@/lib/lab/explain";
import { encrypt, sign } from "@/lib/vendors/sobot/codec";
import { desEncrypt } from "@/lib/vendors/hyphenate/codec";

const KEY = "current-Key-0001";
const OLD = "previous-Key-0002";
const T = 1_700_000_000;
const at = (seconds: number) => new Date(seconds * 1000);

const VENDOR: Record<LabKind, [string, string]> = {
  "sobot-crm": ["sobot-crm", "crm"],
  "sobot-webhook": ["sobot-webhook", "webhook"],
  "udesk-message": ["udesk", "message"],
  "udesk-task": ["udesk", "task"],
  "udesk-knowledge": ["udesk", "knowledge"],
  "hyphenate-iframe": ["hyphenate", "iframe"],
};

/** A wire request as the pipeline logs it (secret-bearing headers redacted). */
function logged(kind: LabKind, wire: WireRequest, outcome: string, receivedAt = at(T)): LoggedCall {
  const [path, query = ""] = wire.path.split("?");
  const redacted = Object.fromEntries(
    Object.entries(wire.headers).map(([k, v]) => [
      k,
      ["authorization", "x-deskbridge-token"].includes(k) ? "[redacted]" : v,
    ]),
  );
  return {
    id: 7,
    vendor: VENDOR[kind][0],
    kind: VENDOR[kind][1],
    outcome,
    method: wire.method,
    path,
    query,
    headers: JSON.stringify(redacted),
    requestBody: wire.body,
    requestEncoding: "utf8",
    createdAt: receivedAt,
  };
}

const withKeys = (
  settings: Record<string, unknown>,
  name: string,
  current: string,
  previous?: string,
): ExplainIntegration => ({
  name: "I",
  settings,
  keys: {
    [name]: [
      { value: current, state: "current" },
      ...(previous ? [{ value: previous, state: "previous" as const }] : []),
    ],
  },
});

const sobot: LabIntegration = { name: "S", slug: "s", settings: { companyId: "1", timestampTolerance: 300 } };
const udesk: LabIntegration = {
  name: "U",
  slug: "u",
  settings: { integrationName: "对接一", timestampTolerance: 300 },
};
const build = (
  kind: LabKind,
  integration: LabIntegration,
  key: string,
  payload: unknown,
  extra: { wrongKey?: boolean; timestamp?: number } = {},
) =>
  buildLabRequest(kind, integration, { secretKey: key, key, sharedSecret: key }, payload, {
    origin: "http://x",
    timestamp: String(extra.timestamp ?? T),
    wrongKey: extra.wrongKey,
  }).wire;

const noSecret = (value: unknown) => {
  const json = JSON.stringify(value);
  expect(json).not.toContain(KEY);
  expect(json).not.toContain(OLD);
};

describe("Sobot CRM docking", () => {
  const query = { partnerId: "partnerId" };

  it("a replayed call: the sign is right, and the cause says the same call was accepted before", () => {
    const wire = build("sobot-crm", sobot, KEY, query);
    const e = explainCall(logged("sobot-crm", wire, "replayed"), withKeys(sobot.settings, "secretKey", KEY));
    expect(e.matchesCurrent).toBe(true);
    expect(e.causes.join(" ")).toMatch(/was accepted before.*Re-sign and send/);
    noSecret(e);
  });

  it("a lookup that found nobody: the sign is right, and the causes say what was tried", () => {
    const wire = build("sobot-crm", sobot, KEY, { tel: "+86 139 0000 0000" });
    const call = {
      ...logged("sobot-crm", wire, "not_found"),
      detail: 'no customer matched; tried tel "+86 139 0000 0000" (as +8613900000000)',
    };
    const e = explainCall(call, withKeys(sobot.settings, "secretKey", KEY));
    expect(e.matchesCurrent).toBe(true);
    expect(e.summary).toMatch(/nothing matched what the vendor sent/);
    expect(e.causes).toEqual([`what the lookup tried: ${call.detail}`]);
  });

  it("a wrong key: the expected sign beside the received one, inputs with the secret masked", () => {
    const wire = build("sobot-crm", sobot, KEY, query, { wrongKey: true });
    const e = explainCall(logged("sobot-crm", wire, "bad_signature"), withKeys(sobot.settings, "secretKey", KEY));
    expect(e.explainable).toBe(true);
    expect(e.received).toBe(wire.headers.sign);
    expect(e.expected).toBe(sign("1", String(T), KEY, JSON.parse(wire.body!).parameter));
    expect(e.expected).not.toBe(e.received);
    expect(e.matchesCurrent).toBe(false);
    expect(e.inputs.map((i) => i.value)).toEqual(["1", String(T), "«secretKey»", JSON.parse(wire.body!).parameter]);
    expect(e.causes).toHaveLength(1);
    expect(e.causes[0]).toMatch(/^wrong key: the sign matches neither the current secretKey/);
    expect(e.causes[0]).toContain(e.expected!);
    expect(e.timestampDriftSeconds).toBe(0);
    noSecret(e);
  });

  it("the previous key after a rotation", () => {
    const wire = build("sobot-crm", sobot, OLD, query);
    const e = explainCall(logged("sobot-crm", wire, "bad_signature"), withKeys(sobot.settings, "secretKey", KEY, OLD));
    expect(e.matchesPrevious).toBe(true);
    expect(e.expectedPrevious).toBe(e.received);
    expect(e.causes[0]).toMatch(/^signed with the previous key \(rotation\)/);
    noSecret(e);
  });

  it("another company id, found among the other integrations", () => {
    const wire = build("sobot-crm", { ...sobot, settings: { companyId: "2" } }, KEY, query);
    const e = explainCall(logged("sobot-crm", wire, "bad_signature"), withKeys(sobot.settings, "secretKey", KEY), {
      companyIds: ["9", "2"],
    });
    expect(e.causes).toEqual([
      expect.stringMatching(
        new RegExp(
          /^company id differs: the sign matches companyId "2" \(with the current key\), /.source +
            /the integration is configured with "1"/.source,
        ),
      ),
    ]);
  });

  it("a body re-encoded: the sign covers the lower-case parameter, upper-case was sent", () => {
    const parameter = encrypt(JSON.stringify(query), KEY);
    const wire: WireRequest = {
      method: "POST",
      path: "/api/callbacks/sobot/crm/s",
      headers: { timestamp: String(T), sign: sign("1", String(T), KEY, parameter.toLowerCase()) },
      body: JSON.stringify({ parameter }),
    };
    const e = explainCall(logged("sobot-crm", wire, "bad_signature"), withKeys(sobot.settings, "secretKey", KEY));
    expect(e.causes).toEqual([
      "body re-encoded: the sign matches the parameter as in lower-case hex, not the bytes received",
    ]);
  });

  it("a stale timestamp: the sign is right and the drift is named", () => {
    const wire = build("sobot-crm", sobot, KEY, query, { timestamp: T - 3600 });
    const e = explainCall(logged("sobot-crm", wire, "stale_timestamp"), withKeys(sobot.settings, "secretKey", KEY));
    expect(e.matchesCurrent).toBe(true);
    expect(e.timestampDriftSeconds).toBe(-3600);
    expect(e.causes).toEqual(["timestamp drift of -3600 s (old; the tolerance is 300 s)"]);
    expect(e.summary).toMatch(/timestamp is outside the window/);
  });

  it("decrypt_failed: signed with the current key, encrypted with the previous one", () => {
    const parameter = encrypt(JSON.stringify(query), OLD);
    const wire: WireRequest = {
      method: "POST",
      path: "/x",
      headers: { timestamp: String(T), sign: sign("1", String(T), KEY, parameter) },
      body: JSON.stringify({ parameter }),
    };
    const e = explainCall(logged("sobot-crm", wire, "decrypt_failed"), withKeys(sobot.settings, "secretKey", KEY, OLD));
    expect(e.causes).toEqual(["the parameter was encrypted with the previous key but signed with the current key"]);
  });

  it("a pruned body cannot be explained", () => {
    const call = {
      ...logged("sobot-crm", build("sobot-crm", sobot, KEY, query), "bad_signature"),
      requestBody: null,
      prunedAt: new Date(),
    };
    expect(explainCall(call, withKeys(sobot.settings, "secretKey", KEY))).toMatchObject({
      explainable: false,
      summary: expect.stringMatching(/retention/),
    });
  });
});

describe("Udesk", () => {
  it("message: a wrong key", () => {
    const wire = build("udesk-message", udesk, KEY, { questionContent: "q" }, { wrongKey: true });
    const e = explainCall(logged("udesk-message", wire, "bad_signature"), withKeys(udesk.settings, "key", KEY));
    expect(e.expected).toBe(crypto.createHash("sha1").update(`对接一&${KEY}&${T}`).digest("hex"));
    expect(e.received).toBe(JSON.parse(wire.body!).sign);
    expect(e.causes[0]).toMatch(/^wrong key/);
    expect(e.formula).toBe('sha1(integrationName + "&" + key + "&" + timestamp)');
    noSecret(e);
  });

  it("message: the sign is right for another integration name found in the body", () => {
    const wire = build("udesk-message", udesk, KEY, { integrationName: "Integration One" });
    const e = explainCall(logged("udesk-message", wire, "bad_signature"), withKeys(udesk.settings, "key", KEY));
    expect(e.causes).toEqual([
      'integration name differs: the request says "Integration One", the integration is configured as "对接一"',
    ]);
    expect(e.inputs.map((i) => i.name)).toContain("integrationName (in the request)");
  });

  it("message: the name signed as Latin-1 (a re-encoded body)", () => {
    const mojibake = Buffer.from("对接一", "utf8").toString("latin1");
    const s = crypto.createHash("sha1").update(`${mojibake}&${KEY}&${T}`, "utf8").digest("hex");
    const wire: WireRequest = {
      method: "POST",
      path: "/x",
      headers: {},
      body: JSON.stringify({ timestamp: T, sign: s, integrationName: "对接一" }),
    };
    const e = explainCall(logged("udesk-message", wire, "bad_signature"), withKeys(udesk.settings, "key", KEY));
    expect(e.causes).toEqual([
      "body re-encoded: the sign matches the integration name as its UTF-8 bytes read as Latin-1",
    ]);
  });

  it("task: the previous key, and a sign that leaves taskNodeId out", () => {
    const old = build("udesk-task", udesk, OLD, { taskNodeId: 100, sessionId: 5 });
    expect(
      explainCall(logged("udesk-task", old, "bad_signature"), withKeys(udesk.settings, "key", KEY, OLD)).causes[0],
    ).toMatch(/previous key \(rotation\)/);
    const s = crypto.createHash("md5").update(`${KEY}5${T}`).digest("hex");
    const wire: WireRequest = {
      method: "POST",
      path: "/x",
      headers: {},
      body: JSON.stringify({ taskNodeId: 100, sessionId: 5, timestamp: T, sign: s }),
    };
    expect(
      explainCall(logged("udesk-task", wire, "bad_signature"), withKeys(udesk.settings, "key", KEY)).causes,
    ).toEqual(["the sign leaves taskNodeId out (new-form style) although the body has taskNodeId 100"]);
  });

  it("task: a taskNodeId written differently from how it parses", () => {
    const s = crypto.createHash("md5").update(`${KEY}1e25${T}`).digest("hex");
    const wire: WireRequest = {
      method: "POST",
      path: "/x",
      headers: {},
      body: `{"taskNodeId":1e2,"sessionId":5,"timestamp":${T},"sign":"${s}"}`,
    };
    expect(
      explainCall(logged("udesk-task", wire, "bad_signature"), withKeys(udesk.settings, "key", KEY)).causes,
    ).toEqual(["body re-encoded: the sign matches taskNodeId as written (1e2), not as parsed (100)"]);
  });

  it("knowledge: wrong key, a future timestamp, and the & left out", () => {
    const wire = build("udesk-knowledge", udesk, KEY, { datumId: 1 }, { wrongKey: true, timestamp: T + 900 });
    const e = explainCall(logged("udesk-knowledge", wire, "bad_signature"), withKeys(udesk.settings, "key", KEY));
    expect(e.causes[0]).toMatch(/^wrong key/);
    expect(e.causes[1]).toBe("timestamp drift of 900 s (in the future; the tolerance is 300 s)");
    const s = crypto.createHash("sha256").update(`${KEY}${T}`).digest("hex");
    const noAmp: WireRequest = {
      method: "POST",
      path: "/x",
      headers: {},
      body: JSON.stringify({ timestamp: T, sign: s }),
    };
    expect(
      explainCall(logged("udesk-knowledge", noAmp, "bad_signature"), withKeys(udesk.settings, "key", KEY)).causes[0],
    ).toMatch(/"&" between key and timestamp/);
  });
});

describe("Hyphenate", () => {
  const settings = { encryptSystemParams: false };
  const hy: LabIntegration = { name: "H", slug: "h", settings };
  const payload = { visitorImId: "visitor-001", name: "Jack", lang: "en" };

  it("a wrong key: names the parameter that does not decrypt", () => {
    const wire = buildLabRequest("hyphenate-iframe", hy, { key: KEY }, payload, {
      origin: "http://x",
      wrongKey: true,
    }).wire;
    const e = explainCall(logged("hyphenate-iframe", wire, "decrypt_failed"), withKeys(settings, "key", KEY));
    expect(e.causes).toEqual([expect.stringMatching(/^wrong key: "name" do\(es\) not decrypt with the current key/)]);
    expect(e.params.find((p) => p.name === "visitorImId")!.result).toBe("not encrypted");
    noSecret(e);
  });

  it("the previous key, and a parameter sent in clear", () => {
    const old = `/hyphenate/h?${new URLSearchParams({ visitorImId: "v", name: desEncrypt("Jack", OLD) })}`;
    const e = explainCall(
      logged("hyphenate-iframe", { method: "GET", path: old, headers: {}, body: null }, "decrypt_failed"),
      withKeys(settings, "key", KEY, OLD),
    );
    expect(e.matchesPrevious).toBe(true);
    expect(e.causes[0]).toMatch(/^encrypted with the previous key \(rotation\)/);
    const clear = explainCall(
      logged(
        "hyphenate-iframe",
        { method: "GET", path: "/hyphenate/h?name=Jack", headers: {}, body: null },
        "decrypt_failed",
      ),
      withKeys(settings, "key", KEY),
    );
    expect(clear.causes[0]).toMatch(/"name" is not encrypted/);
  });

  it("a good call decrypts with the current key", () => {
    const wire = buildLabRequest("hyphenate-iframe", hy, { key: KEY }, payload, { origin: "http://x" }).wire;
    const e = explainCall(logged("hyphenate-iframe", wire, "ok"), withKeys(settings, "key", KEY));
    expect(e.causes).toEqual([]);
    expect(e.params.find((p) => p.name === "name")!.result).toBe('decrypts to "Jack"');
  });
});

describe("Sobot webhook", () => {
  it("a redacted header: says it cannot compare, and names the wrong key", () => {
    const integration: LabIntegration = {
      name: "W",
      slug: "w",
      settings: { authMode: "header", headerName: "x-deskbridge-token" },
    };
    const wire = build("sobot-webhook", integration, KEY, { id: "1" }, { wrongKey: true });
    const e = explainCall(
      logged("sobot-webhook", wire, "bad_signature"),
      withKeys(integration.settings, "sharedSecret", KEY),
    );
    expect(e.received).toBe("[redacted in the log]");
    expect(e.expected).toBe("«sharedSecret»");
    expect(e.causes[0]).toMatch(/^wrong key: the x-deskbridge-token header does not match/);
    noSecret(e);
  });

  it("a custom header kept in the log: the previous secret is recognised", () => {
    const integration: LabIntegration = {
      name: "W",
      slug: "w",
      settings: { authMode: "header", headerName: "x-sobot" },
    };
    const wire = build("sobot-webhook", integration, OLD, { id: "1" });
    const e = explainCall(
      logged("sobot-webhook", wire, "bad_signature"),
      withKeys(integration.settings, "sharedSecret", KEY, OLD),
    );
    expect(e.matchesPrevious).toBe(true);
    expect(e.causes[0]).toMatch(/previous key \(rotation\)/);
    noSecret(e);
  });
});

describe("what is not explained", () => {
  it("outbound calls, unknown kinds and missing integrations", () => {
    const call = logged("sobot-crm", build("sobot-crm", sobot, KEY, {}), "bad_signature");
    expect(explainCall({ ...call, direction: "out" }, null).explainable).toBe(false);
    expect(explainCall({ ...call, vendor: "sobot-api", kind: "trigger" }, null).summary).toMatch(/not explained/);
    expect(explainCall(call, null).summary).toMatch(/no longer exists/);
  });
});

describe("decrypt tool", () => {
  it("decrypts Sobot AES and Hyphenate DES", () => {
    expect(decryptTool("sobot-aes", encrypt('{"tel":"1"}', KEY).toLowerCase(), KEY)).toEqual({
      plaintext: '{"tel":"1"}',
    });
    expect(decryptTool("hyphenate-des", "877523f86f18f55e", "12345678abc")).toEqual({ plaintext: "Jack" });
    expect(decryptTool("hyphenate-des", " 8775 23f86f18f55e\n", "12345678abc")).toEqual({ plaintext: "Jack" });
  });

  it.each([
    ["sobot-aes", "", "empty"],
    ["sobot-aes", "ABC", "odd_length"],
    ["sobot-aes", "ZZZZ", "not_hex"],
    ["sobot-aes", "ABCD", "bad_length"],
    ["hyphenate-des", "abcd", "bad_length"],
    ["hyphenate-des", "xy", "not_hex"],
  ] as const)("%s %j → %s", (kind, hex, reason) => {
    expect(decryptTool(kind, hex, KEY)).toMatchObject({ reason, message: expect.any(String) });
  });

  it("a wrong key: bad padding (or not text), never a plaintext", () => {
    const aes = decryptTool("sobot-aes", encrypt('{"tel":"13800000000"}', OLD), KEY);
    expect("reason" in aes && ["bad_padding", "not_text"].includes(aes.reason)).toBe(true);
    const des = decryptTool("hyphenate-des", desEncrypt("Jack", "abcdefgh-1"), "12345678-1");
    expect("reason" in des && ["bad_padding", "not_text"].includes(des.reason)).toBe(true);
  });
});
