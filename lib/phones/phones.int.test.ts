// Phone numbers on real databases: every way a number is written finds its customer, and a
// database filled before the normal form existed is normalised by `db migrate` (its post-step).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer, listCustomers } from "@/lib/customers/customers";
import { findByPhone } from "@/lib/customers/lookup";
import { listQuery } from "@/lib/customers/schemas";
import { migrate, migrationsDir } from "@/lib/db/migrate";
import { normalizeStoredPhones } from "@/lib/phones/backfill";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

/** Each saved number, and the ways a vendor or an operator may write it. */
export const PHONE_FORMS: { saved: string; asked: string[] }[] = [
  { saved: "+8613800138000", asked: ["13800138000", "0086 138 0013 8000", "8613800138000", "138-0013-8000"] },
  { saved: "18610885415", asked: ["+86 186 1088 5415", "008618610885415", "86 186-1088-5415", "186 1088 5415"] },
  { saved: "010-12345678", asked: ["+86 10 1234 5678", "01012345678", "(010) 1234 5678", "0086-10-12345678"] },
  { saved: "95555", asked: ["95555", "9-5555"] },
];

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`phone numbers on ${provider.name}`, () => {
    let t: TestDatabase;
    const ids: number[] = [];
    beforeAll(async () => {
      t = await createDatabase(provider.name);
      for (const [i, f] of PHONE_FORMS.entries())
        ids.push((await createCustomer(t.db, { uname: `phone${i}`, phones: [f.saved] })).id);
    });
    afterAll(async () => {
      await t?.drop();
    });

    it("finds the customer by every form of its number", async () => {
      for (const [i, f] of PHONE_FORMS.entries())
        for (const asked of [f.saved, ...f.asked]) expect((await findByPhone(t.db, asked))?.id, asked).toBe(ids[i]);
    });

    it("finds the customer in the customers search by every form of its number", async () => {
      for (const [i, f] of PHONE_FORMS.entries())
        for (const asked of [f.saved, ...f.asked]) {
          const page = await listCustomers(t.db, listQuery.parse({ q: asked }));
          expect(
            page.items.map((c) => c.id),
            asked,
          ).toEqual([ids[i]]);
        }
    });

    it("shows the number as it was typed", async () => {
      const page = await listCustomers(t.db, listQuery.parse({ q: "010-1234" }));
      expect(page.items.map((c) => c.phones)).toEqual([["010-12345678"]]);
    });

    it("finds nobody for another number or for text without digits", async () => {
      expect(await findByPhone(t.db, "13800138001")).toBeNull();
      expect(await findByPhone(t.db, "+1 138 0013 8000")).toBeNull();
      expect(await findByPhone(t.db, "n/a")).toBeNull();
    });
  });

  describe.skipIf(provider.skip)(`a database filled before phone normal forms, on ${provider.name}`, () => {
    let t: TestDatabase;
    let older: string;
    beforeAll(async () => {
      t = await createDatabase(provider.name, false);
      // The migrations as they were before the normal form: everything up to it.
      older = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-phones-"));
      const base = path.join(migrationsDir(), provider.name);
      for (const name of fs
        .readdirSync(base)
        .filter((n) => /^\d{4}_/.test(n))
        .sort()) {
        if (name.endsWith("_phone_normal_form")) break;
        fs.cpSync(path.join(base, name), path.join(older, provider.name, name), { recursive: true });
      }
      process.env.DESKBRIDGE_MIGRATIONS_DIR = older;
      try {
        await migrate(t.db, provider.name);
      } finally {
        delete process.env.DESKBRIDGE_MIGRATIONS_DIR;
      }
      // Rows as the earlier version stored them: + and digits only.
      for (const [i, phone] of ["+8613800138000", "18610885415", "01012345678", "95555", "4155552671"].entries()) {
        await t.db.$executeRawUnsafe(
          `INSERT INTO "Customer" ("id", "uname", "updatedAt") VALUES (${i + 1}, 'old${i}', CURRENT_TIMESTAMP)`,
        );
        await t.db.$executeRawUnsafe(
          `INSERT INTO "CustomerPhone" ("customerId", "position", "phone") VALUES (${i + 1}, 0, '${phone}')`,
        );
      }
    });
    afterAll(async () => {
      await t?.drop();
      fs.rmSync(older, { recursive: true, force: true });
    });

    it("normalises every existing row when migrated, and the old rows are found by every form", async () => {
      const applied = await migrate(t.db, provider.name);
      expect(applied.some((n) => n.endsWith("_phone_normal_form"))).toBe(true);
      const rows = await t.db.customerPhone.findMany({ orderBy: { customerId: "asc" } });
      expect(rows.map((r) => [r.phone, r.normalized])).toEqual([
        ["+8613800138000", "+8613800138000"],
        ["18610885415", "+8618610885415"],
        ["01012345678", "+861012345678"],
        ["95555", "95555"],
        ["4155552671", "+864155552671"],
      ]);
      for (const [i, f] of PHONE_FORMS.entries())
        for (const asked of [f.saved, ...f.asked]) expect((await findByPhone(t.db, asked))?.id, asked).toBe(i + 1);
    });

    it("has nothing to do on the next start", async () => {
      expect(await normalizeStoredPhones(t.db, "CN")).toBe(0);
    });

    it("normalises every row again when the region changes", async () => {
      expect(await normalizeStoredPhones(t.db, "US")).toBe(5);
      const us = await t.db.customerPhone.findFirst({ where: { customerId: 5 } });
      expect(us?.normalized).toBe("+14155552671");
      expect(await normalizeStoredPhones(t.db, "CN")).toBe(5);
      expect((await findByPhone(t.db, "4155552671"))?.id).toBe(5);
    });
  });
}
