// The callbacks against the floor (GET /api/live in the same build, on the same server): the
// goals' ratios, and the runs under other settings (workers, call log off) at concurrency 16.
import { GOALS, OPTS, WEBHOOK_KINDS } from "./options.mjs";

export const fmt = (x, digits = 0) =>
  x === undefined || x === null || Number.isNaN(x) || !Number.isFinite(x) ? "–" : Number(x).toFixed(digits);
export const yes = (ok) => (ok ? "✅ yes" : "❌ no");
const ok = (r) => r && !r.failed;
const clean = (r) => ok(r) && !r.non2xx && !r.errors;
const find = (rows, kind, c) => rows.find((r) => r.kind === kind && r.connections === c);
const worst = (pairs, better) =>
  pairs.reduce((w, x) => (w === null || !better(w[1], x[1]) ? x : w), null) ?? ["–", NaN];

/** { verdicts: string[], lines: string[] } for the floor comparison; empty without floor rows. */
export function floorSection(deskRows, variantRows, database = "SQLite") {
  const out = { verdicts: [], lines: [] };
  const floor16 = find(deskRows, "floor", 16);
  const floor64 = find(deskRows, "floor", 64);
  const kinds = [...new Set(deskRows.map((r) => r.kind))].filter((k) => k !== "floor");
  if (!ok(floor16) || !kinds.length) {
    if (deskRows.length)
      out.verdicts.push(`${database}: no floor at concurrency 16 was measured: no goal can be checked.`);
    return out;
  }
  const goalRatio = (kind) => (WEBHOOK_KINDS.has(kind) ? GOALS.webhookRatio : GOALS.readOnlyRatio);
  const cells = kinds.map((kind) => {
    const d = find(deskRows, kind, 16);
    const d64 = find(deskRows, kind, 64);
    // The floor measured right before this kind (load.mjs), else the first floor cell.
    const f = d?.floor ?? floor16;
    return {
      kind,
      d,
      d64,
      f,
      ratio: ok(d) ? d.rps / f.rps : NaN,
      cpuRatio: ok(d) ? d.cpuMsPerRequest / f.cpuMsPerRequest : NaN,
      p99Ratio: ok(d) ? d.p99 / f.p99 : NaN,
    };
  });
  const v = out.verdicts;
  for (const [label, group] of [
    ["Read-only kinds", cells.filter((c) => !WEBHOOK_KINDS.has(c.kind))],
    ["Webhook push", cells.filter((c) => WEBHOOK_KINDS.has(c.kind))],
  ]) {
    if (!group.length) continue;
    const goal = goalRatio(group[0].kind);
    const [kind, ratio] = worst(
      group.map((c) => [c.kind, c.ratio]),
      (a, b) => a <= b,
    );
    v.push(
      `${label} (${database}): throughput at concurrency 16 ≥ ${goal} × the floor's: ` +
        `${yes(group.every((c) => c.ratio >= goal && clean(c.d)))} (lowest ${fmt(ratio, 2)}×, ${kind})`,
    );
  }
  const [p99Kind, p99Ratio] = worst(
    cells.map((c) => [c.kind, c.p99Ratio]),
    (a, b) => a >= b,
  );
  v.push(
    `p99 at concurrency 16 ≤ ${GOALS.p99VsFloor} × the floor's beside it (${database}): ` +
      `${yes(cells.every((c) => c.p99Ratio <= GOALS.p99VsFloor))} (highest ${fmt(p99Ratio, 1)}×, ${p99Kind})`,
  );
  if (OPTS.connections.includes(64)) {
    const highest = (of) =>
      worst(
        cells.map((c) => [c.kind, ok(c.d64) ? of(c.d64) : NaN]),
        (a, b) => a >= b,
      );
    const [kind64, p99] = highest((d) => d.p99);
    const [kindOpen, p99Open] = highest((d) => d.p99Open);
    v.push(
      `p99 at concurrency 64 < ${GOALS.p99C64Ms} ms (${database}): ` +
        `${yes(cells.every((c) => clean(c.d64) && c.d64.p99 < GOALS.p99C64Ms))} (highest ${fmt(p99)} ms, ${kind64}; ` +
        `on connections already open, highest ${fmt(p99Open)} ms, ${kindOpen})`,
    );
  }

  const p = (s = "") => out.lines.push(s);
  p(`## Vendor callbacks against the floor: ${database}`);
  p();
  p(
    "The floor is `GET /api/live`, a route that touches nothing, on the same server in the same build: " +
      "what the framework itself costs. A shared machine's speed drifts within minutes, so the floor is " +
      "measured again beside each kind, and each ratio is to the floor beside it (its own columns)" +
      (OPTS.rounds > 1
        ? `. At concurrency 16, where the goals are, the kind and its floor take ${OPTS.rounds} turns each ` +
          "(the floor before the kind, then after it, in turn), pooled: requests and CPU summed, p99 the " +
          "median of the turns'."
        : "."),
  );
  p(
    `Goals at concurrency 16: read-only kinds ≥ ${GOALS.readOnlyRatio} × the floor's req/s, the webhook push ` +
      `≥ ${GOALS.webhookRatio} ×, p99 ≤ ${GOALS.p99VsFloor} × the floor's; at concurrency 64, p99 < ` +
      `${GOALS.p99C64Ms} ms. *CPU ms/req* is the server's own CPU time (user + system) per answered request; ` +
      "*× floor CPU* is how many floors one call costs. *open* is the p99 of every answer but each " +
      "connection's first: Node.js (libuv 1.45 and later) accepts one connection per turn of a busy event loop, so " +
      "of 64 connections opened at once the last ones are taken in seconds later, the floor's as much as any kind's.",
  );
  p();
  p(
    "| call kind | req/s c=16 | floor beside: req/s, CPU ms, p99 ms | × floor | goal met? | CPU ms/req " +
      "| × floor CPU | p99 ms c=16 | × floor p99 | goal met? | p99 ms c=64 | open | goal met? |",
  );
  p("|---|---:|---:|---:|:-:|---:|---:|---:|---:|:-:|---:|---:|:-:|");
  p(
    `| **floor** (GET /api/live), first cell | ${fmt(floor16.rps)} | | 1.00 | | ` +
      `${fmt(floor16.cpuMsPerRequest, 2)} | 1.0 | ${fmt(floor16.p99)} | 1.0 | | ${fmt(floor64?.p99)} ` +
      `| ${fmt(floor64?.p99Open)} | |`,
  );
  for (const c of cells) {
    if (!ok(c.d)) {
      p(`| ${c.kind} | **failed** | | | ❌ no | | | | | | | |`);
      continue;
    }
    p(
      `| ${c.kind} | ${fmt(c.d.rps)} | ${fmt(c.f.rps)}, ${fmt(c.f.cpuMsPerRequest, 2)}, ${fmt(c.f.p99)} ` +
        `| ${fmt(c.ratio, 2)} | ${yes(c.ratio >= goalRatio(c.kind) && clean(c.d))} ` +
        `(≥ ${goalRatio(c.kind)}) | ${fmt(c.d.cpuMsPerRequest, 2)} | ${fmt(c.cpuRatio, 1)} | ${fmt(c.d.p99)} ` +
        `| ${fmt(c.p99Ratio, 1)} | ${yes(c.p99Ratio <= GOALS.p99VsFloor)} | ${fmt(c.d64?.p99)} ` +
        `| ${fmt(c.d64?.p99Open)} | ${c.d64 ? yes(clean(c.d64) && c.d64.p99 < GOALS.p99C64Ms) : "–"} |`,
    );
  }
  p();
  variantLines(variantRows, out);
  return out;
}

