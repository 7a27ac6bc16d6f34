// The machine a run measures on, and the load itself: signed vendor calls through autocannon (in a
// process of its own, scripts/bench/cannon.mjs), with each server's own CPU time per request and
// the outcomes it logged.
import { fork, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { log, OPTS } from "./options.mjs";
import { answerLooksRight } from "./requests.mjs";

export function machine() {
  const cpus = os.cpus();
  let distro = `${os.type()} ${os.release()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(fs.readFileSync("/etc/os-release", "utf8"));
    if (pretty) distro = `${pretty[1]} (${os.type()} ${os.release()})`;
  } catch {
    // not Linux
  }
  const sqlite = new Database(":memory:").prepare("select sqlite_version() as v").get().v;
  return {
    cpu: `${cpus[0]?.model ?? "unknown"} (${cpus.length} logical cores${
      cpus[0]?.speed ? `, ${cpus[0].speed} MHz` : ""
    })`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    os: distro,
    sqlite,
    loadStart: os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" "),
  };
}

/**
 * One HTTP request on a fresh connection (no keep-alive pool: a pooled socket that the server
 * closed while idle during a load run would fail the next request). Returns status, headers, text.
 */
export function request(url, { method = "GET", headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        headers: body ? { ...headers, "content-length": Buffer.byteLength(body) } : headers,
        agent: false,
        timeout: 60_000,
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${url}: no answer within 60 s`)));
    req.on("error", reject);
    req.end(body);
  });
}

async function preflight(base, kind, gen) {
  for (let i = 0; i < 3; i++) {
    const req = gen.next();
    const { status, text } = await request(base + req.path, {
      method: req.method,
      headers: req.headers,
      body: req.body,
    });
    if (!answerLooksRight(kind, status, text))
      throw new Error(`${kind}: the server's answer is not a working call (HTTP ${status}): ${text.slice(0, 300)}`);
  }
}

// Each load process starts its sequence numbers past every earlier one's: no two calls of a run alike.
let nextStart = 1_000_000;

