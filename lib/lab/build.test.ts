// The signature lab's builders against PROTOCOLS.md vectors, and the rule that no secret value
// is ever in what the browser gets.
import { describe, expect, it } from "vitest";
import {
  buildLabRequest,
  defaultPayload,
  LabInputError,
  LAB_KINDS,
  maskText,
  wrongKeyOf,
  type LabIntegration,
} from "@/lib/lab/build";
import { decrypt } from "@/lib/vendors/sobot/codec";
import { desDecrypt } from "@/lib/vendors/hyphenate/codec";

const origin = "https://crm.example.com";
const sobot: LabIntegration = {
  name: "Sobot",
  slug: "seg-sobot",
  settings: { companyId: "1", timestampTolerance: 300 },
};
const udesk: LabIntegration = {
  name: "Udesk",
  slug: "seg-udesk",
  settings: { integrationName: "对接一", timestampTolerance: 300 },
};
const hyphenate: LabIntegration = {
  name: "Easemob",
  slug: "seg-hy",
  settings: { matchParam: "visitorImId", encryptSystemParams: false },
};
const DOC_QUERY = { email: "55612609866@163.com", partnerId: "partnerId", tel: "55612609866" };
const DOC_PARAMETER =
  "1D6061B2D3E630351669C2A7FA96681E7D2F340484225A0EEF7D0065FF8D1FA4F42FDBCF8841CFA8" +
  "F92C44026739C74D0A95AABEA0553274A0E393B891DAACD8EEF0A18B45A61F1807FF8EADD9D76132";

describe("Sobot CRM docking", () => {
  it("gives the document's parameter and sign, with the secret masked in the signed string", () => {
    const { view, wire } = buildLabRequest("sobot-crm", sobot, { secretKey: "secretKey" }, DOC_QUERY, {
      origin,
      timestamp: "1569397773",
    });
    expect(view.ciphertext).toBe(DOC_PARAMETER);
    expect(view.sign).toBe("868b2fe841ca486e7344b0c15aac1e76");
    expect(view.signedString).toBe(`11569397773«secretKey»${DOC_PARAMETER}`);
    expect(view.signedParts.map((p) => p.value)).toEqual(["1", "1569397773", "«secretKey»", DOC_PARAMETER]);
    expect(view.plaintext).toBe(JSON.stringify(DOC_QUERY));
    expect(view.method).toBe("POST");
    expect(view.path).toBe("/api/callbacks/sobot/crm/seg-sobot");
    expect(view.headers).toEqual([
      ["content-type", "application/json"],
      ["timestamp", "1569397773"],
      ["sign", "868b2fe841ca486e7344b0c15aac1e76"],
    ]);
    expect(view.body).toBe(JSON.stringify({ parameter: DOC_PARAMETER }));
    expect(view.curl).toContain("curl -X POST 'https://crm.example.com/api/callbacks/sobot/crm/seg-sobot'");
    expect(view.curl).toContain("-H 'sign: 868b2fe841ca486e7344b0c15aac1e76'");
    expect(wire).toEqual({
      method: "POST",
      path: view.path,
      headers: { "content-type": "application/json", timestamp: "1569397773", sign: view.sign },
      body: view.body,
    });
  });

  it("signs and encrypts with a deliberately wrong key when asked, and says so", () => {
    const { view } = buildLabRequest("sobot-crm", sobot, { secretKey: "secretKey" }, DOC_QUERY, {
      origin,
      timestamp: "1569397773",
      wrongKey: true,
    });
    expect(view.key).toBe("wrong");
    expect(view.sign).not.toBe("868b2fe841ca486e7344b0c15aac1e76");
    expect(view.signedParts[2].value).toBe("wrong-«secretKey»");
    expect(() => decrypt(view.ciphertext!, "secretKey")).toThrow();
    expect(decrypt(view.ciphertext!, "wrong-secretKey")).toBe(JSON.stringify(DOC_QUERY));
  });

  it("takes a string payload as the plaintext itself; refuses a bad timestamp and a missing key", () => {
    const { view } = buildLabRequest("sobot-crm", sobot, { secretKey: "k-123456" }, '{"tel":"1"}', {
      origin,
      timestamp: "1",
    });
    expect(view.plaintext).toBe('{"tel":"1"}');
    expect(() =>
      buildLabRequest("sobot-crm", sobot, { secretKey: "k" }, DOC_QUERY, { origin, timestamp: "yesterday" }),
    ).toThrow(LabInputError);
    expect(() => buildLabRequest("sobot-crm", sobot, {}, DOC_QUERY, { origin })).toThrow(/no secretKey set/);
    expect(() => buildLabRequest("sobot-crm", sobot, { secretKey: "k" }, [1, 2], { origin })).toThrow(/JSON object/);
  });

  it("uses the current time when no timestamp is given", () => {
    const now = new Date("2026-01-02T03:04:05Z");
    const { view } = buildLabRequest("sobot-crm", sobot, { secretKey: "k" }, DOC_QUERY, { origin, now });
    expect(view.timestamp).toBe(String(now.getTime() / 1000));
  });
});

