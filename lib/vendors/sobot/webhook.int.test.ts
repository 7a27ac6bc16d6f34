// Sobot rule-engine "webhook app" handler on real databases (PROTOCOLS §2): the documented push
// creates one customer, retries are duplicates, changes merge, contact matching, concurrency,
// malformed pushes and the three authentication modes.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallbackRefusal, type HandlerResult } from "@/lib/callbacks/types";
import { createCustomer, getCustomer, type CustomerView } from "@/lib/customers/customers";
import { findByExternalId } from "@/lib/customers/lookup";
import { AppError } from "@/lib/errors";
import { createIntegration, loadCallbackIntegration, type IntegrationView } from "@/lib/integrations/integrations";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { sobotWebhook } from "@/lib/vendors/sobot/webhook";
import { webhookAnswer, webhookRefusal } from "@/lib/vendors/sobot/schemas";
// Handlers are tested one call at a time; replay protection is the pipeline's (pipeline.int.test.ts).
const everyCallIsNew = async () => undefined;

// The seed's request example, verbatim.
const DOC_PUSH = {
  id: "123",
  pid: "456",
  nick: "John",
  uname: "John Doe",
  email: "15612661266@163.com;15612661267@163.com",
  tel: "1234567890",
  qq: "123456",
  remark: "This is a remark",
  is_vip: "0",
  vip_level: "Gold",
  user_label: "581dfa5ff16644619d8a7e1a45632a79,33d090699539491d9a0cc75f896453bc",
  face: "https://example.com/avatar.jpg",
  ex_fields: {
    "7dcf2982a3bc4afaa5351500b8e2e21c": "622453954796438,698821015202242",
    "899f53ad57fd45beaab0628981d87e2b": "2024-03-26",
    bc41e13cde264af88aceba783444067d: "622107455027943",
    "040778587416412fba9941ea482407f2": "123",
  },
};
const DOC_BODY = JSON.stringify(DOC_PUSH, null, 2);

const SHARED_SECRET = "a-shared-secret-of-24ch";
const OK_BODY = { code: 0, status: 0 };

