// Hyphenate CRM iframe panel on real databases (PROTOCOLS §4): the documented DES vectors, the
// match setting, encrypted system parameters, decrypt failures that reveal nothing, not found,
// languages, escaping of everything shown, the panel's CSP, and the customer's recent calls.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HandlerResult } from "@/lib/callbacks/types";
import { createCustomer, type CustomerView } from "@/lib/customers/customers";
import { addOrder } from "@/lib/customers/orders";
import { AppError } from "@/lib/errors";
import { createIntegration, loadCallbackIntegration, type IntegrationView } from "@/lib/integrations/integrations";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { desDecrypt, desEncrypt } from "@/lib/vendors/hyphenate/codec";
import { hyphenateIframe } from "@/lib/vendors/hyphenate/iframe";
// Handlers are tested one call at a time; replay protection is the pipeline's (pipeline.int.test.ts).
const everyCallIsNew = async () => undefined;

const KEY = "12345678abcdef";
// PROTOCOLS §4: Jack / 40 / man under a key starting 12345678.
const DOC_QUERY =
  "visitorImId=visitor-001&easemobId=e1&name=877523f86f18f55e&age=e86b4e789891107c&sex=d221cba8e6efd0ad";
const XSS_IMG = "<img src=x onerror=alert(1)>";
const XSS_SCRIPT = "<script>alert(1)</script>";
const INJECTION = "' OR '1'='1";

