// Fills CustomerPhone.normalized for rows that lack it: every row written before the column existed
// (the migration that adds it cannot run libphonenumber in SQL), rows written by plain SQL since,
// and, when DESKBRIDGE_PHONE_REGION changed, every row (a national number's normal form depends on
// the region). Run by the migration runner after its migrations, so `deskbridge db migrate` and
// every start do it; on an up-to-date database it is one indexed query and one settings read.
import type { CountryCode } from "libphonenumber-js";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/errors";
import { normalizePhone, phoneRegion } from "@/lib/phones/normalize";

const REGION_KEY = "phones.region";
const BATCH = 500;

type Row = { id: number | bigint; phone: string };

/** Normalises the phones that need it; returns how many rows it wrote. */
export async function normalizeStoredPhones(client: Db, region: CountryCode = phoneRegion()): Promise<number> {
  const recorded = await client.setting.findUnique({ where: { key: REGION_KEY } });
  const all = recorded?.value !== region;
  let written = 0;
  // A cursor on id, so that a value without digits (whose normal form stays "") is visited once.
  let after = 0;
  for (;;) {
    const filter = all ? Prisma.empty : Prisma.sql`AND "normalized" = ''`;
    const rows = await client.$queryRaw<Row[]>`
      SELECT "id", "phone" FROM "CustomerPhone" WHERE "id" > ${after} ${filter} ORDER BY "id" LIMIT ${BATCH}`;
    if (rows.length === 0) break;
    after = Number(rows.at(-1)?.id);
    const changes = rows.map((r) => ({ id: Number(r.id), normalized: normalizePhone(r.phone, region) }));
    // One statement per batch: a row at a time takes minutes at a hundred thousand customers.
    const cases = changes.map((c) => Prisma.sql`WHEN ${c.id} THEN ${c.normalized}`);
    written += await client.$executeRaw`
      UPDATE "CustomerPhone" SET "normalized" = CASE "id" ${Prisma.join(cases, " ")} ELSE "normalized" END
      WHERE "id" IN (${Prisma.join(changes.map((c) => c.id))})`;
  }
  if (all)
    await client.setting
      .upsert({ where: { key: REGION_KEY }, create: { key: REGION_KEY, value: region }, update: { value: region } })
      // Another instance starting at the same moment recorded it first: the same value.
      .catch((error) => (isUniqueViolation(error) ? null : Promise.reject(error)));
  return written;
}
