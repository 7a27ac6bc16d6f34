// Customer search on PostgreSQL among many customers, where the planner's choices are what an operator
// waits for.
// - A whole email address pasted in ("ul20000@outlook.com"): pg_trgm's index reads the row list of every
//   trigram it is given, and the domain's ("com", "out", "ook") are in a large share of the rows; the part
//   before the "@" is what tells one customer from another.
// - A search that finds a few customers among many: they are looked up, not joined against every customer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchingCustomerIds } from "@/lib/customers/customers";
import { listQuery } from "@/lib/customers/schemas";
import { amongMatches, searchMatches } from "@/lib/customers/search";
import { Prisma } from "@/lib/generated/sqlite/client";
import { createDatabase, postgresUnavailable, type TestDatabase } from "@/lib/testing/databases";

const CUSTOMERS = 60_000;
const DOMAINS = ["outlook.com", "gmail.com", "163.com"];

type Node = {
  "Relation Name"?: string;
  "Shared Hit Blocks": number;
  "Shared Read Blocks": number;
  Plans?: Node[];
};
/** The pages read by the plan's scans of `table` (a node's count includes its children's). */
const pagesOf = (node: Node, table: string): number =>
  node["Relation Name"] === table
    ? node["Shared Hit Blocks"] + node["Shared Read Blocks"]
    : (node.Plans ?? []).reduce((sum, child) => sum + pagesOf(child, table), 0);

