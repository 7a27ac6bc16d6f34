// verified(): a handler gets the payload only once it parsed and its sign matched, the window
// held and the call was accepted once; each failure stops at its own refusal, in that order.
import crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { defineCallback } from "@/lib/callbacks/define";
import { CallbackRefusal, type HandlerContext, type HandlerResult } from "@/lib/callbacks/types";
import { bodyTooDeep, type RequestSchema, type SignOf, verified } from "@/lib/callbacks/verified";
import type { Db } from "@/lib/db/client";

const NOW = 1_800_000_000;
const hmac = (key: string, text: string) => crypto.createHmac("sha256", key).update(text).digest("hex");

type Body = { ts: number; sign: string; q: string };
const request: RequestSchema<Body> = {
  headers: ["x-tenant"],
  body: z.object({ ts: z.number(), sign: z.string(), q: z.string() }),
  refuse: (problem) =>
    problem.reason === "too_deep"
      ? bodyTooDeep()
      : new CallbackRefusal({
          outcome: "malformed",
          publicMessage: problem.reason === "not_json" ? "Not JSON." : "Invalid.",
          detail: problem.reason,
          decryptedRequest: problem.reason === "invalid" ? problem.json : undefined,
        }),
};
const signOf: SignOf<Body> = ({ data, json, headers }) => ({
  secret: "key",
  received: data.sign,
  timestamp: String(data.ts),
  expected: (key) => hmac(key, `${headers["x-tenant"]}:${data.ts}`),
  formula: "hmac(key, tenant:ts)",
  payload: json,
  check: (key) => {
    if (data.q === "forbidden")
      throw new CallbackRefusal({ outcome: "bad_signature", publicMessage: "No.", detail: "forbidden q", key });
  },
});

function context(body: unknown, { headers = { "x-tenant": "t1" } as Record<string, string>, keys = ["new"] } = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const accepted: unknown[] = [];
  const ctx: HandlerContext = {
    client: {} as Db,
    request: new Request("http://x/cb", { method: "POST", headers, body: text }),
    url: new URL("http://x/cb"),
    body: Buffer.from(text),
    integration: {
      id: "i1",
      vendor: "test",
      name: "test",
      enabled: true,
      settings: { timestampTolerance: 300 },
      keys: {
        key: keys.map((value, i) => ({ secretId: i + 1, value, state: i === 0 ? "current" : "previous" })),
      },
    },
    now: new Date(NOW * 1000),
    acceptOnce: vi.fn(async (call) => void accepted.push(call)),
  };
  return { ctx, accepted };
}

const signed = (over: Partial<Body> = {}, key = "new", tenant = "t1") => {
  const ts = over.ts ?? NOW;
  return { ts, q: "where is my order", sign: hmac(key, `${tenant}:${ts}`), ...over };
};

