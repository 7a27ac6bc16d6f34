// Customer search against its trigram indexes (migration 0014) on real databases: whatever way customers
// change (created, edited, deleted, imported), search finds exactly the customers a plain scan of the
// tables finds, old values no longer and new ones at once; SQLite's FTS5 tables are used and agree with
// their tables (and the check that says so can fail); PostgreSQL's pg_trgm indexes serve ILIKE.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCustomer,
  deleteCustomer,
  getCustomer,
  listCustomers,
  matchingCustomerIds,
  updateCustomer,
  type CustomerView,
} from "@/lib/customers/customers";
import { importCustomers, type ImportRow } from "@/lib/customers/io";
import { listQuery, type CustomerInput } from "@/lib/customers/schemas";
import type { Db } from "@/lib/db/client";
import { searchMatches } from "@/lib/customers/search";
import { Prisma } from "@/lib/generated/sqlite/client";
import { normalizeStoredPhones } from "@/lib/phones/backfill";
import { normalizePhone } from "@/lib/phones/normalize";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

type Row = {
  id: number;
  uname: string;
  realname: string;
  emails: string[];
  phones: { phone: string; normalized: string }[];
  values: string[];
};

/** Every customer as its tables hold it (read without the search indexes). */
async function tables(db: Db): Promise<Row[]> {
  const rows = await db.customer.findMany({ include: { emails: true, phones: true, externalIds: true } });
  return rows.map((c) => ({
    id: c.id,
    uname: c.uname,
    realname: c.realname,
    emails: c.emails.map((e) => e.email),
    phones: c.phones.map((p) => ({ phone: p.phone, normalized: p.normalized })),
    values: c.externalIds.map((x) => x.value),
  }));
}

/** What search promises, by brute force: a name, email, phone (as written or its normal form, however the
 *  query writes the number) or external id contains the text, case aside; or the text is the id. */