function variantLines(variantRows, out) {
  const keys = [...new Set(variantRows.map((r) => r.variant))];
  if (!keys.length) return;
  const p = (s = "") => out.lines.push(s);
  p("## Workers and the call log");
  p();
  p(
    "Each kind again at concurrency 16 on a server with one setting changed (on a copy of the database), " +
      "beside a reference server with the default settings (one process, call log on); the two took turns " +
      "cell by cell, so both met the same background load" +
      (OPTS.variantRounds > 1
        ? `; each row pools ${OPTS.variantRounds} turns of its server, in alternating order (A B, B A, …).`
        : "."),
  );
  p();
  p("| setting | call kind | req/s | reference req/s | × reference | p99 ms | CPU ms/req | reference CPU ms/req |");
  p("|---|---|---:|---:|---:|---:|---:|---:|");
  const costs = [];
  const ups = [];
  let floorSpread = null;
  for (const key of keys) {
    const refs = variantRows.filter((x) => x.variant === key && x.role === "reference");
    for (const r of variantRows.filter((x) => x.variant === key && x.role === "variant")) {
      const one = refs.find((x) => x.kind === r.kind);
      if (!ok(r) || !ok(one)) {
        p(`| ${r.label} | ${r.kind} | **failed** | | | | | |`);
        continue;
      }
      if (r.kind !== "floor" && key === "no-log")
        costs.push([r.kind, 1 - r.cpuMsPerRequest / one.cpuMsPerRequest, 1 - one.rps / r.rps]);
      // The floor logs nothing: its difference between the two servers is the measurement's own.
      if (r.kind === "floor" && key === "no-log") floorSpread = 1 - r.cpuMsPerRequest / one.cpuMsPerRequest;
      if (r.kind !== "floor" && key === "workers") ups.push(r.rps / one.rps);
      p(
        `| ${r.label} | ${r.kind} | ${fmt(r.rps)} | ${fmt(one.rps)} | ${fmt(r.rps / one.rps, 2)} | ${fmt(r.p99)} ` +
          `| ${fmt(r.cpuMsPerRequest, 2)} | ${fmt(one.cpuMsPerRequest, 2)} |`,
      );
    }
  }
  p();
  if (ups.length)
    out.verdicts.push(
      `Speed-up from 1 to ${OPTS.workers} workers at concurrency 16 (no goal; the machine's cores are shared ` +
        `with the load generator): ${fmt(Math.min(...ups), 2)}–${fmt(Math.max(...ups), 2)}×`,
    );
  if (costs.length) {
    const [kind, share, rpsShare] = costs.reduce((w, x) => (x[1] > w[1] ? x : w));
    const noisy = costs.some((c) => c[1] < -0.05);
    out.verdicts.push(
      `The call log costs < ${GOALS.loggingCost * 100}% of a call's server CPU: ` +
        `${noisy ? "⚠️ unclear" : yes(costs.every((c) => c[1] < GOALS.loggingCost))} ` +
        `(highest ${fmt(share * 100)}%, ${kind}; ` +
        `${fmt(rpsShare * 100)}% of its throughput` +
        (floorSpread === null
          ? ""
          : `; the floor, which logs nothing, measured ${fmt(Math.abs(floorSpread) * 100)}% ` +
            `${floorSpread > 0 ? "cheaper" : "dearer"} with the switch on: the measurement's own spread`) +
        ")" +
        (noisy
          ? "; some kinds cost less with logging on, so the run was noisy: measure again on a quieter machine"
          : ""),
    );
  }
}
