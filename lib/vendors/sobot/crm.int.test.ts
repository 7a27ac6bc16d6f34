// Sobot CRM docking handler on real databases (PROTOCOLS §1): the documented request and
// response byte for byte, lookups and their order, refusals, the short-plaintext quirk, rotation.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallbackRefusal, type HandlerResult } from "@/lib/callbacks/types";
import { createCustomer, type CustomerView } from "@/lib/customers/customers";
import {
  createIntegration,
  loadCallbackIntegration,
  updateIntegration,
  type IntegrationView,
} from "@/lib/integrations/integrations";
import { rotateSecret } from "@/lib/integrations/rotation";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { decrypt, encrypt, sign } from "@/lib/vendors/sobot/codec";
import { sobotCrm } from "@/lib/vendors/sobot/crm";
import { setDictionaryEntries } from "@/lib/vendors/sobot/dictionary";
import { crmAnswer, crmProfile } from "@/lib/vendors/sobot/schemas";
// Handlers are tested one call at a time; replay protection is the pipeline's (pipeline.int.test.ts).
const everyCallIsNew = async () => undefined;

// PROTOCOLS §1 vectors (secretKey "secretKey", companyId "1", timestamp 1569397773).
const QUERY = '{"email":"55612609866@163.com","partnerId":"partnerId","tel":"55612609866"}';
const QUERY_HEX =
  "1D6061B2D3E630351669C2A7FA96681E7D2F340484225A0EEF7D0065FF8D1FA4F42FDBCF8841CFA8" +
  "F92C44026739C74D0A95AABEA0553274A0E393B891DAACD8EEF0A18B45A61F1807FF8EADD9D76132";
const DOC_SIGN = "868b2fe841ca486e7344b0c15aac1e76";
const DOC_TIMESTAMP = 1569397773;
const PROFILE =
  '{"customer_fields":"{\\"4a069df0fd4d49298041240bf15e47c8\\":\\"123\\"}","email":"55612609866@163.com",' +
  '"is_vip":"1","realname":"su0012","remark":"Regular customer, interested in premium services.",' +
  '"tel":"55612609866","uname":"su0012","user_label":"0fd208364e3a4c67954027680002a89e","vip_level":""}';
const DOC_RESPONSE_HEX =
  "8DD8EF1E018180C11E287594A1751B095B44EC2029160C96D58305BD536A9DCBB09591D1D708B22E" +
  "39A041FE06C149C0A7E10381B67770BF97872B9C125847050A9EAE9990323AFFDCD06DC5EC5736FF" +
  "007545D07099B761DD66BF6268E91EB5BF67907EE9509D24BA3F95E6F7BAE77D575E762612E58D86" +
  "6B00DFA3587B113F73593866A4026EB88A78996FF71A894705024F4DD743D794129CFBA7A14BE410" +
  "F1C7D87A80F9CFAFF877A53115E1D35C4D8C14A19EA66C52ABD7240B3CA28B301808802FF21B2F07" +
  "2E006F0408C807BF94CFA2109515746DF9697B6597228A7E0B3E7C6907D3EFBBF79F14040FD2450E" +
  "E9122B813AD0B47BA2DFC0DA406956FB90361A8073E19832AF1C49E6F9CA37F863376417D472CE6A" +
  "C02D2CAA34BCA3B4DDCF3DEF3C61922AC6DEE6F107F42F44";

const CHINESE_SECRET = "密钥-测试";

type Call = {
  /** The body as sent; default {"parameter": parameter}. */
  body?: string;
  parameter?: string;
  /** Signs with this key (default: the integration's secret). */
  signKey?: string;
  companyId?: string;
  timestamp?: string | number | null;
  /** Overrides the computed sign; null leaves the header out. */
  sign?: string | null;
  now?: Date;
};