/** One cell's load, from a process of its own (scripts/bench/cannon.mjs); autocannon's result. */
export function cannon(base, gen, connections, seconds) {
  const start = nextStart;
  nextStart += 1_000_000;
  return new Promise((resolve, reject) => {
    const child = fork(path.join(path.dirname(fileURLToPath(import.meta.url)), "cannon.mjs"), [], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let answer = null;
    child.once("message", (message) => {
      answer = message;
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (answer?.result) resolve(answer.result);
      else reject(new Error(answer?.error ?? `the load process exited with ${code} and no result`));
    });
    child.send({ base, ...gen.source, start, connections, seconds });
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux only; else NaN). */
const CLOCK_TICKS = (() => {
  const r = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  return Number(r.stdout?.trim()) || 100;
})();
export function cpuSeconds(pid) {
  try {
    // Fields after the command name (which is in parentheses and may hold spaces).
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** The process's children, grandchildren… (Linux: /proc/PID/task/TID/children), with the process first. */
export function processTree(pid) {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      for (const task of fs.readdirSync(`/proc/${pids[i]}/task`)) {
        const children = fs.readFileSync(`/proc/${pids[i]}/task/${task}/children`, "utf8").trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // gone, or not Linux
    }
  }
  return pids;
}

/** CPU seconds of a server and every process under it (the workers of DESKBRIDGE_WORKERS). */
export function treeCpuSeconds(pid) {
  return processTree(pid).reduce((sum, p) => sum + (cpuSeconds(p) || 0), 0);
}

/** One cell: `kind` at `c` connections on target `t` for OPTS.duration seconds, with the server's CPU. */
async function measure(t, gen, kind, c) {
  const cpuBefore = treeCpuSeconds(t.pid);
  const r = await cannon(t.base, gen, c, OPTS.duration);
  const cpu = treeCpuSeconds(t.pid) - cpuBefore;
  const statuses = Object.entries(r.statusCodeStats ?? {})
    .filter(([s]) => !s.startsWith("2"))
    .map(([s, v]) => `${s}×${v.count}`);
  return {
    server: t.name,
    kind,
    connections: c,
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    p99Open: r.latency.p99Open,
    total: r.requests.total,
    cpuMsPerRequest: r.requests.total ? (cpu * 1000) / r.requests.total : NaN,
    cpuShare: cpu / r.duration,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statuses: statuses.join(" "),
  };
}

/**
 * Every kind × concurrency on every target ({name, base, pid}). The targets take turns cell by
 * cell (their order alternating from one kind to the next), so that both see the same
 * background load on a shared machine, and the server's own CPU time per request is measured
 * too: unlike req/s, it hardly depends on what else runs. On a target marked `floorBeside`, each
 * cell is preceded by a floor cell on the same target, kept on the row as `floor`.
 * With `rounds` > 1 (a number, or a function of the concurrency), each target's cell is measured
 * that many times, the order alternating from round to round (A B, B A, A B…; the floor beside a
 * kind before it, then after it), and the rounds are pooled into one row: a comparison then rests
 * on several turns each, not on one cell each.
 */
export async function benchTargets(
  targets,
  gens,
  { kinds = OPTS.kinds, connections = OPTS.connections, rounds = 1 } = {},
) {
  const rows = [];
  for (const [k, kind] of kinds.entries()) {
    const gen = gens[kind];
    const ready = [];
    for (const t of k % 2 ? [...targets].reverse() : targets) {
      try {
        await preflight(t.base, kind, gen);
        if (OPTS.warmup > 0) await cannon(t.base, gen, 16, OPTS.warmup);
        ready.push(t);
      } catch (error) {
        // Reported in the table, and the other kinds still run.
        log(`  ${t.name.padEnd(10)} ${kind.padEnd(16)} FAILED: ${error.message}`);
        for (const c of connections)
          rows.push({ server: t.name, kind, connections: c, failed: error.message.slice(0, 200) });
      }
    }
    for (const c of connections) {
      const measured = new Map(ready.map((t) => [t, []]));
      const floors = new Map(ready.map((t) => [t, []]));
      const turns = typeof rounds === "function" ? rounds(c) : rounds;
      for (let round = 0; round < turns; round++) {
        for (const t of round % 2 ? [...ready].reverse() : ready) {
          // The floor again beside the kind, on the same server: a shared machine's speed drifts
          // within minutes, so each kind's ratio is to the floor measured beside it (before it,
          // then after it, turn about).
          const besideFloor = t.floorBeside && kind !== "floor";
          const floorFirst = round % 2 === 0;
          const before = besideFloor && floorFirst ? await measure(t, gens.floor, "floor", c) : null;
          const row = await measure(t, gen, kind, c);
          const beside = before ?? (besideFloor ? await measure(t, gens.floor, "floor", c) : null);
          measured.get(t).push(row);
          if (beside) floors.get(t).push(beside);
          log(
            `  ${t.name.padEnd(10)} ${kind.padEnd(16)} c=${String(c).padStart(2)}  ` +
              `${row.rps.toFixed(0).padStart(6)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  ` +
              `cpu ${row.cpuMsPerRequest.toFixed(2)} ms/req` +
              (beside
                ? `  (floor ${floorFirst ? "before" : "after"}: ${beside.rps.toFixed(0)} req/s, ` +
                  `${beside.cpuMsPerRequest.toFixed(2)} ms)`
                : "") +
              (row.non2xx || row.errors ? `  non-2xx ${row.non2xx} errors ${row.errors} ${row.statuses}` : ""),
          );
        }
      }
      for (const t of ready) {
        const row = pooled(measured.get(t));
        if (floors.get(t).length) {
          const floor = pooled(floors.get(t));
          row.floor = { rps: floor.rps, cpuMsPerRequest: floor.cpuMsPerRequest, p99: floor.p99 };
        }
        rows.push(row);
      }
    }
  }
  return rows;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Rounds of one cell as one row: requests and CPU summed over the rounds, latencies their median. */
export function pooled(rounds) {
  if (rounds.length === 1) return rounds[0];
  const total = rounds.reduce((sum, r) => sum + r.total, 0);
  const seconds = rounds.reduce((sum, r) => sum + (r.rps > 0 ? r.total / r.rps : 0), 0);
  const cpuMs = rounds.reduce((sum, r) => sum + (r.total ? r.cpuMsPerRequest * r.total : 0), 0);
  return {
    ...rounds[0],
    rps: seconds > 0 ? total / seconds : 0,
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    p99Open: median(rounds.map((r) => r.p99Open)),
    total,
    cpuMsPerRequest: total ? cpuMs / total : NaN,
    cpuShare: seconds > 0 ? cpuMs / 1000 / seconds : NaN,
    non2xx: rounds.reduce((sum, r) => sum + r.non2xx, 0),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    timeouts: rounds.reduce((sum, r) => sum + r.timeouts, 0),
    statuses: [...new Set(rounds.flatMap((r) => (r.statuses ? r.statuses.split(" ") : [])))].join(" "),
    rounds: rounds.length,
  };
}

/** What the server logged for the benchmarked calls, per vendor/kind and outcome. */
export function loggedOutcomes(dbFile) {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  const rows = db
    .prepare(
      'SELECT vendor, kind, outcome, status, COUNT(*) AS n FROM "Call" GROUP BY vendor, kind, outcome, status ' +
        "ORDER BY vendor, kind, n DESC",
    )
    .all();
  db.close();
  return rows;
}