describe("Udesk", () => {
  it("message-triggered: the document's vector, name and timestamp in the body", () => {
    const { view } = buildLabRequest(
      "udesk-message",
      udesk,
      { key: "221b368d7f5f597867f525971f28ff75" },
      { regex: "", questionContent: "hi" },
      { origin, timestamp: "1496631984" },
    );
    expect(view.sign).toBe("96d8271cd705d3f134d215e9b3c27bb73f1132ed");
    expect(view.signedString).toBe("对接一&«key»&1496631984");
    const body = JSON.parse(view.body!);
    expect(body).toMatchObject({
      timestamp: 1496631984,
      sign: view.sign,
      integrationName: "对接一",
      questionContent: "hi",
    });
    expect(Object.keys(body).slice(0, 2)).toEqual(["timestamp", "sign"]);
  });

  it("message-triggered: a payload's own integrationName is signed, with a warning when it differs", () => {
    const { view } = buildLabRequest(
      "udesk-message",
      udesk,
      { key: "abcdef" },
      { integrationName: "Integration One" },
      { origin, timestamp: "1" },
    );
    expect(view.signedString).toBe("Integration One&«key»&1");
    expect(view.notes.join(" ")).toMatch(/is not the configured "对接一"/);
  });

  it("task push: with and without taskNodeId", () => {
    const withNode = buildLabRequest(
      "udesk-task",
      udesk,
      { key: "abcde" },
      { taskNodeId: 100, sessionId: 100 },
      { origin, timestamp: "1551510709" },
    ).view;
    expect(withNode.sign).toBe("9195e2a5c1d84b86dc59819f29a0e300");
    expect(withNode.signedString).toBe("«key»1001001551510709");
    const without = buildLabRequest(
      "udesk-task",
      udesk,
      { key: "abcde" },
      { taskNodeId: null, sessionId: 100 },
      { origin, timestamp: "1551510709" },
    ).view;
    expect(without.sign).toBe("7c3479422b034a62fff5d23e883f07d8");
    expect(without.formula).toMatch(/taskNodeId is null/);
    expect(() => buildLabRequest("udesk-task", udesk, { key: "abcde" }, { taskNodeId: 1 }, { origin })).toThrow(
      /sessionId/,
    );
  });

  it("knowledge base: sha256(key&timestamp)", () => {
    const { view } = buildLabRequest(
      "udesk-knowledge",
      udesk,
      { key: "123456" },
      { datumId: 1 },
      { origin, timestamp: "1551510709" },
    );
    expect(view.sign).toBe("394eaf3868642dc6775e908dee2ed53274ea3ebd06fa4dd5fa07a4150c016f71");
    expect(view.signedString).toBe("«key»&1551510709");
    expect(view.path).toBe("/api/callbacks/udesk/knowledge/seg-udesk");
  });
});

describe("Hyphenate", () => {
  const payload = { visitorImId: "visitor-001", lang: "en", name: "Jack", age: "40", sex: "man", empty: "" };

  it("DES-encrypts the custom parameters only (the document's vectors), in the query", () => {
    const { view, wire } = buildLabRequest("hyphenate-iframe", hyphenate, { key: "12345678abcdef" }, payload, {
      origin,
    });
    expect(view.method).toBe("GET");
    expect(view.body).toBeNull();
    const q = new URL(view.url).searchParams;
    expect(Object.fromEntries(q)).toEqual({
      visitorImId: "visitor-001",
      lang: "en",
      name: "877523f86f18f55e",
      age: "e86b4e789891107c",
      sex: "d221cba8e6efd0ad",
      empty: "",
    });
    expect(view.ciphertext).toBe("name=877523f86f18f55e\nage=e86b4e789891107c\nsex=d221cba8e6efd0ad");
    expect(wire.path).toBe(view.path);
    expect(view.path.startsWith("/hyphenate/seg-hy?")).toBe(true);
  });

  it("encrypts the system parameters too when the setting is on (lang never)", () => {
    const { view } = buildLabRequest(
      "hyphenate-iframe",
      { ...hyphenate, settings: { encryptSystemParams: true } },
      { key: "12345678abcdef" },
      payload,
      { origin },
    );
    const q = new URL(view.url).searchParams;
    expect(desDecrypt(q.get("visitorImId")!, "12345678")).toBe("visitor-001");
    expect(q.get("lang")).toBe("en");
  });

  it("a wrong key changes the first 8 bytes, so the real key cannot decrypt", () => {
    const { view } = buildLabRequest("hyphenate-iframe", hyphenate, { key: "12345678abcdef" }, payload, {
      origin,
      wrongKey: true,
    });
    expect(view.key).toBe("wrong");
    const name = new URL(view.url).searchParams.get("name")!;
    expect(() => desDecrypt(name, "12345678abcdef")).toThrow();
  });

  it("a wrong key with nothing to encrypt says so", () => {
    const { view } = buildLabRequest(
      "hyphenate-iframe",
      hyphenate,
      { key: "12345678abcdef" },
      { visitorImId: "visitor-001", lang: "en" },
      { origin, wrongKey: true },
    );
    expect(view.notes.join(" ")).toMatch(/No parameter is encrypted/);
    expect(view.notes.join(" ")).not.toMatch(/expect 400/);
    expect(view.ciphertext).toBeNull();
  });

  it("without a key sends everything in clear", () => {
    const { view } = buildLabRequest("hyphenate-iframe", hyphenate, {}, payload, { origin, wrongKey: true });
    expect(new URL(view.url).searchParams.get("name")).toBe("Jack");
    expect(view.key).toBe("none");
    expect(view.notes.join(" ")).toMatch(/no encryption key/);
  });
});