const enc = (value: string, key = KEY) => desEncrypt(value, key);
const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`Hyphenate panel on ${provider.name}`, () => {
    let t: TestDatabase;
    const key = crypto.randomBytes(32);
    let keyed: IntegrationView;
    let partnerMatch: IntegrationView;
    let systemEncrypted: IntegrationView;
    let plain: IntegrationView;
    let visitor: CustomerView;
    let partner: CustomerView;
    let evil: CustomerView;
    let busy: CustomerView;

    beforeAll(async () => {
      t = await createDatabase(provider.name);
      keyed = await createIntegration(t.db, key, {
        vendor: "hyphenate",
        name: "Hyphenate keyed",
        settings: { frameAncestors: ["https://kefu.example.com"] },
        secrets: { key: KEY },
      });
      partnerMatch = await createIntegration(t.db, key, {
        vendor: "hyphenate",
        name: "Hyphenate by partner",
        settings: { matchParam: "customUserId", matchKind: "sobot-partner" },
        secrets: { key: KEY },
      });
      systemEncrypted = await createIntegration(t.db, key, {
        vendor: "hyphenate",
        name: "Hyphenate system encrypted",
        settings: { encryptSystemParams: "on", frameAncestors: "https://a.example.com\nhttps://b.example.com:8443" },
        secrets: { key: KEY },
      });
      plain = await createIntegration(t.db, key, {
        vendor: "hyphenate",
        name: "Hyphenate plain",
        settings: {},
        secrets: {},
      });

      visitor = await createCustomer(t.db, {
        uname: "zsf-nick",
        realname: "张三丰",
        emails: ["zhang.sanfeng@example.cn"],
        phones: ["13800138000"],
        remark: "武当山的老客户",
        isVip: true,
        vipLevel: "金卡",
        labels: ["重要客户", "回头客"],
        customFields: { 城市: "十堰", member_no: "M-0001" },
        externalIds: [{ kind: "hyphenate-visitor", value: "visitor-001" }],
      });
      await addOrder(t.db, visitor.id, {
        orderNo: "HX-1001",
        title: "无线降噪耳机",
        amountCents: "199.00",
        quantity: 2,
        status: "shipped",
        createdAt: "2024-05-01T10:00:00Z",
        shipments: [
          { time: "2024-05-01T12:00:00Z", status: "已揽收", text: "顺丰速运 深圳集散中心" },
          { time: "2024-05-02T08:00:00Z", status: "运输中", text: "到达武汉转运中心" },
        ],
      });
      partner = await createCustomer(t.db, {
        realname: "李四海",
        phones: ["13900000001"],
        emails: ["lisi@example.com"],
        externalIds: [
          { kind: "sobot-partner", value: "P001" },
          { kind: "hyphenate-visitor", value: "visitor-002" },
        ],
      });
      evil = await createCustomer(t.db, {
        uname: XSS_IMG,
        remark: XSS_IMG,
        labels: [XSS_IMG],
        customFields: { note: XSS_IMG },
        externalIds: [{ kind: "hyphenate-visitor", value: "evil-visitor" }],
      });
      await addOrder(t.db, evil.id, {
        orderNo: "EVIL-1",
        title: XSS_IMG,
        amountCents: "1",
        quantity: 1,
        status: "paid",
        shipments: [{ time: "2024-05-01T12:00:00Z", status: XSS_IMG, text: XSS_IMG }],
      });
      busy = await createCustomer(t.db, {
        realname: "王五",
        externalIds: [{ kind: "hyphenate-visitor", value: "visitor-busy" }],
      });
      for (let i = 0; i < 6; i++) {
        await addOrder(t.db, busy.id, {
          orderNo: `BUSY-${i}`,
          title: `Order number ${i}`,
          amountCents: String(10 + i),
          quantity: 1,
          status: "completed",
          createdAt: new Date(Date.UTC(2024, 0, 1 + i)),
        });
      }
    });
    afterAll(async () => {
      await t?.drop();
    });

    async function call(integration: IntegrationView, query: string): Promise<HandlerResult> {
      const url = `http://localhost:3000/hyphenate/${integration.slug}?${query}`;
      const loaded = await loadCallbackIntegration(t.db, key, "hyphenate", integration.slug);
      expect(loaded).not.toBeNull();
      return hyphenateIframe.handle({
        client: t.db,
        request: new Request(url),
        url: new URL(url),
        body: Buffer.alloc(0),
        integration: loaded!,
        now: new Date(),
        acceptOnce: everyCallIsNew,
      });
    }
    const body = (r: HandlerResult) => {
      expect(typeof r.body).toBe("string");
      return r.body as string;
    };

    describe("the documented vectors", () => {
      it("decrypts name/age/sex, keeps system parameters, and shows the visitor's customer", async () => {
        const r = await call(keyed, DOC_QUERY);
        expect(r.status).toBe(200);
        expect(r.outcome).toBe("ok");
        expect(r.customerId).toBe(visitor.id);
        expect(r.contentType).toBe("text/html; charset=utf-8");
        expect(r.decryptedRequest).toEqual({
          visitorImId: "visitor-001",
          easemobId: "e1",
          name: "Jack",
          age: "40",
          sex: "man",
        });
        expect(r.key?.state).toBe("current");
        expect(r.key?.value).toBe(KEY);

        const html = body(r);
        expect(html).toMatch(/^<!doctype html>/);
        for (const text of [
          "张三丰",
          "zsf-nick",
          "13800138000",
          "zhang.sanfeng@example.cn",
          "武当山的老客户",
          "金卡",
          "重要客户",
          "回头客",
          "十堰",
          "M-0001",
          "无线降噪耳机",
          "HX-1001",
          "¥199.00",
          "已发货",
          "已揽收",
          "顺丰速运 深圳集散中心",
          "运输中",
          "到达武汉转运中心",
          `#${visitor.id}`,
        ]) {
          expect(html, text).toContain(text);
        }
        // Shipment events oldest first.
        expect(html.indexOf("已揽收")).toBeLessThan(html.indexOf("运输中"));
        // Another customer's data is not on the page.
        expect(html).not.toContain("李四海");
        expect(html).not.toContain("<script");
      });

      it("leaves an empty custom parameter empty instead of failing the whole panel", async () => {
        const r = await call(keyed, `${DOC_QUERY}&customUserId=`);
        expect(r.outcome).toBe("ok");
        expect(r.decryptedRequest).toMatchObject({ customUserId: "", name: "Jack" });
      });

      it("accepts upper-case hex as the console may send it", async () => {
        const r = await call(keyed, "visitorImId=visitor-001&name=877523F86F18F55E");
        expect(r.outcome).toBe("ok");
        expect(r.decryptedRequest).toMatchObject({ name: "Jack" });
      });

      it("shows at most the five latest orders, newest first", async () => {
        const r = await call(keyed, "visitorImId=visitor-busy");
        expect(r.outcome).toBe("ok");
        expect(r.customerId).toBe(busy.id);
        const html = body(r);
        for (let i = 1; i < 6; i++) expect(html).toContain(`BUSY-${i}`);
        expect(html).not.toContain("BUSY-0");
        expect(html.indexOf("BUSY-5")).toBeLessThan(html.indexOf("BUSY-1"));
      });
    });

    describe("the match setting", () => {
      it("finds the customer by a decrypted custom parameter as a sobot-partner id", async () => {
        const r = await call(partnerMatch, q({ visitorImId: "visitor-001", customUserId: enc("P001") }));
        expect(r.status).toBe(200);
        expect(r.outcome).toBe("ok");
        expect(r.customerId).toBe(partner.id);
        expect(r.decryptedRequest).toEqual({ visitorImId: "visitor-001", customUserId: "P001" });
        expect(body(r)).toContain("李四海");
        expect(body(r)).not.toContain("张三丰");
      });

      it("does not fall back to visitorImId when the match parameter finds no one", async () => {
        const r = await call(partnerMatch, q({ visitorImId: "visitor-001", customUserId: enc("P404") }));
        expect(r.outcome).toBe("not_found");
        expect(r.customerId).toBeUndefined();
        expect(r.decryptedRequest).toEqual({ visitorImId: "visitor-001", customUserId: "P404" });
        expect(body(r)).toContain("customUserId → sobot-partner");
        expect(body(r)).not.toContain("张三丰");
      });

      it("does not take the partner id under another kind (visitor-002 is not a partner id)", async () => {
        const r = await call(partnerMatch, q({ customUserId: enc("visitor-002") }));
        expect(r.outcome).toBe("not_found");
      });

      it("refuses the match parameter when it is sent in clear while a key is set", async () => {
        const r = await call(partnerMatch, q({ visitorImId: "visitor-001", customUserId: "P001" }));
        expect(r.status).toBe(400);
        expect(r.outcome).toBe("decrypt_failed");
        expect(r.decryptedRequest).toBeUndefined();
        expect(r.detail).toMatch(/parameter "customUserId", which finds the customer, does not decrypt/);
        expect(r.detail).not.toContain("P001");
        expect(body(r)).toContain("无法读取会话参数");
        expect(body(r)).not.toContain("李四海");
      });

      it("reports a missing match parameter by name", async () => {
        const r = await call(partnerMatch, "visitorImId=visitor-001");
        expect(r.status).toBe(200);
        expect(r.outcome).toBe("not_found");
        expect(r.customerId).toBeUndefined();
        expect(r.decryptedRequest).toEqual({ visitorImId: "visitor-001" });
        // The agent sees how the panel looked the customer up.
        expect(body(r)).toContain("customUserId → sobot-partner");
      });
    });

    describe("a parameter matched to phones", () => {
      it("finds the customer however the number is written, encrypted or not", async () => {
        const byPhone = await createIntegration(t.db, key, {
          vendor: "hyphenate",
          name: "Hyphenate by phone",
          settings: { matchParam: "tel", matchKind: "phone" },
          secrets: { key: KEY },
        });
        const clear = await createIntegration(t.db, key, {
          vendor: "hyphenate",
          name: "Hyphenate by phone, no key",
          settings: { matchParam: "tel", matchKind: "phone" },
          secrets: {},
        });
        // visitor was saved as 13800138000.
        for (const tel of [
          "13800138000",
          "+8613800138000",
          "+86 138 0013 8000",
          "0086-138-0013-8000",
          "86138 0013 8000",
        ]) {
          const r = await call(byPhone, q({ visitorImId: "webim-visitor-x", tel: enc(tel) }));
          expect([r.outcome, r.customerId], tel).toEqual(["ok", visitor.id]);
          expect(r.detail).toContain(`found by phone "${tel}"`);
          const plainCall = await call(clear, q({ visitorImId: "webim-visitor-x", tel }));
          expect([plainCall.outcome, plainCall.customerId], tel).toEqual(["ok", visitor.id]);
        }
        const other = await call(clear, q({ tel: "13800138001" }));
        expect(other.outcome).toBe("not_found");
      });
    });

    describe("encrypted system parameters", () => {
      it("refuses a plain visitorImId", async () => {
        const r = await call(systemEncrypted, "visitorImId=visitor-001");
        expect(r.status).toBe(400);
        expect(r.outcome).toBe("decrypt_failed");
        expect(r.customerId).toBeUndefined();
        expect(body(r)).not.toContain("张三丰");
        expect(body(r)).not.toContain("visitor-001");
      });

      it("finds the customer by an encrypted visitorImId, and decrypts the other system parameters too", async () => {
        const r = await call(
          systemEncrypted,
          q({ visitorImId: enc("visitor-001"), easemobId: enc("e1"), name: enc("Jack") }),
        );
        expect(r.status).toBe(200);
        expect(r.outcome).toBe("ok");
        expect(r.customerId).toBe(visitor.id);
        expect(r.decryptedRequest).toEqual({ visitorImId: "visitor-001", easemobId: "e1", name: "Jack" });
      });

      it("never decrypts lang", async () => {
        const en = await call(systemEncrypted, q({ visitorImId: enc("visitor-001"), lang: "en" }));
        expect(en.outcome).toBe("ok");
        expect(en.decryptedRequest).toMatchObject({ lang: "en" });
        expect(body(en)).toContain("Latest orders");

        // An encrypted lang stays as sent: not decrypted, so not English either.
        const hex = enc("en");
        const encrypted = await call(systemEncrypted, q({ visitorImId: enc("visitor-001"), lang: hex }));
        expect(encrypted.outcome).toBe("ok");
        expect(encrypted.decryptedRequest).toMatchObject({ lang: hex });
        expect(body(encrypted)).toContain("最近订单");
      });

      it("leaves system parameters alone when the option is off", async () => {
        const r = await call(
          keyed,
          q({ visitorImId: "visitor-001", easemobId: "e1", agentId: "zz", tenantId: "123", lang: "zh" }),
        );
        expect(r.outcome).toBe("ok");
        expect(r.decryptedRequest).toEqual({
          visitorImId: "visitor-001",
          easemobId: "e1",
          agentId: "zz",
          tenantId: "123",
          lang: "zh",
        });
      });
    });

    describe("without a key", () => {
      it("takes every parameter as it is, even hex-looking ones", async () => {
        const r = await call(plain, DOC_QUERY);
        expect(r.status).toBe(200);
        expect(r.outcome).toBe("ok");
        expect(r.customerId).toBe(visitor.id);
        expect(r.decryptedRequest).toEqual({
          visitorImId: "visitor-001",
          easemobId: "e1",
          name: "877523f86f18f55e",
          age: "e86b4e789891107c",
          sex: "d221cba8e6efd0ad",
        });
        expect(r.key ?? null).toBeNull();
      });

      it("accepts values that would never decrypt", async () => {
        const r = await call(plain, q({ visitorImId: "visitor-001", name: "zz", odd: "abc" }));
        expect(r.outcome).toBe("ok");
        expect(r.decryptedRequest).toMatchObject({ name: "zz", odd: "abc" });
      });
    });

    describe("decrypt failures", () => {
      const wrongKeyHex = enc("Jack-the-visitor", "87654321other");

      it("the wrong-key sample really does not decrypt under the configured key", () => {
        expect(() => desDecrypt(wrongKeyHex, KEY)).toThrow();
      });

      it.each([
        ["not hex", "zz<b>not-hex</b>"],
        ["odd length", "877523f86f18f55"],
        ["not a whole block", "877523f86f18"],
        ["the wrong key", "WRONGKEY"],
      ])("keeps a custom parameter that is %s as sent, flags it, and still shows the customer", async (_what, raw) => {
        const value = raw === "WRONGKEY" ? wrongKeyHex : raw;
        const r = await call(
          keyed,
          `visitorImId=visitor-001&easemobId=e1&name=877523f86f18f55e&age=${encodeURIComponent(value)}`,
        );
        expect(r.status).toBe(200);
        expect(r.outcome).toBe("ok");
        expect(r.customerId).toBe(visitor.id);
        expect(r.decryptedRequest).toEqual({ visitorImId: "visitor-001", easemobId: "e1", name: "Jack", age: value });
        expect(r.detail).toMatch(/kept as sent \(did not decrypt\): "age" \(/);
        expect(r.key?.state).toBe("current");
        expect(r.headers?.["content-security-policy"]).toContain("frame-ancestors https://kefu.example.com");
        const html = body(r);
        expect(html).toContain("张三丰");
        expect(html).not.toContain("<b>not-hex</b>");
      });

      it("renders the customer of an encrypted visitorImId beside a value-added parameter sent in clear", async () => {
        const r = await call(
          systemEncrypted,
          q({ visitorImId: enc("visitor-001"), easemobId: enc("e1"), agentId: "agent-7", tenantId: "123" }),
        );
        expect([r.status, r.outcome, r.customerId]).toEqual([200, "ok", visitor.id]);
        expect(r.decryptedRequest).toEqual({
          visitorImId: "visitor-001",
          easemobId: "e1",
          agentId: "agent-7",
          tenantId: "123",
        });
        expect(r.detail).toContain('kept as sent (did not decrypt): "agentId"');
        expect(r.detail).toContain('"tenantId"');
        expect(body(r)).toContain("张三丰");
      });

      it("shows nothing but a message when the parameter that finds the customer does not decrypt", async () => {
        for (const value of ["zz<b>not-hex</b>", wrongKeyHex]) {
          const r = await call(systemEncrypted, q({ visitorImId: value, easemobId: enc("e1") }));
          expect(r.status).toBe(400);
          expect(r.outcome).toBe("decrypt_failed");
          expect(r.customerId).toBeUndefined();
          expect(r.decryptedRequest).toBeUndefined();
          const html = body(r);
          expect(html).toContain("无法读取会话参数");
          for (const secret of ["张三丰", "13800138000", "visitor-001", value]) expect(html).not.toContain(secret);
        }
      });

      it("speaks English when asked", async () => {
        const r = await call(partnerMatch, "visitorImId=visitor-001&customUserId=zz&lang=en");
        expect(r.outcome).toBe("decrypt_failed");
        expect(body(r)).toContain("cannot be read");
        expect(body(r)).toContain('<html lang="en">');
        expect(body(r)).not.toContain("无法读取");
      });
    });

    describe("not found", () => {
      it("lists the identifiers received, escaped, and how it looked", async () => {
        const r = await call(keyed, q({ visitorImId: "nobody&co<x>", easemobId: "e1", name: "877523f86f18f55e" }));
        expect(r.status).toBe(200);
        expect(r.outcome).toBe("not_found");
        expect(r.customerId).toBeUndefined();
        expect(r.decryptedRequest).toEqual({ visitorImId: "nobody&co<x>", easemobId: "e1", name: "Jack" });
        const html = body(r);
        expect(html).toContain("未找到该客户");
        expect(html).toContain("visitorImId");
        expect(html).toContain("hyphenate-visitor");
        expect(html).toContain("nobody&amp;co&lt;x&gt;");
        expect(html).not.toContain("nobody&co");
        expect(html).not.toContain("<x>");
        expect(html).toContain("easemobId");
        expect(html).toContain("Jack");
        expect(html).not.toContain("张三丰");
      });

      it("says which parameter is missing", async () => {
        const r = await call(keyed, "easemobId=e1");
        expect(r.status).toBe(200);
        expect(r.outcome).toBe("not_found");
        expect(r.decryptedRequest).toEqual({ easemobId: "e1" });
        expect(body(r)).toContain("visitorImId");
        expect(body(r)).toContain("e1");
      });

      it("takes a blank visitorImId as missing", async () => {
        const r = await call(keyed, "visitorImId=%20%20");
        expect(r.outcome).toBe("not_found");
        expect(r.customerId).toBeUndefined();
        expect(body(r)).toContain("visitorImId → hyphenate-visitor");
      });

      it("shows a placeholder when nothing at all was received", async () => {
        const r = await call(plain, "");
        expect(r.outcome).toBe("not_found");
        expect(r.decryptedRequest).toEqual({});
        expect(body(r)).toContain("—");
      });

      it("matches visitorImId exactly (no prefix or case folding)", async () => {
        for (const value of ["visitor-00", "VISITOR-001", "visitor-0011", "visitor-%"]) {
          const r = await call(plain, q({ visitorImId: value }));
          expect(r.outcome, value).toBe("not_found");
        }
      });
    });

    describe("language", () => {
      it("speaks English with lang=en", async () => {
        for (const lang of ["en", "EN", "en-US"]) {
          const r = await call(keyed, `${DOC_QUERY}&lang=${lang}`);
          expect(r.outcome).toBe("ok");
          const html = body(r);
          expect(html, lang).toContain('<html lang="en">');
          for (const label of ["Latest orders", "Phones", "Emails", "Custom fields", "Shipped", "Recent calls"])
            expect(html, label).toContain(label);
          for (const label of ["最近订单", "电话", "已发货"]) expect(html, label).not.toContain(label);
        }
      });

      it.each([
        ["(none)", ""],
        ["zh", "&lang=zh"],
        ["zh-CN", "&lang=zh-CN"],
        ["something else", "&lang=fr"],
      ])("speaks Chinese for lang %s", async (_what, suffix) => {
        const r = await call(keyed, `${DOC_QUERY}${suffix}`);
        expect(r.outcome).toBe("ok");
        const html = body(r);
        expect(html).toContain('<html lang="zh-CN">');
        for (const label of ["最近订单", "电话", "邮箱", "已发货"]) expect(html, label).toContain(label);
        for (const label of ["Latest orders", "Phones", "Shipped"]) expect(html, label).not.toContain(label);
      });

      it("speaks the asked language on the not-found page", async () => {
        const en = await call(keyed, "visitorImId=nobody&lang=en");
        expect(body(en)).toContain("Customer not found");
        expect(body(en)).not.toContain("未找到该客户");
        const zh = await call(keyed, "visitorImId=nobody");
        expect(body(zh)).toContain("未找到该客户");
        expect(body(zh)).not.toContain("Customer not found");
      });
    });

    describe("injection and escaping", () => {
      it("treats a SQL-looking visitorImId as a plain value", async () => {
        const before = await t.db.customer.count();
        for (const integration of [plain, keyed]) {
          const r = await call(integration, q({ visitorImId: INJECTION }));
          expect(r.status).toBe(200);
          expect(r.outcome).toBe("not_found");
          expect(r.customerId).toBeUndefined();
          const html = body(r);
          expect(html).toContain("&#39; OR &#39;1&#39;=&#39;1");
          expect(html).not.toContain(INJECTION);
          expect(html).not.toContain("张三丰");
        }
        const r = await call(plain, q({ visitorImId: 'visitor-001\'; DROP TABLE "Customer"; --' }));
        expect(r.outcome).toBe("not_found");
        expect(await t.db.customer.count()).toBe(before);
      });

      it("escapes a script in a custom parameter, clear or decrypted, and in a parameter's name", async () => {
        const clear = await call(
          plain,
          `visitorImId=nobody&note=${encodeURIComponent(XSS_SCRIPT)}&${encodeURIComponent("<b>x</b>")}=1`,
        );
        const decrypted = await call(keyed, q({ visitorImId: "nobody", note: enc(XSS_SCRIPT) }));
        for (const r of [clear, decrypted]) {
          expect(r.outcome).toBe("not_found");
          expect(r.decryptedRequest).toMatchObject({ note: XSS_SCRIPT });
          const html = body(r);
          expect(html).not.toContain("<script");
          expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        }
        expect(body(clear)).not.toContain("<b>");
        expect(body(clear)).toContain("&lt;b&gt;x&lt;/b&gt;");
      });

      it("escapes a script in a custom parameter on the customer's page too", async () => {
        const r = await call(plain, q({ visitorImId: "visitor-001", note: XSS_SCRIPT }));
        expect(r.outcome).toBe("ok");
        expect(body(r)).not.toContain("<script");
      });

      it("escapes what the customer's record holds", async () => {
        const r = await call(plain, "visitorImId=evil-visitor");
        expect(r.outcome).toBe("ok");
        expect(r.customerId).toBe(evil.id);
        const html = body(r);
        expect(html).not.toContain("<img");
        expect(html).not.toContain("<script");
        expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
        // in the title, heading, labels, remark, custom fields, order title and shipment
        expect(html.split("&lt;img src=x onerror=alert(1)&gt;").length - 1).toBeGreaterThanOrEqual(7);
        expect(html).toMatch(/<title>[^<]*&lt;img src=x onerror=alert\(1\)&gt;<\/title>/);
      });
    });

    describe("headers", () => {
      const csp = (r: HandlerResult) => r.headers?.["content-security-policy"] ?? "";

      it("lets only the allowed origin frame the page, and allows no script", async () => {
        for (const r of [
          await call(keyed, DOC_QUERY),
          await call(keyed, "visitorImId=nobody"),
          await call(keyed, "name=zz"),
        ]) {
          expect(csp(r)).toContain("frame-ancestors https://kefu.example.com");
          expect(csp(r)).not.toContain("frame-ancestors 'none'");
          expect(csp(r)).toMatch(/(^|;\s*)default-src 'none'(;|$)/);
          expect(csp(r)).not.toContain("script-src");
          expect(csp(r)).not.toContain("unsafe-eval");
          expect(csp(r)).toContain("form-action 'none'");
          expect(r.headers?.["x-content-type-options"]).toBe("nosniff");
          expect(r.headers?.["referrer-policy"]).toBe("no-referrer");
        }
      });

      it("lets no one frame the page when no origin is allowed", async () => {
        for (const r of [await call(plain, DOC_QUERY), await call(plain, "visitorImId=nobody")]) {
          expect(csp(r)).toMatch(/frame-ancestors 'none'$/);
          expect(csp(r)).not.toContain("https://kefu.example.com");
          expect(csp(r)).not.toContain("script-src");
          expect(csp(r)).toMatch(/(^|;\s*)default-src 'none'(;|$)/);
        }
      });

      it("lists several allowed origins separated by spaces", async () => {
        const r = await call(systemEncrypted, q({ visitorImId: enc("visitor-001") }));
        expect(csp(r)).toMatch(/frame-ancestors https:\/\/a\.example\.com https:\/\/b\.example\.com:8443$/);
      });

      it("answers refusals with an HTML page that no one may frame", () => {
        const request = new Request("http://localhost/hyphenate/nope?lang=en");
        const refusal = hyphenateIframe.refusal!("unknown_integration", "No such integration.", request);
        expect(refusal.contentType).toBe("text/html; charset=utf-8");
        expect(refusal.body).toContain("The customer panel is unavailable");
        expect(refusal.headers?.["content-security-policy"]).toContain("frame-ancestors 'none'");
        expect(refusal.headers?.["content-security-policy"]).not.toContain("script-src");
        // GET, and HEAD like any page; a refused method is told which ones are served.
        expect(hyphenateIframe.methods).toEqual(["GET", "HEAD"]);
        const post = hyphenateIframe.refusal!(
          "malformed",
          "Method POST is not allowed; use GET or HEAD.",
          new Request("http://localhost/hyphenate/x", { method: "POST" }),
        );
        expect(post.headers?.allow).toBe("GET, HEAD");
        expect(refusal.headers?.allow).toBeUndefined();
      });
    });

    describe("recent calls", () => {
      it("lists the customer's last calls, newest first, at most five, and no one else's", async () => {
        const before = body(await call(keyed, "visitorImId=visitor-busy"));
        expect(before).toContain("暂无调用记录");

        const base = { method: "POST", path: "/api/callbacks/sobot/crm/x", status: 200 };
        await t.db.call.create({
          data: { ...base, vendor: "other-vendor", kind: "elsewhere", outcome: "ok", customerId: partner.id },
        });
        for (let i = 0; i < 6; i++) {
          await t.db.call.create({
            data: {
              ...base,
              vendor: "sobot-crm",
              kind: `crm${i}`,
              outcome: i === 5 ? "not_found" : "ok",
              customerId: busy.id,
            },
          });
        }
        const r = await call(keyed, "visitorImId=visitor-busy");
        expect(r.outcome).toBe("ok");
        const html = body(r);
        expect(html).not.toContain("暂无调用记录");
        expect(html).toContain("最近调用");
        expect(html).toContain("sobot-crm/crm5 · not_found");
        for (let i = 1; i < 5; i++) expect(html).toContain(`sobot-crm/crm${i} · ok`);
        expect(html).not.toContain("sobot-crm/crm0");
        expect(html.indexOf("crm5")).toBeLessThan(html.indexOf("crm1"));
        expect(html).not.toContain("other-vendor");

        const en = body(await call(keyed, "visitorImId=visitor-busy&lang=en"));
        expect(en).toContain("Recent calls");
        expect(en).toContain("sobot-crm/crm5 · not_found");
      });

      it("lists the visitor's call after it is recorded", async () => {
        expect(body(await call(keyed, DOC_QUERY))).not.toContain("hyphenate/iframe");
        await t.db.call.create({
          data: {
            vendor: "hyphenate",
            kind: "iframe",
            method: "GET",
            path: `/hyphenate/${keyed.slug}`,
            outcome: "ok",
            status: 200,
            customerId: visitor.id,
          },
        });
        const html = body(await call(keyed, DOC_QUERY));
        expect(html).toContain("hyphenate/iframe · ok");
        expect(html).not.toContain("暂无调用记录");
      });
    });

    describe("createIntegration with the key", () => {
      const create = (secrets: Record<string, string>, settings: Record<string, unknown> = {}) =>
        createIntegration(t.db, key, { vendor: "hyphenate", name: `k-${crypto.randomUUID()}`, settings, secrets });
      const refusal = async (promise: Promise<unknown>) => {
        const error = await promise.then(
          () => new Error("expected a refusal"),
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("validation");
        return (error as AppError).fieldErrors;
      };

      it.each([["12345678"], ["1234"], ["一二三四五六七八"], ["a"]])(
        "refuses the key %j (8 characters or fewer)",
        async (value) => {
          const before = await t.db.integration.count();
          const errors = await refusal(create({ key: value }));
          expect(errors["secrets.key"]?.length).toBeGreaterThan(0);
          expect(errors["secrets.key"]!.join(" ")).toMatch(/9/);
          expect(await t.db.integration.count()).toBe(before);
        },
      );

      it("accepts a key of 9 characters and uses its first 8 bytes", async () => {
        const view = await create({ key: "12345678X" });
        expect(view.secrets).toEqual([expect.objectContaining({ name: "key" })]);
        expect(view.secrets[0].hint).not.toBeNull();
        expect(view.endpoints).toEqual({ iframe: `/hyphenate/${view.slug}` });
        const r = await call(view, DOC_QUERY);
        expect(r.outcome).toBe("ok");
        expect(r.decryptedRequest).toMatchObject({ name: "Jack", age: "40", sex: "man" });
      });

      it("accepts no key at all, and an empty one as none", async () => {
        for (const secrets of [{}, { key: "" }] as Record<string, string>[]) {
          const view = await create(secrets);
          expect(view.secrets).toEqual([{ name: "key", hint: null, previous: null }]);
          const loaded = await loadCallbackIntegration(t.db, key, "hyphenate", view.slug);
          expect(loaded?.keys).toEqual({});
          expect(loaded?.settings).toEqual({
            encryptSystemParams: false,
            matchParam: "visitorImId",
            matchKind: "hyphenate-visitor",
            frameAncestors: [],
            refuseDuplicates: false,
          });
        }
      });

      it("refuses bad settings by field", async () => {
        const errors = await refusal(create({}, { matchKind: "nickname", frameAncestors: ["javascript:x"] }));
        expect(Object.keys(errors)).toEqual(expect.arrayContaining(["matchKind"]));
        expect(Object.keys(errors).some((k) => k.startsWith("frameAncestors"))).toBe(true);
      });
    });
  });
}