describe.skipIf(await postgresUnavailable())("customer search among 60,000 customers on PostgreSQL", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase("postgresql");
    // Straight into the tables: the indexes are the point here, not how customers are made.
    await t.db.$executeRawUnsafe(
      `INSERT INTO "Customer" ("id", "uname", "realname", "createdAt", "updatedAt")
       SELECT n, 'customer' || n, CASE WHEN n % 50 = 0 THEN '王芳' ELSE '' END, now(), now()
       FROM generate_series(1, ${CUSTOMERS}) AS n`,
    );
    await t.db.$executeRawUnsafe(
      `INSERT INTO "CustomerEmail" ("customerId", "position", "email")
       SELECT n, 0, 'ul' || n || '@' || (ARRAY['${DOMAINS.join("','")}'])[1 + n % ${DOMAINS.length}]
       FROM generate_series(1, ${CUSTOMERS}) AS n`,
    );
    // Two that contain the address without being it, one with the same name at another domain.
    await t.db.$executeRawUnsafe(
      `UPDATE "CustomerEmail" SET "email" = CASE "customerId" WHEN 7 THEN 'paul20000@outlook.com'
         WHEN 8 THEN 'ul20000@outlook.com.cn' WHEN 9 THEN 'ul20000@gmail.com' END WHERE "customerId" IN (7, 8, 9)`,
    );
    // Rows newly written wait in the indexes' pending lists, which every search reads in full: VACUUM
    // moves them into the indexes, as autovacuum does for a table in use.
    for (const table of ["Customer", "CustomerEmail"]) await t.db.$executeRawUnsafe(`VACUUM ANALYZE "${table}"`);
  }, 120_000);
  afterAll(async () => {
    await t?.drop();
  });

  /** The pages (index and table) the search for `q` reads to find the emails that contain it. */
  async function emailPagesRead(q: string): Promise<number> {
    const [row] = await t.db.$queryRaw<{ "QUERY PLAN": { Plan: Node }[] }[]>(
      Prisma.sql`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${searchMatches(t.db, q)}`,
    );
    return pagesOf(row["QUERY PLAN"][0].Plan, "CustomerEmail");
  }

  it("finds every email that contains the address, and only those", async () => {
    const found = async (q: string) => matchingCustomerIds(t.db, listQuery.parse({ q, sort: "id", dir: "asc" }));
    // 20000 % 3 = 2: ul20000@163.com is customer 20000's; the others are the three edited above.
    expect(await found("ul20000@outlook.com")).toEqual([7, 8]);
    expect(await found("UL20000@GMAIL.COM")).toEqual([9]);
    expect(await found("ul20000@163.com")).toEqual([20000]);
    expect(await found("ul20000@")).toEqual([7, 8, 9, 20000]);
    // A part before the "@" too short to find anything by: the whole text is searched.
    expect(await found("l4@gmail.com")).toEqual([4]);
    expect(await found("ul4@gmail.com")).toEqual([4]);
    // Every third customer is at 163.com, but for customer 8 (edited above).
    expect((await found("@163.com")).length).toBe(CUSTOMERS / 3 - 1);
  });

  it("reads about as many pages for a whole address as for its part before the @", async () => {
    await emailPagesRead("ul20000@outlook.com"); // the catalog and the pages read once alike
    const local = await emailPagesRead("ul20000");
    const whole = await emailPagesRead("ul20000@outlook.com");
    const domain = await emailPagesRead("outlook.com");
    console.info(`[search-scale] email pages read: "ul20000" ${local}, the address ${whole}, "outlook.com" ${domain}`);
    expect(domain).toBeGreaterThan(local * 10); // the domain is what is common
    // Before, the domain's trigrams were read from the index too: 156 pages here, 1,300 among a million.
    expect(whole).toBeLessThanOrEqual(local * 1.5 + 5);
  });

  it("looks up the few customers a search finds instead of reading every customer", async () => {
    // The page's statement (lib/customers/customers.ts, searchIds): the matches, then their customers in order.
    const page = Prisma.sql`WITH "matches" ("id") AS (${searchMatches(t.db, "王芳")})
      SELECT c."id", COUNT(*) OVER () AS "total" FROM "Customer" AS c WHERE ${amongMatches(t.db)}
      ORDER BY c."updatedAt" DESC, c."id" DESC LIMIT 20`;
    const [row] = await t.db.$queryRaw<{ "QUERY PLAN": { Plan: Node }[] }[]>(
      Prisma.sql`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${page}`,
    );
    const scans = (n: Node & { "Node Type"?: string }): string[] => [
      ...(n["Node Type"] === "Seq Scan" ? [n["Relation Name"] ?? ""] : []),
      ...(n.Plans ?? []).flatMap(scans),
    ];
    const plan = row["QUERY PLAN"][0].Plan;
    // Before, the planner could not tell how few they are: it read all 60,000 customers to hash-join 1,200.
    expect(scans(plan)).not.toContain("Customer");
    const rows = await t.db.$queryRaw<{ id: number; total: bigint }[]>(page);
    expect(rows.map((r) => Number(r.total))).toEqual(Array(20).fill(CUSTOMERS / 50));
  });

  it("keeps the text indexes' lists of rows not yet merged short: every search reads them whole", async () => {
    // pg_trgm's GIN indexes keep new entries in a pending list until it reaches gin_pending_list_limit
    // (4 MB by default, some 500 pages per index, twelve indexes) or autovacuum merges it; every search
    // reads the whole list. 2,000 new customers, as an import or a day of pushes would write them:
    await t.db.$executeRawUnsafe(
      `INSERT INTO "Customer" ("id", "uname", "realname", "createdAt", "updatedAt")
       SELECT n, 'newcomer' || n, '李娜' || n, now(), now() FROM generate_series(100001, 102000) AS n`,
    );
    await t.db.$executeRawUnsafe(
      `INSERT INTO "CustomerEmail" ("customerId", "position", "email")
       SELECT n, 0, 'newcomer' || n || '@example.com' FROM generate_series(100001, 102000) AS n`,
    );
    const [row] = await t.db.$queryRaw<{ "QUERY PLAN": { Plan: Node }[] }[]>(
      Prisma.sql`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${searchMatches(t.db, "xqzjw")}`,
    );
    const plan = row["QUERY PLAN"][0].Plan;
    const pages = plan["Shared Hit Blocks"] + plan["Shared Read Blocks"];
    console.info(`[search-scale] pages read by a search that finds nothing, after 2,000 new customers: ${pages}`);
    // Before: 4 MB lists, and this search read some 500 pages; with 64 kB lists, at most 8 pages per index.
    expect(pages).toBeLessThan(150);
    // The new customers are found, through the lists or the indexes.
    const found = await matchingCustomerIds(t.db, listQuery.parse({ q: "newcomer101999@" }));
    expect(found).toEqual([101999]);
  });
});
