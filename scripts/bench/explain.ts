// The SQL behind the Customers search and the Calls list, with SQLite's query plan and the time
// each statement takes on a given database: for finding out why a dashboard page is slow.
//
//   node --conditions=react-server --import tsx scripts/bench/explain.ts DB_FILE \
//     customers "q=王芳" calls "vendor=udesk&outcome=ok"
//
// Each pair is a page (customers or calls) and its URL query. run.mjs calls this for the pages
// that miss their goal, and puts the output in docs/benchmarks.md.
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/sqlite/client";
import { listCustomers, listLabels } from "@/lib/customers/customers";
import { listQuery } from "@/lib/customers/schemas";
import { callQuery, listCalls } from "@/lib/calls/query";

type Captured = { sql: string; params: unknown[] };

async function main() {
  const [file, ...pairs] = process.argv.slice(2);
  if (!file || pairs.length === 0 || pairs.length % 2) {
    console.error('usage: explain.ts DB_FILE (customers|calls) "QUERY" …');
    process.exit(2);
  }
  const client = new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url: file }),
    log: [{ emit: "event", level: "query" }],
  });
  let captured: Captured[] = [];
  client.$on("query", (e) => {
    let params: unknown[] = [];
    try {
      params = JSON.parse(e.params);
    } catch {
      // leave empty
    }
    captured.push({ sql: e.query, params });
  });
  const raw = new Database(file, { readonly: true });
  const out: string[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const [page, query] = [pairs[i], pairs[i + 1]];
    const search = Object.fromEntries(new URLSearchParams(query));
    captured = [];
    const started = performance.now();
    if (page === "customers") await Promise.all([listCustomers(client, listQuery.parse(search)), listLabels(client)]);
    else await listCalls(client, callQuery.parse(search));
    const total = performance.now() - started;
    out.push(`#### ${page}?${query}: ${captured.length} statements, ${total.toFixed(0)} ms through Prisma`);
    out.push("");
    for (const { sql, params } of captured) {
      const values = params.map((p) => (typeof p === "boolean" ? Number(p) : p));
      let ms = NaN;
      let plan = "";
      try {
        const statement = raw.prepare(sql);
        const times: number[] = [];
        for (let k = 0; k < 3; k++) {
          const t = performance.now();
          if (statement.reader) statement.all(...values);
          times.push(performance.now() - t);
        }
        ms = times.sort((a, b) => a - b)[1];
        const rows = raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values) as {
          id: number;
          parent: number;
          detail: string;
        }[];
        // Indented by the plan's tree depth, like the sqlite3 shell.
        const depth = (r: { parent: number }): number =>
          r.parent ? 1 + depth(rows.find((x) => x.id === r.parent) ?? { parent: 0 }) : 0;
        plan = rows.map((r) => `${"  ".repeat(depth(r))}${r.detail}`).join("\n");
      } catch (error) {
        plan = `(could not explain: ${(error as Error).message})`;
      }
      const text = sql.replace(/\s+/g, " ").trim();
      out.push(
        `- ${ms.toFixed(1)} ms: \`${text.length > 600 ? `${text.slice(0, 600)}…` : text}\` ` +
          `${params.length ? `params ${JSON.stringify(params).slice(0, 200)}` : ""}`,
      );
      out.push("");
      out.push("  ```");
      out.push(plan.replace(/^/gm, "  "));
      out.push("  ```");
    }
    out.push("");
  }
  raw.close();
  await client.$disconnect();
  process.stdout.write(`${out.join("\n")}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
