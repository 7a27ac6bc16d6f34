// docs/benchmarks.md: the goals' verdicts first, then the tables behind them.
import { GOALS, OPTS } from "./options.mjs";
import { floorSection, fmt, yes } from "./report-floor.mjs";

export function report({
  info,
  started,
  finished,
  setupNotes,
  deskRows,
  baseRows,
  variantRows = [],
  pgRows = [],
  pgSkipped = null,
  largeCrm = [],
  outcomes,
  baseOutcomes,
  profile,
  large,
  pages,
  explained,
}) {
  const lines = [];
  const p = (s = "") => lines.push(s);
  p("# Benchmarks");
  p();
  p("Written by `npm run bench` (scripts/bench/run.mjs) on every run: do not edit by hand. See the");
  p("README's *Benchmarks* section for what is measured and how to run it.");
  p();
  p(
    `Run: ${started.toISOString().slice(0, 16).replace("T", " ")} UTC, ` +
      `${((finished - started) / 60000).toFixed(1)} min.`,
  );
  p();
  p("| machine | |");
  p("|---|---|");
  p(`| CPU | ${info.cpu} |`);
  p(`| memory | ${info.memory} |`);
  p(`| OS | ${info.os} |`);
  p(`| Node.js | ${info.node} |`);
  p(`| SQLite | ${info.sqlite} (better-sqlite3), WAL, synchronous=NORMAL |`);
  p(`| load average (1/5/15 min) | at start ${info.loadStart}; at end ${info.loadEnd} |`);
  p();
  p(`The machine is shared: the load average shows how much else ran. The load generator (autocannon, in`);
  p(`a process of its own, with every request signed and encrypted before the cell's clock starts) runs`);
  p(`on the same cores as the server under test.`);
  p();
  // The verdicts first; the tables below hold the numbers.
  const c16 = OPTS.connections.includes(16) ? 16 : OPTS.connections[Math.min(1, OPTS.connections.length - 1)];
  const floor = floorSection(deskRows, variantRows);
  const floorPg = floorSection(pgRows, [], "PostgreSQL");
  const verdicts = [...floor.verdicts, ...floorPg.verdicts];
  if (pgSkipped) verdicts.push(`PostgreSQL: not measured (${pgSkipped})`);
  for (const database of ["SQLite", "PostgreSQL"])
    for (const [group, goal, label] of [
      ["search", GOALS.searchP95Ms, "Customer search"],
      ["calls", GOALS.callsP95Ms, "Calls pages"],
    ]) {
      const p95s = pages.filter((x) => x.group === group && (x.database ?? "SQLite") === database).map((x) => x.p95);
      if (p95s.length)
        verdicts.push(
          `${label} on the large data (${database}) p95 < ${goal} ms: ${yes(p95s.every((x) => x < goal))} ` +
            `(worst ${fmt(Math.max(...p95s))} ms)`,
        );
    }
  if (verdicts.length) {
    p("## Goals");
    p();
    for (const v of verdicts) p(`- ${v}`);
    p();
  }

  for (const note of setupNotes) p(note);
  if (setupNotes.length) p();
  for (const line of floor.lines) p(line);
  if (floorPg.lines.length) {
    p(
      "The same calls on PostgreSQL (the seeded SQLite database copied into a fresh database that Deskbridge's " +
        "migrations created; server on the same machine, over TCP):",
    );
    p();
    for (const line of floorPg.lines) p(line);
  }

  if (deskRows.length) {
    const kinds = [...new Set(deskRows.map((r) => r.kind))];
    const find = (rows, kind, c) => rows.find((r) => r.kind === kind && r.connections === c);
    p("## Vendor callbacks: every cell, and Deskbridge against the baseline");
    p();
    p(
      `Concurrency ${c16}, ${OPTS.duration} s per cell. For comparison only (the goals are ratios to the floor): ` +
        "the baseline (scripts/bench/baseline.mjs) is node:http + better-sqlite3 doing the same work by hand.",
    );
    p(
      "The two servers took turns cell by cell, so both met the same background load. " +
        "*CPU ms/req* is the server process's own CPU time",
    );
    p(
      "(user + system) divided by the requests it answered: it hardly depends on the machine's load, " +
        "and the *CPU ratio* (baseline ÷ Deskbridge)",
    );
    p("is the throughput ratio to expect when each server has a core to itself.");
    if (OPTS.profile) p("Deskbridge ran under `node --cpu-prof` (BENCH_PROFILE=1), which costs it a few percent.");
    p();
    p(
      "| call kind | Deskbridge req/s | baseline req/s | ratio | Deskbridge p99 ms " +
        `| baseline p99 ms | Deskbridge p99 ms at c=${OPTS.connections[0]} ` +
        "| Deskbridge CPU ms/req | baseline CPU ms/req | CPU ratio |",
    );
    p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const kind of kinds) {
      const d = find(deskRows, kind, c16);
      const b = find(baseRows, kind, c16);
      const ratio = d && b ? d.rps / b.rps : NaN;
      const cell = (r, value) => (r?.failed ? "**failed**" : value);
      p(
        `| ${kind} | ${cell(d, fmt(d?.rps))} | ${cell(b, fmt(b?.rps))} | ${fmt(ratio, 2)} ` +
          `| ${cell(d, fmt(d?.p99))} | ${cell(b, fmt(b?.p99))} ` +
          `| ${fmt(find(deskRows, kind, OPTS.connections[0])?.p99)} | ${cell(d, fmt(d?.cpuMsPerRequest, 2))} ` +
          `| ${cell(b, fmt(b?.cpuMsPerRequest, 2))} ` +
          `| ${fmt(b && d ? b.cpuMsPerRequest / d.cpuMsPerRequest : NaN, 2)} |`,
      );
    }
    p();
    p(
      "Every cell (req/s = completed responses per second; latencies in ms; " +
        "any non-2xx answer or socket error is counted and shown):",
    );
    p();
    p("| call kind | server | connections | req/s | p50 | p99 | CPU ms/req | requests | non-2xx | errors |");
    p("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const kind of kinds) {
      for (const rows of [deskRows, pgRows, baseRows]) {
        for (const r of rows.filter((x) => x.kind === kind)) {
          if (r.failed) {
            p(
              `| ${kind} | ${r.server} | ${r.connections} | **failed** | | | | | ` +
                `| ${r.failed.replace(/\|/g, "\\|").replace(/\n/g, " ")} |`,
            );
            continue;
          }
          const bad = r.non2xx || r.errors || r.timeouts;
          p(
            `| ${kind} | ${r.server} | ${r.connections} | ${fmt(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p99)} ` +
              `| ${fmt(r.cpuMsPerRequest, 2)} | ${r.total} ` +
              `| ${bad ? `**${r.non2xx}**${r.statuses ? ` (${r.statuses})` : ""}` : 0} ` +
              `| ${r.errors || r.timeouts ? `**${r.errors}** (${r.timeouts} timeouts)` : 0} |`,
          );
        }
      }
    }
    p();
    if (outcomes.length) {
      p(
        "Outcomes Deskbridge logged for these calls (each request is one call in its call log; " +
          "the baseline logs one row per request too):",
      );
      p();
      p("| vendor / kind | outcome | HTTP | calls (Deskbridge) | calls (baseline) |");
      p("|---|---|---:|---:|---:|");
      for (const o of outcomes) {
        const b = baseOutcomes.find(
          (x) => x.vendor === o.vendor && x.kind === o.kind && x.outcome === o.outcome && x.status === o.status,
        );
        p(`| ${o.vendor} / ${o.kind} | ${o.outcome} | ${o.status} | ${o.n} | ${b?.n ?? "–"} |`);
      }
      p();
    }
  }

  if (profile) {
    p("## Where Deskbridge's time goes (CPU profile of the server during the callback runs)");
    p();
    p(
      `\`node --cpu-prof\` on the server process; ${fmt(profile.busyMs / 1000, 1)} s of CPU busy time ` +
        `over ${fmt(profile.totalMs / 1000, 1)} s. Self time, as a share of busy time.`,
    );
    p();
    p("| package / location | self time | share |");
    p("|---|---:|---:|");
    for (const x of profile.packages) p(`| ${x.where} | ${fmt(x.ms)} ms | ${x.share} |`);
    p();
    p("| function | where | share |");
    p("|---|---|---:|");
    for (const f of profile.functions)
      p(`| \`${f.name.replace(/\|/g, "\\|")}\` | ${f.where.replace(/\|/g, "\\|")} | ${f.share} |`);
    p();
  }

  if (large) {
    p("## Large data: dashboard pages");
    p();
    p(
      `${large.customers.toLocaleString("en")} customers and ${large.calls.toLocaleString("en")} logged calls ` +
        `in the database (${OPTS.largeCustomers.toLocaleString("en")} and ${OPTS.largeCalls.toLocaleString("en")} ` +
        `of them seeded in ${fmt(large.seconds, 1)} s, straight into SQLite:`,
    );
    p(
      `mixed vendors, kinds and outcomes over ${large.months} months; ` +
        "bodies of calls older than 30 days pruned, as retention does).",
    );
    p(
      `Signed in as an admin, ${OPTS.pageRequests} sequential requests per page after 3 unmeasured ones; ` +
        "the time is the whole server-rendered page, read to the end.",
    );
    p(
      `Goals: p95 under ${GOALS.searchP95Ms} ms for customer search, under ${GOALS.callsP95Ms} ms for the Calls pages.`,
    );
    p();
    p("| database | page | URL | p50 ms | p95 ms | max ms | goal met? |");
    p("|---|---|---|---:|---:|---:|:-:|");
    for (const x of pages) {
      const goal = x.group === "search" ? GOALS.searchP95Ms : GOALS.callsP95Ms;
      p(
        `| ${x.database ?? "SQLite"} | ${x.label} | \`${x.url.length > 60 ? `${x.url.slice(0, 57)}…` : x.url}\` ` +
          `| ${fmt(x.p50)} | ${fmt(x.p95)} | ${fmt(x.max)} | ${yes(x.p95 < goal)} (< ${goal}) |`,
      );
    }
    p();
    if (largeCrm.length) {
      p(
        "The Sobot CRM lookup on the large data (concurrency 16), against the same lookup on a second server " +
          "with a copy of the small data set (as the callbacks above left it), the two taking turns " +
          `(${OPTS.variantRounds} each, pooled: p99 is the median of the turns'); ` +
          `goal: p99 at most ${GOALS.largeCrmP99} × the small data set's.`,
      );
      p();
      p("| database | req/s | p99 ms | p99 ms, small data | × small | goal met? |");
      p("|---|---:|---:|---:|---:|:-:|");
      for (const x of largeCrm) {
        const small =
          x.small ??
          (x.database === "SQLite" ? deskRows : pgRows).find(
            (r) => r.kind === "sobot-crm" && r.connections === 16 && !r.failed,
          );
        const ratio = small && !x.failed ? x.p99 / small.p99 : NaN;
        p(
          `| ${x.database} | ${x.failed ? "**failed**" : fmt(x.rps)} | ${fmt(x.p99)} | ${fmt(small?.p99)} ` +
            `| ${fmt(ratio, 2)} | ${yes(ratio <= GOALS.largeCrmP99)} |`,
        );
      }
      p();
    }
    if (explained) {
      p("### The SQL behind the pages that missed their goal");
      p();
      p(
        "Each statement Prisma ran for the page's query (captured from its query log), " +
          "its time when run again alone on the same database (median of 3),",
      );
      p(
        "and SQLite's `EXPLAIN QUERY PLAN` (scripts/bench/explain.ts). " +
          "The page time also includes the session check, rendering and the load of the machine.",
      );
      p();
      p(explained.trim());
      p();
    }
  }
  return lines.join("\n");
}