describe("Sobot webhook", () => {
  const push = { id: "sc1", nick: "n" };
  it("puts the shared secret in the configured header on the wire only", () => {
    const secret = "webhook-shared-secret-1234";
    const { view, wire } = buildLabRequest(
      "sobot-webhook",
      { name: "W", slug: "w", settings: { authMode: "header", headerName: "x-deskbridge-token" } },
      { sharedSecret: secret },
      push,
      { origin },
    );
    expect(wire.headers["x-deskbridge-token"]).toBe(secret);
    expect(view.headers).toContainEqual(["x-deskbridge-token", "«sharedSecret»"]);
    expect(view.curl).toContain("x-deskbridge-token: «sharedSecret»");
    expect(JSON.stringify(view)).not.toContain(secret);
    const wrong = buildLabRequest(
      "sobot-webhook",
      { name: "W", slug: "w", settings: { authMode: "header" } },
      { sharedSecret: secret },
      push,
      { origin, wrongKey: true },
    );
    expect(wrong.wire.headers["x-deskbridge-token"]).toBe(`wrong-${secret}`);
    expect(wrong.view.headers).toContainEqual(["x-deskbridge-token", "wrong-«sharedSecret»"]);
  });

  it("basic: real credentials on the wire, masked in the view", () => {
    const secret = "webhook-shared-secret-1234";
    const { view, wire } = buildLabRequest(
      "sobot-webhook",
      { name: "W", slug: "w", settings: { authMode: "basic", basicUser: "sobot" } },
      { sharedSecret: secret },
      push,
      { origin },
    );
    expect(Buffer.from(wire.headers.authorization.slice(6), "base64").toString()).toBe(`sobot:${secret}`);
    expect(view.headers).toContainEqual(["authorization", "Basic base64(sobot:«sharedSecret»)"]);
    expect(JSON.stringify(view)).not.toContain(Buffer.from(`sobot:${secret}`).toString("base64"));
  });

  it("mode none: no header, and a wrong key is said to change nothing", () => {
    const { view, wire } = buildLabRequest(
      "sobot-webhook",
      { name: "W", slug: "w", settings: { authMode: "none" } },
      {},
      push,
      { origin, wrongKey: true },
    );
    expect(Object.keys(wire.headers)).toEqual(["content-type"]);
    expect(view.notes.join(" ")).toMatch(/changes nothing/);
  });
});

describe("every kind", () => {
  const secret = 'Lab-S3cret-"quoted"-密钥-0001';
  const integrationFor = (kind: string): LabIntegration =>
    kind.startsWith("udesk")
      ? udesk
      : kind === "sobot-crm"
        ? sobot
        : kind === "hyphenate-iframe"
          ? hyphenate
          : { name: "W", slug: "w", settings: { authMode: "header" } };

  it.each(LAB_KINDS)("%s builds its default payload, and the view never carries a secret", (kind) => {
    for (const wrongKey of [false, true]) {
      const secrets = { secretKey: secret, key: secret, sharedSecret: secret };
      const { view } = buildLabRequest(
        kind,
        integrationFor(kind),
        secrets,
        defaultPayload(kind, integrationFor(kind).settings),
        { origin, wrongKey },
      );
      const json = JSON.stringify(view);
      expect(json).not.toContain("Lab-S3cret");
      expect(json).not.toContain(Buffer.from(secret).toString("base64").slice(0, 12));
      expect(view.curl.startsWith(`curl -X ${view.method} '${origin}`)).toBe(true);
    }
  });

  it("maskText masks the longest secret first and leaves short ones to the builders", () => {
    expect(
      maskText("a-secret-long and a-secret", [
        { name: "s", value: "a-secret" },
        { name: "l", value: "a-secret-long" },
      ]),
    ).toBe("«l» and «s»");
    expect(maskText("abc", [{ name: "s", value: "abc" }])).toBe("abc");
    expect(wrongKeyOf("k", 2).value).toBe("wrong2-k");
  });
});