type Call = {
  body: string;
  method?: "POST" | "PUT";
  headers?: Record<string, string>;
};

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}`;

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`Sobot webhook app handler on ${provider.name}`, () => {
    let t: TestDatabase;
    const masterKey = crypto.randomBytes(32);
    let open: IntegrationView;
    let merging: IntegrationView;
    let header: IntegrationView;
    let basicAuth: IntegrationView;

    beforeAll(async () => {
      t = await createDatabase(provider.name);
      open = await createIntegration(t.db, masterKey, {
        vendor: "sobot-webhook",
        name: "Sobot webhook",
        settings: {},
        secrets: {},
      });
      merging = await createIntegration(t.db, masterKey, {
        vendor: "sobot-webhook",
        name: "Sobot webhook (merge by contact)",
        settings: { mergeByContact: true },
        secrets: {},
      });
      header = await createIntegration(t.db, masterKey, {
        vendor: "sobot-webhook",
        name: "Sobot webhook (header)",
        settings: { authMode: "header", headerName: "x-deskbridge-token" },
        secrets: { sharedSecret: SHARED_SECRET },
      });
      basicAuth = await createIntegration(t.db, masterKey, {
        vendor: "sobot-webhook",
        name: "Sobot webhook (basic)",
        settings: { authMode: "basic", basicUser: "sobot" },
        secrets: { sharedSecret: SHARED_SECRET },
      });
    });
    afterAll(async () => {
      await t?.drop();
    });

    async function context(integration: IntegrationView, call: Call) {
      const url = `http://x/api/callbacks/sobot/webhook/${integration.slug}`;
      const loaded = await loadCallbackIntegration(t.db, masterKey, "sobot-webhook", integration.slug);
      expect(loaded).not.toBeNull();
      return {
        client: t.db,
        request: new Request(url, {
          method: call.method ?? "POST",
          headers: { "content-type": "application/json", ...call.headers },
          body: call.body,
        }),
        url: new URL(url),
        body: Buffer.from(call.body),
        integration: loaded!,
        now: new Date(),
        acceptOnce: everyCallIsNew,
      };
    }

    /** The handler's result; fails the test when it refuses. */
    async function ok(call: Call, integration = open): Promise<HandlerResult> {
      const outcome = await sobotWebhook.handle(await context(integration, call)).catch((e: unknown) => e);
      if (outcome instanceof CallbackRefusal)
        throw new Error(`expected an answer, got a refusal: ${outcome.outcome} ${outcome.status} ${outcome.detail}`);
      if (outcome instanceof Error) throw outcome;
      const r = outcome as HandlerResult;
      expect(r.status).toBe(200);
      expect(webhookAnswer.parse(r.body)).toEqual(OK_BODY);
      expect(r.outcome).toBe("ok");
      return r;
    }

    /** The handler's refusal; fails the test when it answers. */
    async function refused(call: Call, integration = open): Promise<CallbackRefusal> {
      const outcome = await sobotWebhook.handle(await context(integration, call)).then(
        (r) => new Error(`expected a refusal, got ${r.status} ${r.outcome}: ${r.detail}`),
        (e: unknown) => e,
      );
      expect(outcome).toBeInstanceOf(CallbackRefusal);
      return outcome as CallbackRefusal;
    }

    const withSobotId = (id: string) => t.db.externalId.count({ where: { kind: "sobot-customer", value: id } });
    const byId = async (id: string): Promise<CustomerView> => {
      const found = await findByExternalId(t.db, "sobot-customer", id);
      expect(found, `a customer with sobot-customer ${id}`).not.toBeNull();
      return found!;
    };
    const customers = () => t.db.customer.count();

    it("creates one customer from the documented push, answering 200 {code:0,status:0}", async () => {
      const before = await customers();
      const r = await ok({ body: DOC_BODY });
      expect(r.customerId).toEqual(expect.any(Number));
      expect(await customers()).toBe(before + 1);
      expect(await withSobotId("123")).toBe(1);

      const c = (await getCustomer(t.db, r.customerId!))!;
      expect(c).not.toBeNull();
      expect(c.externalIds).toEqual([{ kind: "sobot-customer", value: "123" }]);
      expect(c.uname).toBe("John");
      expect(c.realname).toBe("John Doe");
      expect(c.emails).toEqual(["15612661266@163.com", "15612661267@163.com"]);
      expect(c.phones).toEqual(["1234567890"]);
      expect([...c.labels].sort()).toEqual(["33d090699539491d9a0cc75f896453bc", "581dfa5ff16644619d8a7e1a45632a79"]);
      expect(c.vipLevel).toBe("Gold");
      expect(c.isVip).toBe(false);
      expect(c.remark).toBe("This is a remark");
      expect(c.customFields).toEqual({
        ...DOC_PUSH.ex_fields,
        qq: "123456",
        face: "https://example.com/avatar.jpg",
        sobot_pid: "456",
      });
      expect(r.decryptedRequest).toEqual(DOC_PUSH);
    });

    it("treats the same push again as a duplicate that changes nothing", async () => {
      const first = await byId("123");
      const before = await customers();
      const r = await ok({ body: DOC_BODY });
      expect(r.customerId).toBe(first.id);
      expect(await customers()).toBe(before);
      expect(await withSobotId("123")).toBe(1);
      const after = (await getCustomer(t.db, first.id))!;
      expect(after).toEqual(first);
      expect(after.updatedAt.getTime()).toBe(first.updatedAt.getTime());
    });

    it("merges a changed push for the same Sobot id into the customer", async () => {
      const first = await byId("123");
      const before = await customers();
      const changed = {
        ...DOC_PUSH,
        remark: "Now a VIP",
        email: "15612661266@163.com;15612661267@163.com;john.new@example.com",
        user_label: "581dfa5ff16644619d8a7e1a45632a79,9f1c0e6b7a2d4e3f8a5b6c7d8e9f0a1b",
        is_vip: "1",
      };
      const r = await ok({ body: JSON.stringify(changed) });
      expect(r.customerId).toBe(first.id);
      expect(await customers()).toBe(before);
      expect(await withSobotId("123")).toBe(1);
      const c = (await getCustomer(t.db, first.id))!;
      expect(c.remark).toBe("Now a VIP");
      expect([...c.emails].sort()).toEqual(["15612661266@163.com", "15612661267@163.com", "john.new@example.com"]);
      expect([...c.labels].sort()).toEqual([
        "33d090699539491d9a0cc75f896453bc",
        "581dfa5ff16644619d8a7e1a45632a79",
        "9f1c0e6b7a2d4e3f8a5b6c7d8e9f0a1b",
      ]);
      expect(c.isVip).toBe(true);
      expect(c.uname).toBe("John");
      expect(c.realname).toBe("John Doe");
      expect(c.vipLevel).toBe("Gold");
      expect(c.externalIds).toEqual([{ kind: "sobot-customer", value: "123" }]);
    });

    it("applies a push again when it follows a different one (A, B, A), but not a plain retry", async () => {
      const a = { id: "aba-1", nick: "aba", remark: "first" };
      const b = { ...a, remark: "second" };
      const before = await customers();
      const first = await ok({ body: JSON.stringify(a) });
      expect(await customers()).toBe(before + 1);
      const second = await ok({ body: JSON.stringify(b) });
      expect(second.customerId).toBe(first.customerId);
      expect((await getCustomer(t.db, first.customerId!))!.remark).toBe("second");
      const third = await ok({ body: JSON.stringify(a) });
      expect(third.customerId).toBe(first.customerId);
      const applied = (await getCustomer(t.db, third.customerId!))!;
      expect(applied.remark).toBe("first");
      // A plain retry of the last push changes nothing, not even the time of the last change.
      const retry = await ok({ body: JSON.stringify(a) });
      expect(retry.customerId).toBe(first.customerId);
      expect((await getCustomer(t.db, first.customerId!))!.updatedAt).toEqual(applied.updatedAt);
      expect(await customers()).toBe(before + 1);
    });

    it("splits ;-separated emails and phones with spaces around them", async () => {
      const r = await ok({
        body: JSON.stringify({
          id: "split-1",
          nick: "Split",
          email: "a@x.com; b@x.com",
          tel: "13800000001 ;13800000002",
        }),
      });
      const c = (await getCustomer(t.db, r.customerId!))!;
      expect(c.externalIds).toEqual([{ kind: "sobot-customer", value: "split-1" }]);
      expect(c.emails).toEqual(["a@x.com", "b@x.com"]);
      expect(c.phones).toEqual(["13800000001", "13800000002"]);
    });

    it("merges into a customer found by email when mergeByContact is on", async () => {
      const existing = await createCustomer(t.db, {
        uname: "known-by-email",
        emails: ["merge.me@example.com"],
        phones: ["13911110000"],
      });
      const before = await customers();
      const r = await ok(
        { body: JSON.stringify({ id: "contact-1", nick: "Merged", email: "merge.me@example.com" }) },
        merging,
      );
      expect(r.customerId).toBe(existing.id);
      expect(await customers()).toBe(before);
      const c = (await getCustomer(t.db, existing.id))!;
      expect(c.externalIds).toEqual([{ kind: "sobot-customer", value: "contact-1" }]);
      expect(c.emails).toEqual(["merge.me@example.com"]);
      expect(c.phones).toEqual(["13911110000"]);
      expect((await byId("contact-1")).id).toBe(existing.id);
    });

    it("creates a second customer for a matching email when mergeByContact is off (the default)", async () => {
      const existing = await createCustomer(t.db, { uname: "also-known-by-email", emails: ["separate@example.com"] });
      const before = await customers();
      const r = await ok({
        body: JSON.stringify({ id: "contact-2", nick: "Separate", email: "separate@example.com" }),
      });
      expect(r.customerId).not.toBe(existing.id);
      expect(await customers()).toBe(before + 1);
      expect((await getCustomer(t.db, existing.id))!.externalIds).toEqual([]);
      const c = await byId("contact-2");
      expect(c.id).toBe(r.customerId);
      expect(c.emails).toEqual(["separate@example.com"]);
    });

    it("creates exactly one customer from five identical pushes at once", async () => {
      const body = JSON.stringify({
        id: "concurrent-1",
        nick: "Racer",
        email: "racer@example.com",
        tel: "13700000000",
        remark: "raced",
      });
      const before = await customers();
      const settled = await Promise.allSettled(
        Array.from({ length: 5 }, async () => sobotWebhook.handle(await context(open, { body }))),
      );
      const failures = settled.flatMap((s) =>
        s.status === "rejected"
          ? [
              s.reason instanceof CallbackRefusal
                ? `${s.reason.outcome} ${s.reason.status} ${s.reason.detail}`
                : String(s.reason),
            ]
          : [],
      );
      expect(failures).toEqual([]);
      const results = settled.map((s) => (s as PromiseFulfilledResult<HandlerResult>).value);
      for (const r of results) {
        expect(r.status).toBe(200);
        expect(r.body).toEqual(OK_BODY);
        expect(r.outcome).toBe("ok");
      }
      expect(await withSobotId("concurrent-1")).toBe(1);
      expect(await customers()).toBe(before + 1);
      const c = await byId("concurrent-1");
      expect(results.every((r) => r.customerId === c.id)).toBe(true);
      expect(c.remark).toBe("raced");
    });

    it("refuses a body that is not JSON as malformed", async () => {
      const before = await customers();
      const e = await refused({ body: "id=999&nick=NotJson" });
      expect(e.outcome).toBe("malformed");
      expect(e.status).toBe(400);
      expect(await customers()).toBe(before);
      const answer = sobotWebhook.refusal?.(e.outcome, e.publicMessage, new Request("http://x")).body;
      expect(webhookRefusal.parse(answer)).toEqual({
        code: 1,
        status: 1,
        error: "malformed",
        message: "The body must be a JSON object (the customer).",
      });
    });

    it("refuses a push without an id, naming the id", async () => {
      const before = await customers();
      const e = await refused({ body: JSON.stringify({ nick: "No id", email: "noid@example.com" }) });
      expect(e.outcome).toBe("malformed");
      expect(e.status).toBe(400);
      expect(e.publicMessage).toMatch(/\bid\b/);
      expect(await customers()).toBe(before);
    });

    it("accepts PUT like POST", async () => {
      expect(sobotWebhook.methods).toContain("PUT");
      expect(sobotWebhook.methods).toContain("POST");
      const r = await ok({ method: "PUT", body: JSON.stringify({ id: "put-1", nick: "Put" }) });
      const created = await byId("put-1");
      expect(created.id).toBe(r.customerId);
      expect(created.uname).toBe("Put");
    });

    it("needs no credentials with authMode none", async () => {
      const r = await ok({
        body: JSON.stringify({ id: "auth-none-1", nick: "Open" }),
        headers: { authorization: "Basic Zm9vOmJhcg==" },
      });
      expect((await byId("auth-none-1")).id).toBe(r.customerId);
      expect(r.key ?? null).toBeNull();
    });

    describe("header authentication", () => {
      const body = JSON.stringify({ id: "auth-header-1", nick: "Header" });

      it("refuses a missing header", async () => {
        const e = await refused({ body }, header);
        expect(e.outcome).toBe("bad_signature");
        expect(e.status).toBe(401);
        expect(await withSobotId("auth-header-1")).toBe(0);
      });

      it("refuses a wrong value", async () => {
        for (const value of ["wrong-secret-value-24chr", SHARED_SECRET.slice(0, -1), `${SHARED_SECRET}x`]) {
          const e = await refused({ body, headers: { "x-deskbridge-token": value } }, header);
          expect(e.outcome).toBe("bad_signature");
          expect(e.status).toBe(401);
        }
        // The secret in another header does not count.
        const e = await refused({ body, headers: { "x-other-token": SHARED_SECRET } }, header);
        expect(e.status).toBe(401);
        expect(await withSobotId("auth-header-1")).toBe(0);
      });

      it("accepts the right value", async () => {
        const r = await ok({ body, headers: { "X-Deskbridge-Token": SHARED_SECRET } }, header);
        expect(r.key?.state).toBe("current");
        expect(await withSobotId("auth-header-1")).toBe(1);
      });
    });

    describe("Basic authentication", () => {
      const body = JSON.stringify({ id: "auth-basic-1", nick: "Basic" });

      it("refuses a wrong password", async () => {
        const e = await refused(
          { body, headers: { authorization: basic("sobot", "wrong-secret-value-24chr") } },
          basicAuth,
        );
        expect(e.outcome).toBe("bad_signature");
        expect(e.status).toBe(401);
      });

      it("refuses a wrong user", async () => {
        const e = await refused({ body, headers: { authorization: basic("admin", SHARED_SECRET) } }, basicAuth);
        expect(e.outcome).toBe("bad_signature");
        expect(e.status).toBe(401);
      });

      it("refuses a missing Authorization header", async () => {
        const e = await refused({ body }, basicAuth);
        expect(e.outcome).toBe("bad_signature");
        expect(e.status).toBe(401);
        // The secret as a bare header is not Basic.
        const bare = await refused({ body, headers: { authorization: SHARED_SECRET } }, basicAuth);
        expect(bare.status).toBe(401);
        expect(await withSobotId("auth-basic-1")).toBe(0);
      });

      it("accepts the right credentials", async () => {
        const r = await ok({ body, headers: { authorization: basic("sobot", SHARED_SECRET) } }, basicAuth);
        expect(r.key?.state).toBe("current");
        expect(await withSobotId("auth-basic-1")).toBe(1);
      });
    });

    it("refuses a shared secret shorter than 16 characters", async () => {
      const error = await createIntegration(t.db, masterKey, {
        vendor: "sobot-webhook",
        name: "Too short",
        settings: { authMode: "header" },
        secrets: { sharedSecret: "short-secret" },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("validation");
      expect((error as AppError).fieldErrors["secrets.sharedSecret"]).toEqual([expect.stringMatching(/16/)]);
      expect(await t.db.integration.count({ where: { name: "Too short" } })).toBe(0);
    });
  });
}