function expectedIds(all: Row[], raw: string): number[] {
  const q = raw.trim();
  const low = q.toLowerCase();
  const phoneLike = /^[+\d\s\-().]+$/.test(q) && /\d/.test(q);
  const digits = q.replace(/\D/g, "");
  const part = phoneLike ? digits.replace(/^0+/, "") || digits : low;
  const whole = phoneLike ? normalizePhone(q) : "";
  const id = /^#?\d{1,9}$/.test(q) ? Number(q.replace("#", "")) : Number.NaN;
  const has = (v: string) => v.toLowerCase().includes(low);
  const phone = (p: Row["phones"][number]) =>
    has(p.phone) || p.normalized.toLowerCase().includes(part) || (whole !== "" && p.normalized === whole);
  return all
    .filter((c) => c.id === id || [c.uname, c.realname, ...c.emails, ...c.values].some(has) || c.phones.some(phone))
    .map((c) => c.id)
    .sort((a, b) => a - b);
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
const found = async (db: Db, q: string) => sorted(await matchingCustomerIds(db, listQuery.parse({ q })));
const listed = async (db: Db, q: string) => {
  const page = await listCustomers(db, listQuery.parse({ q, per: 200, sort: "id", dir: "asc" }));
  return { ids: page.items.map((c) => c.id), total: page.total };
};

/** The needles whose results differ from the brute-force expectation (empty when search is right). */
async function mismatches(db: Db, needles: string[], viaList = false) {
  const all = await tables(db);
  const wrong: { q: string; expected: number[]; got: number[] }[] = [];
  for (const q of needles) {
    const expected = expectedIds(all, q);
    const got = await found(db, q);
    if (got.join() !== expected.join()) wrong.push({ q, expected, got });
    if (!viaList) continue;
    const page = await listed(db, q);
    if (page.ids.join() !== expected.join() || page.total !== expected.length)
      wrong.push({ q: `list:${q}`, expected, got: page.ids });
  }
  return wrong;
}

const edit = (c: CustomerView, change: Partial<CustomerInput>): CustomerInput => ({
  uname: c.uname,
  realname: c.realname,
  emails: c.emails,
  phones: c.phones,
  externalIds: c.externalIds as CustomerInput["externalIds"],
  labels: c.labels,
  remark: c.remark,
  ...change,
});

const FTS_TABLES = ["CustomerNameSearch", "CustomerEmailSearch", "CustomerPhoneSearch", "ExternalIdSearch"];
const integrityCheck = (db: Db, table: string) =>
  db.$executeRawUnsafe(`INSERT INTO "${table}"("${table}", rank) VALUES ('integrity-check', 1)`);

/** A small seeded PRNG (mulberry32): the same customers and mutations on every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`customer search indexes on ${provider.name}`, () => {
    let t: TestDatabase;
    const id: Record<string, number> = {};
    beforeAll(async () => {
      t = await createDatabase(provider.name);
    });
    afterAll(async () => {
      await t?.drop();
    });

    it("keeps search in step through creates, edits, deletes and an import", async () => {
      const people: Record<string, CustomerInput> = {
        wei: { uname: "zhangwei", realname: "张伟", emails: ["wei.zhang@example.com"], phones: ["138 0013 8000"] },
        nana: { uname: "NaNa", realname: "欧阳娜娜", emails: ["ou_yang@fans.cn"], phones: ["0755-2345-6789"] },
        marco: { uname: "Marco Polo", emails: ["marco@travel.it"], phones: ["+39 06 1234 5678"] },
        dora: { uname: "Deleteme Dora", realname: "多拉", emails: ["dora@gone.example"], phones: ["139-9988-7766"] },
      };
      people.wei.externalIds = [{ kind: "sobot-partner", value: "SP-1001" }];
      people.nana.externalIds = [{ kind: "udesk-customer", value: "UD-ouyang-7" }];
      people.marco.externalIds = [{ kind: "wechat-openid", value: "oWxMarco88" }];
      people.dora.externalIds = [{ kind: "hyphenate-visitor", value: "HV-dora-42" }];
      for (const [key, input] of Object.entries(people)) id[key] = (await createCustomer(t.db, input)).id;
      // Found as created, before anything changes.
      expect(await found(t.db, "wei.zhang")).toEqual([id.wei]);
      expect(await found(t.db, "HV-dora")).toEqual([id.dora]);

      const wei = (await getCustomer(t.db, id.wei))!;
      await updateCustomer(t.db, id.wei, edit(wei, { uname: "weiwei", emails: ["zw@newmail.cn"] }));
      const nana = (await getCustomer(t.db, id.nana))!;
      await updateCustomer(t.db, id.nana, edit(nana, { phones: ["186-5555-4321"] }));
      const marco = (await getCustomer(t.db, id.marco))!;
      const polo = [{ kind: "wechat-openid" as const, value: "oWx-Polo99" }];
      await updateCustomer(t.db, id.marco, edit(marco, { externalIds: polo }));
      await deleteCustomer(t.db, id.dora);
      // The bulk path: two new customers, and one changed by its external id (name and phones).
      const rows: ImportRow[] = [
        { row: 2, values: { uname: "xiaoming", realname: "王小明", emails: "xm@163.com", phones: "021 6888 1234" } },
        { row: 3, values: { uname: "lina", realname: "李娜娜", "sobot-customer": "SC-lina-5" } },
        { row: 4, values: { "udesk-customer": "UD-ouyang-7", uname: "Nana Ou", phones: "186-5555-4321;4008208820" } },
      ];
      const imported = await importCustomers(t.db, rows);
      expect(imported).toMatchObject({ created: 2, updated: 1, failed: 0 });
      const all = await tables(t.db);
      id.xiaoming = all.find((c) => c.uname === "xiaoming")!.id;
      id.lina = all.find((c) => c.uname === "lina")!.id;
      expect(sorted(all.map((c) => c.id))).toEqual(sorted([id.wei, id.nana, id.marco, id.xiaoming, id.lina]));
      // Another phone region re-normalises the stored phones in place (an UPDATE of CustomerPhone), and back.
      expect(await found(t.db, "8618655554321")).toEqual([id.nana]);
      expect(await normalizeStoredPhones(t.db, "US")).toBeGreaterThan(0);
      expect(await found(t.db, "8618655554321")).toEqual([]);
      expect(await mismatches(t.db, ["+1 865-555-4321", "8655554321", "02168881234", "1 865", "+8621"])).toEqual([]);
      await normalizeStoredPhones(t.db, "CN");
      expect(await found(t.db, "8618655554321")).toEqual([id.nana]);

      // Replaced and deleted values are gone from search, cascaded children included.
      for (const old of ["zhangwei", "wei.zhang", "2345-6789", "23456789", "Marco88", "Deleteme", "多拉"])
        expect(await found(t.db, old), old).toEqual([]);
      for (const old of ["dora@gone", "9988 7766", "13999887766", "HV-dora-42", "dora"])
        expect(await found(t.db, old), old).toEqual([]);
      // New values are found at once (through the index on SQLite: three characters or more).
      const now: [string, number[]][] = [
        ["weiwei", [id.wei]],
        ["ZW@NewMail", [id.wei]],
        ["5555 4321", [id.nana]],
        ["186-5555", [id.nana]],
        ["Polo99", [id.marco]],
        ["oWx-polo", [id.marco]],
        ["Nana Ou", [id.nana]],
        ["欧阳娜", [id.nana]],
        ["娜娜", [id.nana, id.lina]],
        ["王小明", [id.xiaoming]],
        ["6888-1234", [id.xiaoming]],
        ["SC-LINA", [id.lina]],
        ["820 8820", [id.nana]],
      ];
      for (const [q, ids] of now) expect(await found(t.db, q), q).toEqual(sorted(ids));
      // And every needle, old or new, whole or part, agrees with a scan of the tables, via the list too.
      const needles = [
        ...["zhangwei", "wei.zhang", "2345-6789", "Marco88", "Deleteme", "多拉", "HV-dora", "dora@gone"],
        ...["weiwei", "zw@newmail.cn", "newmail", "186 5555 4321", "+86 186-5555-4321", "0013 8000", "1380013"],
        ...["张伟", "张", "欧阳", "欧阳娜娜", "阳娜娜", "王小明", "小明", "李娜娜", "MARCO", "mArCo@", "polo"],
        ...["ou_yang", "fans.cn", "UD-ouyang", "ouyang-7", "SP-1001", "1001", "sp-10", "oWx-Polo99", "example"],
        ...["travel.it", "1234 5678", "0612345678", "400-820-8820", "xm@", "@163.com", "lina-5", "xiao"],
      ];
      expect(await mismatches(t.db, needles, true)).toEqual([]);
    });

    it("agrees with a scan of the tables after 600 seeded random changes", async () => {
      const started = Date.now();
      const r = await createDatabase(provider.name);
      try {
        const rand = prng(20240614);
        const int = (n: number) => Math.floor(rand() * n);
        const pick = <T>(items: readonly T[]) => items[int(items.length)];
        const syllables = ["an", "bo", "chen", "da", "fei", "gu", "hui", "jin", "ka", "li", "mo", "na", "ou", "qi"];
        const han = [..."张王李赵刘陈杨黄周吴欧阳娜伟明芳丽强军小"];
        const word = () => Array.from({ length: 2 + int(2) }, () => pick(syllables)).join("");
        const cased = (s: string) => (rand() < 0.3 ? s[0].toUpperCase() + s.slice(1) : s);
        let seq = 0;
        const phone = () => {
          const d = `1${pick(["38", "39", "86", "58"])}${String(int(1e8)).padStart(8, "0")}`;
          const parts = [d.slice(0, 3), d.slice(3, 7), d.slice(7)];
          return pick([d, parts.join(" "), parts.join("-"), `+86 ${parts.join(" ")}`]);
        };
        const emailOf = () => `${word()}${int(100)}@${pick(["example.com", "mail.cn", "163.com", "qq.com"])}`;
        const kinds = ["sobot-partner", "udesk-customer", "wechat-openid"] as const;
        const externalId = (kind: (typeof kinds)[number]) => ({
          kind,
          value: `${pick(["SP", "UD", "HV", "WX"])}-${word()}-${++seq}`,
        });
        const fresh = (): CustomerInput => ({
          uname: cased(word()),
          realname: rand() < 0.7 ? Array.from({ length: 2 + int(3) }, () => pick(han)).join("") : "",
          emails: Array.from({ length: int(3) }, emailOf),
          phones: Array.from({ length: int(3) }, phone),
          externalIds: kinds.filter(() => rand() < 0.4).map(externalId),
        });
        const written = new Set<string>();
        const remember = (c: CustomerView) => {
          for (const v of [c.uname, c.realname, ...c.emails, ...c.phones, ...c.externalIds.map((x) => x.value)])
            written.add(v);
          for (const p of c.phones) written.add(normalizePhone(p));
        };
        const live: number[] = [];
        for (let i = 0; i < 300; i++) {
          const c = await createCustomer(r.db, fresh());
          remember(c);
          live.push(c.id);
        }
        for (let i = 0; i < 300; i++) {
          const roll = rand();
          if (roll < 0.25 || live.length < 10) {
            const c = await createCustomer(r.db, fresh());
            remember(c);
            live.push(c.id);
          } else if (roll < 0.45) {
            await deleteCustomer(r.db, live.splice(int(live.length), 1)[0]);
          } else {
            const before = (await getCustomer(r.db, pick(live)))!;
            const next = fresh();
            const change: Partial<CustomerInput> = {};
            if (rand() < 0.4) change.uname = next.uname;
            if (rand() < 0.3) change.realname = next.realname || before.realname;
            if (rand() < 0.4) change.emails = [...before.emails.slice(1), emailOf()];
            if (rand() < 0.4) change.phones = before.phones.length ? [phone(), ...before.phones.slice(1)] : [];
            if (rand() < 0.4) change.externalIds = next.externalIds;
            remember(await updateCustomer(r.db, before.id, edit(before, change)));
          }
        }
        // 40 needles of 2 to 6 characters, cut from values that exist now and (every other one) that are gone.
        const all = await tables(r.db);
        const existing = new Set(
          all.flatMap((c) => [c.uname, c.realname, ...c.emails, ...c.values, ...c.phones.flatMap(Object.values)]),
        );
        const pool = [...written].filter((v) => [...v].length >= 3).sort();
        const [now, gone] = [pool.filter((v) => existing.has(v)), pool.filter((v) => !existing.has(v))];
        expect(gone.length).toBeGreaterThan(100);
        const needles = Array.from({ length: 40 }, (_, i) => {
          const chars = [...pick(i % 2 ? gone : now)];
          const n = Math.min(chars.length, 2 + int(5));
          const start = int(chars.length - n + 1);
          const cut = chars.slice(start, start + n).join("");
          return rand() < 0.3 ? cut.toUpperCase() : cut;
        });
        expect(needles.filter((q) => expectedIds(all, q).length > 0).length).toBeGreaterThan(20);
        expect(await mismatches(r.db, needles)).toEqual([]);
        if (provider.name === "sqlite") for (const table of FTS_TABLES) await integrityCheck(r.db, table);
        console.info(`[search-index] ${provider.name}: 600 changes and 40 needles in ${Date.now() - started} ms`);
      } finally {
        await r.drop();
      }
    });

    it("finds customers by one or two characters, at the start, inside and at the end of a value", async () => {
      const short = ["张", "伟", "欧阳", "娜", "小明", "zw", "ZW", "Ma", "o", "@", ".", "88", "55", "7", "-", "SP"];
      // Whole values of two characters, and two characters that end a value (no trigram starts with them).
      const ends = ["张伟", "王小", "cn", "CN", "it", "-7", "99", "Ou", "OU", "ng", "34", "20", "13", ".c", "娜娜"];
      expect(await mismatches(t.db, [...short, ...ends], true)).toEqual([]);
      expect(await found(t.db, "张伟")).toEqual([id.wei]); // the whole real name
      expect(await found(t.db, "Ou")).toEqual([id.nana]); // the end of "Nana Ou", inside ou_yang@
      expect(await found(t.db, "CN")).toEqual(sorted([id.wei, id.nana])); // zw@newmail.cn, ou_yang@fans.cn

      expect(await found(t.db, "娜")).toEqual(sorted([id.nana, id.lina]));
      expect(await found(t.db, "MA")).toEqual(sorted([id.wei, id.marco])); // Marco, newmail
    });

    it("takes % and _ in a query as themselves, not as wildcards", async () => {
      // ou_yang@fans.cn is the only value with an underscore; nobody has a percent sign ("n_n" would match
      // "Nana Ou" and "e%i" "weiwei" as LIKE patterns).
      const got: Record<string, number[]> = {};
      for (const q of ["_", "%", "u_y", "n_n", "e%i"]) got[q] = await found(t.db, q);
      expect(got).toEqual({ _: [id.nana], "%": [], u_y: [id.nana], n_n: [], "e%i": [] });
    });

    // PostgreSQL only: SQLite folds the case of A-Z alone in one-character searches (LIKE) and in the last
    // two characters of a value (lower()), a documented limit; FTS5's terms fold every letter.
    it.skipIf(provider.name === "sqlite")("folds the case of any letter, short queries too", async () => {
      const scratch = await createDatabase(provider.name);
      try {
        const { id: olaf } = await createCustomer(scratch.db, { uname: "Ölaf Érdős" });
        const got: Record<string, number[]> = {};
        for (const q of ["ö", "ÖL", "éR", "Ő", "öla", "ÖLA", "ÉRD"]) got[q] = await found(scratch.db, q);
        expect(got).toEqual(Object.fromEntries(Object.keys(got).map((q) => [q, [olaf]])));
      } finally {
        await scratch.drop();
      }
    });

    it.runIf(provider.name === "sqlite")("uses FTS5 tables that agree with their tables", async () => {
      const names = await t.db.$queryRawUnsafe<{ name: string }[]>(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%trigram%' ORDER BY name`,
      );
      expect(names.map((n) => n.name)).toEqual([...FTS_TABLES].sort());
      const triggers = await t.db.$queryRawUnsafe<{ n: number | bigint }[]>(
        `SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_search\\_%' ESCAPE '\\'`,
      );
      expect(Number(triggers[0].n)).toBe(12);
      for (const table of FTS_TABLES) {
        const plan = await t.db.$queryRawUnsafe<{ detail: string }[]>(
          `EXPLAIN QUERY PLAN SELECT rowid FROM "${table}" WHERE "${table}" MATCH '"abc"'`,
        );
        expect(plan.map((p) => p.detail).join("\n"), table).toMatch(new RegExp(`${table} VIRTUAL TABLE INDEX \\d+:M`));
        // The edits and the import above left index and table in agreement.
        await expect(integrityCheck(t.db, table), table).resolves.toBeDefined();
      }
      const lookup = await t.db.$queryRawUnsafe<{ detail: string }[]>(
        `EXPLAIN QUERY PLAN SELECT "customerId" FROM "CustomerEmail" WHERE "id" IN
          (SELECT rowid FROM "CustomerEmailSearch" WHERE "CustomerEmailSearch" MATCH '"abc"')`,
      );
      expect(lookup.map((p) => p.detail).join("\n")).toMatch(/SEARCH CustomerEmail USING INTEGER PRIMARY KEY/);
    });

    it("finds two characters through indexes, not by scanning the tables", async () => {
      const tables = ["Customer", "CustomerEmail", "CustomerPhone", "ExternalId"];
      for (const q of ["王芳", "ol", "13"]) {
        const sql = searchMatches(t.db, q);
        if (provider.name === "sqlite") {
          const plan = await t.db.$queryRaw<{ detail: string }[]>(Prisma.sql`EXPLAIN QUERY PLAN ${sql}`);
          const scans = plan
            .map((p) => p.detail)
            .filter((d) => tables.some((x) => d.startsWith(`SCAN ${x} `) || d === `SCAN ${x}`));
          expect(scans, q).toEqual([]);
          expect(plan.map((p) => p.detail).join("\n"), q).toMatch(/CustomerNameTerms VIRTUAL TABLE/);
          expect(plan.map((p) => p.detail).join("\n"), q).toMatch(/USING (COVERING )?INDEX Customer_realname_tail_idx/);
        } else {
          const plan = await t.db.$transaction(async (tx) => {
            await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
            return tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${sql}`);
          });
          const text = plan.map((p) => p["QUERY PLAN"]).join("\n");
          expect(text, q).not.toMatch(/Seq Scan/);
          for (const column of ["Customer_uname", "Customer_realname", "CustomerEmail_email", "ExternalId_value"])
            expect(text, q).toContain(`"${column}_pairs_idx"`);
        }
      }
    });

    it.runIf(provider.name === "sqlite")("notices an index that missed a change (the checks can fail)", async () => {
      const scratch = await createDatabase("sqlite");
      try {
        await createCustomer(scratch.db, { uname: "kept", emails: ["kept@example.com"] });
        await scratch.db.$executeRawUnsafe(`DROP TRIGGER "CustomerEmail_search_insert"`);
        const lost = await createCustomer(scratch.db, { uname: "lost", emails: ["hidden.person@example.com"] });
        await expect(integrityCheck(scratch.db, "CustomerEmailSearch")).rejects.toThrow(/corrupt|malformed/i);
        await expect(integrityCheck(scratch.db, "CustomerNameSearch")).resolves.toBeDefined();
        expect(await mismatches(scratch.db, ["hidden.person"])).toEqual([
          { q: "hidden.person", expected: [lost.id], got: [] },
        ]);
        // Rebuilt from its table, the index agrees again and finds the customer.
        await scratch.db.$executeRawUnsafe(
          `INSERT INTO "CustomerEmailSearch"("CustomerEmailSearch") VALUES ('rebuild')`,
        );
        await expect(integrityCheck(scratch.db, "CustomerEmailSearch")).resolves.toBeDefined();
        expect(await found(scratch.db, "hidden.person")).toEqual([lost.id]);
      } finally {
        await scratch.drop();
      }
    });

    it.runIf(provider.name === "postgresql")("serves ILIKE from the pg_trgm indexes", async () => {
      const columns = [
        ["Customer", "uname"],
        ["Customer", "realname"],
        ["CustomerEmail", "email"],
        ["CustomerPhone", "phone"],
        ["CustomerPhone", "normalized"],
        ["ExternalId", "value"],
      ];
      const present = await t.db.$queryRawUnsafe<{ indexname: string; indexdef: string }[]>(
        `SELECT indexname::text, indexdef FROM pg_indexes WHERE indexname LIKE '%\\_trgm\\_idx' ORDER BY indexname`,
      );
      const names = columns.map(([table, column]) => `${table}_${column}_trgm_idx`);
      expect(present.map((i) => i.indexname)).toEqual([...names].sort());
      for (const i of present) expect(i.indexdef).toMatch(/USING gin .*gin_trgm_ops/);
      for (const [table, column] of columns) {
        const name = `${table}_${column}_trgm_idx`;
        const selected = table === "Customer" ? "id" : "customerId";
        const plan = await t.db.$transaction(async (tx) => {
          await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
          return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
            `EXPLAIN SELECT "${selected}" FROM "${table}" WHERE "${column}" ILIKE '%abc%'`,
          );
        });
        expect(plan.map((p) => p["QUERY PLAN"]).join("\n"), name).toContain(`"${name}"`);
      }
    });
  });
}