async function refusal(promise: Promise<unknown>): Promise<CallbackRefusal> {
  const error = await promise.then(
    () => new Error("expected a refusal"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CallbackRefusal);
  return error as CallbackRefusal;
}

describe("verified", () => {
  it("returns the parsed payload, the JSON and the key once the sign matched, and accepts the call once", async () => {
    const body = signed();
    const { ctx, accepted } = context(body);
    const call = await verified(ctx, request, signOf);
    expect(call.data).toEqual(body);
    expect(call.json).toEqual(body);
    expect(call.headers).toEqual({ "x-tenant": "t1" });
    expect(call.key).toMatchObject({ secretId: 1, state: "current" });
    expect(accepted).toEqual([{ sign: body.sign, timestamp: String(NOW), payload: body }]);
  });

  it("accepts the sign in upper case and the previous key during a rotation", async () => {
    const upper = signed();
    const first = context({ ...upper, sign: upper.sign.toUpperCase() });
    expect((await verified(first.ctx, request, signOf)).key.state).toBe("current");
    const { ctx } = context(signed({}, "old"), { keys: ["new", "old"] });
    expect((await verified(ctx, request, signOf)).key).toMatchObject({ secretId: 2, state: "previous" });
  });

  it("refuses in order: a missing header, a bad body, a wrong sign, a stale timestamp, a failed check", async () => {
    const missing = await refusal(verified(context("not json", { headers: {} }).ctx, request, signOf));
    expect([missing.outcome, missing.status, missing.publicMessage]).toEqual([
      "malformed",
      400,
      "The x-tenant header is required.",
    ]);

    const notJson = await refusal(verified(context("{").ctx, request, signOf));
    expect([notJson.outcome, notJson.publicMessage]).toEqual(["malformed", "Not JSON."]);
    const tooDeep = await refusal(verified(context("[".repeat(100) + "]".repeat(100)).ctx, request, signOf));
    expect([tooDeep.outcome, tooDeep.status]).toEqual(["malformed", 400]);
    expect(tooDeep.publicMessage).toBe("The body is JSON nested more than 64 levels deep.");
    const invalid = await refusal(verified(context({ ts: "x" }).ctx, request, signOf));
    expect([invalid.outcome, invalid.publicMessage, invalid.extra.decryptedRequest]).toEqual([
      "malformed",
      "Invalid.",
      { ts: "x" },
    ]);

    // A wrong sign on a stale call is a wrong sign: nothing about the call is trusted before it.
    const wrongAndStale = context(signed({ ts: NOW - 1000 }, "someone-else"));
    const wrong = await refusal(verified(wrongAndStale.ctx, request, signOf));
    expect([wrong.outcome, wrong.status, wrong.publicMessage]).toEqual([
      "bad_signature",
      401,
      "The sign does not match.",
    ]);
    expect(wrong.extra.key).toBeUndefined();
    expect(wrongAndStale.accepted).toEqual([]);

    const stale = context(signed({ ts: NOW - 1000, q: "forbidden" }));
    const old = await refusal(verified(stale.ctx, request, signOf));
    expect([old.outcome, old.status, old.extra.key?.state]).toEqual(["stale_timestamp", 401, "current"]);

    const checked = context(signed({ q: "forbidden" }));
    const no = await refusal(verified(checked.ctx, request, signOf));
    expect([no.outcome, no.publicMessage, no.extra.key?.state]).toEqual(["bad_signature", "No.", "current"]);
    expect(checked.accepted).toEqual([]);
  });

  it("never names a key's value in the log's detail", async () => {
    const { ctx } = context(signed({}, "not-the-key"), { keys: ["the-current-key-value", "the-previous-key-value"] });
    const r = await refusal(verified(ctx, request, signOf));
    expect(r.detail).not.toContain("the-current-key-value");
    expect(r.detail).not.toContain("the-previous-key-value");
  });
});

describe("defineCallback", () => {
  const answer = (detail: string): HandlerResult => ({ status: 200, body: { ok: true }, outcome: "ok", detail });

  it("runs the handler only with a verified call", async () => {
    const handle = vi.fn(async () => answer("handled"));
    const def = defineCallback({ vendor: "test", kind: "signed", methods: ["POST"], request, sign: signOf, handle });
    expect(def.request).toBe(request);
    await refusal(def.handle(context(signed({}, "wrong")).ctx));
    expect(handle).not.toHaveBeenCalled();
    const { ctx } = context(signed());
    expect((await def.handle(ctx)).detail).toBe("handled");
    expect(handle).toHaveBeenCalledWith(ctx, expect.objectContaining({ data: signed(), key: expect.anything() }));
  });

  it("authenticates an unsigned call before it reads the body", async () => {
    const handle = vi.fn(async () => answer("pushed"));
    const authenticate = (ctx: HandlerContext) => {
      if (ctx.request.headers.get("x-token") !== "let-me-in")
        throw new CallbackRefusal({
          outcome: "bad_signature",
          publicMessage: "Authentication failed.",
          detail: "token",
        });
      return ctx.integration.keys.key[0];
    };
    const push = { ...request, headers: [] };
    const def = defineCallback({
      vendor: "test",
      kind: "push",
      methods: ["POST"],
      request: push,
      authenticate,
      handle,
    });
    const outsider = await refusal(def.handle(context("not json").ctx));
    expect([outsider.outcome, outsider.status]).toEqual(["bad_signature", 401]);
    const garbage = await refusal(def.handle(context("not json", { headers: { "x-token": "let-me-in" } }).ctx));
    expect(garbage.outcome).toBe("malformed");
    expect(handle).not.toHaveBeenCalled();
    const body = { ts: 1, sign: "", q: "q" };
    const { ctx } = context(body, { headers: { "x-token": "let-me-in" } });
    await def.handle(ctx);
    expect(handle).toHaveBeenCalledWith(ctx, {
      data: body,
      json: body,
      headers: {},
      key: expect.objectContaining({ state: "current" }),
    });
  });
});
