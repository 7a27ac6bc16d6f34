// The call log on SQLite and PostgreSQL: exact bodies (even binary), redaction, keyset
// pagination and filters, and retention.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { decodeBody, recordCall, redactHeaders, REDACTED, type CallEntry } from "@/lib/calls/record";
import { callQuery, listCalls } from "@/lib/calls/query";
import { pruneCalls, retentionDays, setRetentionDays } from "@/lib/calls/retention";
import { createCustomer } from "@/lib/customers/customers";

const entry = (over: Partial<CallEntry> = {}): CallEntry => ({
  vendor: "sobot-crm",
  kind: "crm",
  method: "POST",
  path: "/api/callbacks/sobot/crm/x",
  headers: {},
  body: Buffer.from('{"parameter":"AB"}'),
  outcome: "ok",
  detail: "",
  status: 200,
  durationMs: 3,
  ...over,
});

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`call log on ${provider.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createDatabase(provider.name);
    });
    afterAll(async () => {
      await t?.drop();
    });

    it("keeps a binary body with NUL and invalid UTF-8 byte for byte", async () => {
      const bytes = Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x22, 0x7d]);
      const id = await recordCall(
        t.db,
        entry({ body: bytes, decryptedRequest: "a\u0000b", detail: "nul \u0000 here" }),
      );
      const row = await t.db.call.findUniqueOrThrow({ where: { id } });
      expect(row.requestEncoding).toBe("base64");
      expect(row.requestBytes).toBe(6);
      expect(decodeBody(row.requestBody, row.requestEncoding)!.equals(bytes)).toBe(true);
      expect(row.decryptedRequest).toBe("a\\u0000b");
      expect(row.detail).toBe("nul \\u0000 here");
    });

    it("keeps a Chinese text body as text", async () => {
      const id = await recordCall(t.db, entry({ body: Buffer.from('{"name":"张三"}') }));
      const row = await t.db.call.findUniqueOrThrow({ where: { id } });
      expect(row.requestEncoding).toBe("utf8");
      expect(row.requestBody).toBe('{"name":"张三"}');
    });

    it("redacts secret-bearing headers, whatever their case", () => {
      const headers = redactHeaders(
        new Headers({
          Authorization: "Basic abc",
          Cookie: "s=1",
          Secret: "x",
          token: "t",
          sign: "keep",
          "Content-Type": "application/json",
        }),
      );
      expect(headers).toEqual({
        authorization: REDACTED,
        cookie: REDACTED,
        secret: REDACTED,
        token: REDACTED,
        sign: "keep",
        "content-type": "application/json",
      });
    });

    it("filters the calls of which something was left out, and duplicates", async () => {
      const partial = await recordCall(t.db, entry({ outcome: "ok", partial: true, detail: "left out: email" }));
      const whole = await recordCall(t.db, entry({ outcome: "ok" }));
      const duplicate = await recordCall(t.db, entry({ outcome: "duplicate" }));
      const ids = async (raw: Record<string, string>) =>
        (await listCalls(t.db, callQuery.parse({ ...raw, per: "200" }))).items.map((c) => c.id);
      expect(await ids({ partial: "1" })).toContain(partial);
      expect(await ids({ partial: "1" })).not.toContain(whole);
      expect(await ids({ outcome: "duplicate" })).toEqual([duplicate]);
    });

    it("pages newest first, forwards and back, with filters", async () => {
      await t.db.call.deleteMany();
      const customer = await createCustomer(t.db, { uname: "paged" });
      for (let i = 0; i < 120; i++) {
        await recordCall(
          t.db,
          entry({
            outcome: i % 3 === 0 ? "bad_signature" : "ok",
            vendor: i % 2 ? "sobot-crm" : "udesk",
            customerId: i % 10 === 0 ? customer.id : null,
            body: Buffer.from(`{"n":${i},"marker":"${i === 77 ? "needle" : "hay"}"}`),
          }),
        );
      }
      const q = (raw: Record<string, string>) => callQuery.parse(raw);
      const first = await listCalls(t.db, q({}));
      expect(first.items).toHaveLength(50);
      expect(first.items[0].id).toBeGreaterThan(first.items[49].id);
      expect(first.newer).toBeNull();
      const second = await listCalls(t.db, q({ before: String(first.older) }));
      expect(second.items[0].id).toBe(first.items[49].id - 1);
      const third = await listCalls(t.db, q({ before: String(second.older) }));
      expect(third.items).toHaveLength(20);
      expect(third.older).toBeNull();
      const back = await listCalls(t.db, q({ after: String(third.newer) }));
      expect(back.items.map((c) => c.id)).toEqual(second.items.map((c) => c.id));

      expect((await listCalls(t.db, q({ outcome: "bad_signature", per: "200" }))).items).toHaveLength(40);
      expect((await listCalls(t.db, q({ vendor: "udesk", per: "200" }))).items).toHaveLength(60);
      expect((await listCalls(t.db, q({ customer: String(customer.id), per: "200" }))).items).toHaveLength(12);
      const needle = await listCalls(t.db, q({ q: "NEEDLE" }));
      expect(needle.items).toHaveLength(1);
      const future = new Date(Date.now() + 3600_000).toISOString();
      expect((await listCalls(t.db, q({ from: future }))).items).toHaveLength(0);
      expect((await listCalls(t.db, q({ outcome: "not-an-outcome" }))).items).toHaveLength(50); // ignored, not an error
    });

    it("orders by time, then id, and pages through calls logged in the same millisecond", async () => {
      await t.db.call.deleteMany();
      const at = new Date("2026-03-01T08:00:00.000Z");
      const ids: number[] = [];
      for (let i = 0; i < 7; i++) ids.push(await recordCall(t.db, entry()));
      // Five calls share one instant; the newest id carries the oldest time (a slow request
      // logged late keeps the time it was received).
      for (const id of ids.slice(0, 5)) await t.db.call.update({ where: { id }, data: { createdAt: at } });
      await t.db.call.update({ where: { id: ids[5] }, data: { createdAt: new Date(at.getTime() + 60_000) } });
      await t.db.call.update({ where: { id: ids[6] }, data: { createdAt: new Date(at.getTime() - 60_000) } });
      const expected = [ids[5], ids[4], ids[3], ids[2], ids[1], ids[0], ids[6]];
      const q = (raw: Record<string, string>) => callQuery.parse({ per: "2", ...raw });
      const seen: number[] = [];
      let page = await listCalls(t.db, q({}));
      const pages = [page];
      for (;;) {
        seen.push(...page.items.map((c) => c.id));
        if (!page.older) break;
        page = await listCalls(t.db, q({ before: String(page.older) }));
        pages.push(page);
      }
      expect(seen).toEqual(expected);
      // And back again from the last page: the same pages, in reverse.
      for (let i = pages.length - 1; i > 0; i--) {
        const back = await listCalls(t.db, q({ after: String(pages[i].newer) }));
        expect(back.items.map((c) => c.id)).toEqual(pages[i - 1].items.map((c) => c.id));
      }
    });

    it("retention deletes old bodies, keeps the rows, and is idempotent", async () => {
      await t.db.call.deleteMany();
      const old = await recordCall(
        t.db,
        entry({ decryptedRequest: "{}", responseBody: "{}", decryptedResponse: "{}" }),
      );
      const recent = await recordCall(t.db, entry());
      await t.db.call.update({ where: { id: old }, data: { createdAt: new Date(Date.now() - 40 * 86_400_000) } });
      expect(await retentionDays(t.db)).toBe(30);
      expect((await pruneCalls(t.db)).pruned).toBe(1);
      const row = await t.db.call.findUniqueOrThrow({ where: { id: old } });
      expect(row).toMatchObject({
        requestBody: null,
        responseBody: null,
        decryptedRequest: null,
        decryptedResponse: null,
        outcome: "ok",
        status: 200,
      });
      expect(row.prunedAt).not.toBeNull();
      expect((await t.db.call.findUniqueOrThrow({ where: { id: recent } })).requestBody).not.toBeNull();
      expect((await pruneCalls(t.db)).pruned).toBe(0);

      await setRetentionDays(t.db, "1");
      expect(await retentionDays(t.db)).toBe(1);
      await expect(setRetentionDays(t.db, "0")).rejects.toMatchObject({ code: "validation" });
      await expect(setRetentionDays(t.db, "abc")).rejects.toMatchObject({ code: "validation" });
    });
  });
}