/** Flips one hex digit of a ciphertext. */
const flip = (hex: string, index: number) =>
  hex.slice(0, index) + (hex[index] === "0" ? "1" : "0") + hex.slice(index + 1);

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`Sobot CRM docking handler on ${provider.name}`, () => {
    let t: TestDatabase;
    const key = crypto.randomBytes(32);
    let main: IntegrationView;
    let su0012: CustomerView;
    let chinese: CustomerView;
    let partnerA: CustomerView;
    let telB: CustomerView;
    let short: CustomerView;

    beforeAll(async () => {
      t = await createDatabase(provider.name);
      main = await createIntegration(t.db, key, {
        vendor: "sobot-crm",
        name: "Sobot",
        settings: { companyId: "1" },
        secrets: { secretKey: "secretKey" },
      });
      // Sobot's ids for the doc's example customer, in company 1's dictionary.
      await setDictionaryEntries(t.db, "1", [
        { type: "label", name: "Regular", sobotId: "0fd208364e3a4c67954027680002a89e" },
        { type: "field", name: "points", sobotId: "4a069df0fd4d49298041240bf15e47c8" },
        { type: "label", name: "重要", sobotId: "7c1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f" },
        { type: "field", name: "城市", sobotId: "c17e5a0d2b3c4d5e6f708192a3b4c5d6" },
      ]);
      su0012 = await createCustomer(t.db, {
        uname: "su0012",
        realname: "su0012",
        emails: ["55612609866@163.com"],
        phones: ["55612609866"],
        remark: "Regular customer, interested in premium services.",
        isVip: true,
        labels: ["Regular"],
        customFields: { points: "123" },
        externalIds: [{ kind: "sobot-partner", value: "partnerId" }],
      });
      chinese = await createCustomer(t.db, {
        uname: "客户甲",
        realname: "张三",
        emails: ["zhangsan@example.cn"],
        phones: ["13800138000"],
        remark: "上海的老客户",
        labels: ["重要"],
        customFields: { 城市: "上海" },
        externalIds: [{ kind: "sobot-partner", value: "伙伴-001" }],
      });
      partnerA = await createCustomer(t.db, {
        uname: "customer-a",
        phones: ["13900000001"],
        emails: ["a@example.com"],
        externalIds: [{ kind: "sobot-partner", value: "partner-A" }],
      });
      telB = await createCustomer(t.db, { uname: "customer-b", phones: ["13900000002"], emails: ["b@example.com"] });
      short = await createCustomer(t.db, { uname: "short-phone", phones: ["1234567"] });
    });
    afterAll(async () => {
      await t?.drop();
    });

    async function context(integration: IntegrationView, secret: string, call: Call) {
      const timestamp =
        call.timestamp === undefined ? String(DOC_TIMESTAMP) : call.timestamp === null ? null : String(call.timestamp);
      const parameter = call.parameter ?? "";
      const body = call.body ?? JSON.stringify({ parameter });
      const computed = sign(call.companyId ?? "1", timestamp ?? "", call.signKey ?? secret, parameter);
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (timestamp !== null) headers.timestamp = timestamp;
      const signHeader = call.sign === undefined ? computed : call.sign;
      if (signHeader !== null) headers.sign = signHeader;
      const url = `http://x/api/callbacks/sobot/crm/${integration.slug}`;
      const loaded = await loadCallbackIntegration(t.db, key, "sobot-crm", integration.slug);
      expect(loaded).not.toBeNull();
      return {
        client: t.db,
        request: new Request(url, { method: "POST", headers, body }),
        url: new URL(url),
        body: Buffer.from(body),
        integration: loaded!,
        now: call.now ?? new Date(Number(timestamp ?? DOC_TIMESTAMP) * 1000),
        acceptOnce: everyCallIsNew,
      };
    }

    /** The handler's result; fails the test when it refuses. */
    async function ok(call: Call, integration = main, secret = "secretKey"): Promise<HandlerResult> {
      const outcome = await sobotCrm.handle(await context(integration, secret, call)).catch((e: unknown) => e);
      if (outcome instanceof CallbackRefusal)
        throw new Error(`expected an answer, got a refusal: ${outcome.outcome} ${outcome.status} ${outcome.detail}`);
      if (outcome instanceof Error) throw outcome;
      return outcome as HandlerResult;
    }

    /** The handler's refusal; fails the test when it answers. */
    async function refused(call: Call, integration = main, secret = "secretKey"): Promise<CallbackRefusal> {
      const outcome = await sobotCrm.handle(await context(integration, secret, call)).then(
        (r) => new Error(`expected a refusal, got ${r.status} ${r.outcome}: ${r.detail}`),
        (e: unknown) => e,
      );
      expect(outcome).toBeInstanceOf(CallbackRefusal);
      return outcome as CallbackRefusal;
    }

    const query = (q: Record<string, string | null>, secret = "secretKey") => encrypt(JSON.stringify(q), secret);
    /** The decrypted profile; the answer and the profile must fit their strict schemas. */
    const answer = (r: HandlerResult, secret = "secretKey") => {
      const { data } = crmAnswer.parse(r.body);
      expect(data).not.toBe("");
      return crmProfile.parse(JSON.parse(decrypt(data, secret)));
    };

    it("answers the documented request with exactly the documented response", async () => {
      expect(sign("1", String(DOC_TIMESTAMP), "secretKey", QUERY_HEX)).toBe(DOC_SIGN);
      expect(encrypt(QUERY, "secretKey")).toBe(QUERY_HEX);
      const r = await ok({ parameter: QUERY_HEX, sign: DOC_SIGN, now: new Date(DOC_TIMESTAMP * 1000) });
      expect(r.status).toBe(200);
      expect(r.outcome).toBe("ok");
      expect(r.body).toEqual({ data: DOC_RESPONSE_HEX });
      expect(r.customerId).toBe(su0012.id);
      expect(r.key?.state).toBe("current");
      expect(r.decryptedRequest).toBe(QUERY);
      expect(r.decryptedResponse).toBe(PROFILE);
      expect(answer(r)).toEqual(JSON.parse(PROFILE));
    });

    it("accepts the sign in upper case", async () => {
      const r = await ok({ parameter: QUERY_HEX, sign: DOC_SIGN.toUpperCase() });
      expect(r.body).toEqual({ data: DOC_RESPONSE_HEX });
    });

    it("looks up by partnerid in lower case", async () => {
      const r = await ok({ parameter: query({ partnerid: "partnerId" }) });
      expect(r.outcome).toBe("ok");
      expect(r.customerId).toBe(su0012.id);
      expect(r.body).toEqual({ data: DOC_RESPONSE_HEX });
    });

    it("looks up by tel only", async () => {
      const r = await ok({ parameter: query({ tel: "55612609866" }) });
      expect(r.outcome).toBe("ok");
      expect(r.customerId).toBe(su0012.id);
      expect(answer(r).uname).toBe("su0012");

      const b = await ok({ parameter: query({ tel: "139-0000-0002" }) });
      expect(b.customerId).toBe(telB.id);
    });

    it("finds a customer by tel however either side wrote the number", async () => {
      const mobile = await createCustomer(t.db, { uname: "mobile-plus86", phones: ["+86 186 1088 5415"] });
      const landline = await createCustomer(t.db, { uname: "landline", phones: ["010-12345678"] });
      const cases: [number, string[]][] = [
        [chinese.id, ["+8613800138000", "+86 138 0013 8000", "0086 138 0013 8000", "8613800138000", "138-0013-8000"]],
        [mobile.id, ["18610885415", "+8618610885415", "0086-186-1088-5415", "186 1088 5415"]],
        [landline.id, ["01012345678", "+86 10 1234 5678", "(010) 1234 5678", "0086 10 12345678"]],
      ];
      for (const [id, forms] of cases)
        for (const tel of forms) {
          const r = await ok({ parameter: query({ tel }) });
          expect([r.outcome, r.customerId], tel).toEqual(["ok", id]);
          expect(r.detail, tel).toMatch(/found by phone/);
        }
      // The answer carries the number as the operator typed it.
      expect(answer(await ok({ parameter: query({ tel: "18610885415" }) })).tel).toBe("+86 186 1088 5415");
    });

    it("looks up by email only, whatever its case", async () => {
      const r = await ok({ parameter: query({ email: "55612609866@163.COM" }) });
      expect(r.outcome).toBe("ok");
      expect(r.customerId).toBe(su0012.id);
      expect(answer(r).email).toBe("55612609866@163.com");
    });

    it("looks up by partner id first, then tel, then email", async () => {
      const partnerFirst = await ok({
        parameter: query({ partnerId: "partner-A", tel: "13900000002", email: "55612609866@163.com" }),
      });
      expect(partnerFirst.customerId).toBe(partnerA.id);
      expect(answer(partnerFirst).uname).toBe("customer-a");

      const telBeforeEmail = await ok({ parameter: query({ tel: "13900000002", email: "a@example.com" }) });
      expect(telBeforeEmail.customerId).toBe(telB.id);

      // An unknown partner id falls through to the phone, then to the email.
      const fallsToTel = await ok({
        parameter: query({ partnerId: "nobody", tel: "13900000002", email: "a@example.com" }),
      });
      expect(fallsToTel.customerId).toBe(telB.id);
      const fallsToEmail = await ok({
        parameter: query({ partnerId: "nobody", tel: "10000000000", email: "a@example.com" }),
      });
      expect(fallsToEmail.customerId).toBe(partnerA.id);
    });

    it('treats a null field as absent, not as the text "null"', async () => {
      await createCustomer(t.db, { uname: "literally-null", externalIds: [{ kind: "sobot-partner", value: "null" }] });
      const r = await ok({ parameter: query({ partnerId: null, tel: "55612609866" }) });
      expect(r.customerId).toBe(su0012.id);
    });

    it("answers an empty data when nobody matches", async () => {
      const r = await ok({
        parameter: query({ partnerId: "nobody", tel: "+86 139 0000 0000", email: "Nobody@Example.com" }),
      });
      expect(r.status).toBe(200);
      expect(crmAnswer.parse(r.body)).toEqual({ data: "" });
      expect(r.outcome).toBe("not_found");
      expect(r.customerId ?? null).toBeNull();
      // The call's detail says what was looked for, as Deskbridge read it (Explain shows it).
      expect(r.detail).toContain(
        'tried partner id "nobody", tel "+86 139 0000 0000" (as +8613900000000), ' +
          'email "Nobody@Example.com" (as nobody@example.com)',
      );
    });

    it("round-trips a Chinese secret and a Chinese customer", async () => {
      const zh = await createIntegration(t.db, key, {
        vendor: "sobot-crm",
        name: "中文",
        settings: { companyId: "1" },
        secrets: { secretKey: CHINESE_SECRET },
      });
      const parameter = query({ partnerId: "伙伴-001" }, CHINESE_SECRET);
      const r = await ok({ parameter }, zh, CHINESE_SECRET);
      expect(r.outcome).toBe("ok");
      expect(r.customerId).toBe(chinese.id);
      const profile = answer(r, CHINESE_SECRET);
      expect(profile).toMatchObject({
        realname: "张三",
        uname: "客户甲",
        remark: "上海的老客户",
        user_label: "7c1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f",
        tel: "13800138000",
        is_vip: "0",
      });
      expect(JSON.parse(profile.customer_fields)).toEqual({ c17e5a0d2b3c4d5e6f708192a3b4c5d6: "上海" });
      expect(() => decrypt((r.body as { data: string }).data, "secretKey")).toThrow();

      // The sign covers the UTF-8 secret: signing with the ASCII key fails.
      const wrong = await refused({ parameter, signKey: "secretKey" }, zh, CHINESE_SECRET);
      expect(wrong.outcome).toBe("bad_signature");
    });

    it("refuses a wrong sign", async () => {
      const r = await refused({ parameter: QUERY_HEX, sign: "0".repeat(32) });
      expect([r.outcome, r.status]).toEqual(["bad_signature", 401]);
      const otherKey = await refused({ parameter: QUERY_HEX, signKey: "anotherKey" });
      expect([otherKey.outcome, otherKey.status]).toEqual(["bad_signature", 401]);
      const otherCompany = await refused({ parameter: QUERY_HEX, companyId: "2" });
      expect([otherCompany.outcome, otherCompany.status]).toEqual(["bad_signature", 401]);
    });

    it("refuses a call without the sign or timestamp header", async () => {
      const noSign = await refused({ parameter: QUERY_HEX, sign: null });
      expect([noSign.outcome, noSign.status]).toEqual(["malformed", 400]);
      expect(noSign.publicMessage).toBe("The timestamp and sign headers are required.");
      const noTimestamp = await refused({ parameter: QUERY_HEX, timestamp: null, sign: DOC_SIGN });
      expect([noTimestamp.outcome, noTimestamp.status]).toEqual(["malformed", 400]);
      expect(noTimestamp.publicMessage).toBe("The timestamp and sign headers are required.");
    });

    it("refuses a body that is not JSON or has no parameter", async () => {
      for (const body of ["not json", "", "{}", '{"parameter": 5}', '{"param":"ABCD"}', "[]"]) {
        const r = await refused({ body, parameter: QUERY_HEX });
        expect([body, r.outcome, r.status]).toEqual([body, "malformed", 400]);
      }
    });

    it("refuses a parameter that is not hex", async () => {
      const parameter = "ZZ".repeat(20);
      const r = await refused({ parameter });
      expect([r.outcome, r.status, r.publicMessage]).toEqual([
        "decrypt_failed",
        400,
        "The parameter does not decrypt.",
      ]);
      expect(r.extra.key?.state).toBe("current");
    });

    it("refuses a parameter with an odd number of hex digits", async () => {
      const r = await refused({ parameter: `${QUERY_HEX}A` });
      expect([r.outcome, r.status, r.publicMessage]).toEqual([
        "decrypt_failed",
        400,
        "The parameter does not decrypt.",
      ]);
    });

    it("refuses a parameter encrypted under another key", async () => {
      const r = await refused({ parameter: query({ tel: "55612609866" }, "anotherKey") });
      expect([r.outcome, r.status]).toEqual(["decrypt_failed", 400]);
    });

    it("never answers a tampered parameter", async () => {
      for (const index of [0, 7, QUERY_HEX.length - 1, QUERY_HEX.length - 20]) {
        const outcome = await sobotCrm
          .handle(await context(main, "secretKey", { parameter: flip(QUERY_HEX, index) }))
          .catch((e: unknown) => e);
        expect(outcome).toBeInstanceOf(CallbackRefusal);
        const r = outcome as CallbackRefusal;
        expect([index, r.status]).toEqual([index, 400]);
        expect(["decrypt_failed", "malformed"]).toContain(r.outcome);
      }
    });

    it("refuses a timestamp outside the tolerance", async () => {
      const now = new Date(DOC_TIMESTAMP * 1000);
      for (const timestamp of [DOC_TIMESTAMP - 400, DOC_TIMESTAMP + 400]) {
        const r = await refused({ parameter: QUERY_HEX, timestamp, now });
        expect([r.outcome, r.status]).toEqual(["stale_timestamp", 401]);
        expect(r.publicMessage).toBe("The timestamp is outside the allowed window.");
      }
      // Within the tolerance is fine.
      const inside = await ok({ parameter: QUERY_HEX, timestamp: DOC_TIMESTAMP - 290, now });
      expect(inside.outcome).toBe("ok");
      // Against the real clock the documented 2019 timestamp is stale.
      const real = await refused({ parameter: QUERY_HEX, sign: DOC_SIGN, now: new Date() });
      expect(real.outcome).toBe("stale_timestamp");
    });

    it("accepts any timestamp when the tolerance is 0", async () => {
      const loose = await createIntegration(t.db, key, {
        vendor: "sobot-crm",
        name: "Loose",
        settings: { companyId: "1" },
        secrets: { secretKey: "secretKey" },
      });
      const before = await refused({ parameter: QUERY_HEX, sign: DOC_SIGN, now: new Date() }, loose);
      expect(before.outcome).toBe("stale_timestamp");
      const updated = await updateIntegration(t.db, loose.id, { settings: { timestampTolerance: 0 } });
      expect(updated.settings.timestampTolerance).toBe(0);
      const r = await ok({ parameter: QUERY_HEX, sign: DOC_SIGN, now: new Date() }, updated);
      expect(r.outcome).toBe("ok");
      expect(r.body).toEqual({ data: DOC_RESPONSE_HEX });
      const farFuture = await ok({ parameter: QUERY_HEX, timestamp: 4_000_000_000, now: new Date() }, updated);
      expect(farFuture.outcome).toBe("ok");
    });

    it("refuses a decrypted query with no partnerid, tel or email", async () => {
      const none = await refused({ parameter: query({ name: "someone", phone: "55612609866" }) });
      expect([none.outcome, none.status]).toEqual(["malformed", 400]);
      expect(none.publicMessage).toBe("The query needs partnerid, tel or email.");
      expect(none.extra.decryptedRequest).toBe(JSON.stringify({ name: "someone", phone: "55612609866" }));
      const empty = await refused({ parameter: query({ partnerId: "", tel: "", email: "" }) });
      expect(empty.outcome).toBe("malformed");
      const notObject = await refused({ parameter: encrypt('"just a string, not an object"', "secretKey") });
      expect([notObject.outcome, notObject.status]).toEqual(["malformed", 400]);
    });

    it("accepts a short plaintext parameter, like the vendor's sample, and says so", async () => {
      const parameter = '{"tel":"1"}';
      expect(parameter.length).toBeLessThan(19);
      const r = await ok({ parameter });
      expect(r.status).toBe(200);
      expect(["ok", "not_found"]).toContain(r.outcome);
      expect(r.decryptedRequest).toBe(parameter);

      const found = await ok({ parameter: '{"tel":"1234567"}' });
      expect(found.outcome).toBe("ok");
      expect(found.customerId).toBe(short.id);
      expect(found.decryptedRequest).toBe('{"tel":"1234567"}');
      expect(answer(found).uname).toBe("short-phone");

      // Only a JSON object passes through undecrypted: other short parameters are ciphertext.
      for (const text of ["ABCD", "ZZZZ", "ABC"]) {
        const cipher = await refused({ parameter: text });
        expect([text, cipher.outcome, cipher.status]).toEqual([text, "decrypt_failed", 400]);
        expect(cipher.extra.decryptedRequest).toBeUndefined();
      }

      // A short parameter still needs a valid sign.
      const unsigned = await refused({ parameter, sign: "0".repeat(32) });
      expect(unsigned.outcome).toBe("bad_signature");
    });

    it("accepts the previous key during the grace period, then only the new one", async () => {
      const rotating = await createIntegration(t.db, key, {
        vendor: "sobot-crm",
        name: "Rotating",
        settings: { companyId: "1" },
        secrets: { secretKey: "secretKey" },
      });
      await rotateSecret(t.db, key, rotating.id, "secretKey", "newKey", 3600);

      const old = await ok({ parameter: QUERY_HEX, sign: DOC_SIGN }, rotating);
      expect(old.outcome).toBe("ok");
      expect(old.key?.state).toBe("previous");
      expect(old.body).toEqual({ data: DOC_RESPONSE_HEX });
      expect(decrypt((old.body as { data: string }).data, "secretKey")).toBe(PROFILE);

      const fresh = await ok({ parameter: encrypt(QUERY, "newKey"), signKey: "newKey" }, rotating, "newKey");
      expect(fresh.outcome).toBe("ok");
      expect(fresh.key?.state).toBe("current");
      const data = (fresh.body as { data: string }).data;
      expect(data).not.toBe(DOC_RESPONSE_HEX);
      expect(decrypt(data, "newKey")).toBe(PROFILE);

      await rotateSecret(t.db, key, rotating.id, "secretKey", "newerKey", 0, { replacePrevious: true });
      const gone = await refused({ parameter: QUERY_HEX, sign: DOC_SIGN }, rotating);
      expect([gone.outcome, gone.status]).toEqual(["bad_signature", 401]);
      const replaced = await refused({ parameter: encrypt(QUERY, "newKey"), signKey: "newKey" }, rotating, "newKey");
      expect(replaced.outcome).toBe("bad_signature");
      const newest = await ok({ parameter: encrypt(QUERY, "newerKey"), signKey: "newerKey" }, rotating, "newerKey");
      expect(newest.key?.state).toBe("current");
      expect(decrypt((newest.body as { data: string }).data, "newerKey")).toBe(PROFILE);
    });
  });
}
