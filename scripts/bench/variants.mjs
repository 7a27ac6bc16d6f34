// The same callbacks under other server settings, at concurrency 16 only:
//   - DESKBRIDGE_WORKERS=N (BENCH_WORKERS, default 2): the speed-up of N worker processes;
//   - the call log off (DESKBRIDGE_BENCH_NO_CALL_LOG, honoured only on the bench's own database):
//     what logging costs.
// Each variant runs beside a reference server (one process, call log on, the default settings),
// on a copy of the same database and on the baseline's port, the two taking turns cell by cell
// so that both meet the same background load, BENCH_VARIANT_ROUNDS times each (default 3): what
// logging costs is a few tenths of a millisecond, less than one cell's drift on a shared machine.
import fs from "node:fs";
import path from "node:path";
import { benchTargets } from "./load.mjs";
import { log, OPTS, TMP } from "./options.mjs";
import { startDeskbridge, stopProcess } from "./processes.mjs";
import { openDb } from "./seed.mjs";

export function variantsToRun() {
  const variants = [];
  if (OPTS.workers > 1)
    variants.push({
      key: "workers",
      label: `${OPTS.workers} workers (DESKBRIDGE_WORKERS=${OPTS.workers})`,
      env: { DESKBRIDGE_WORKERS: String(OPTS.workers) },
    });
  if (!OPTS.skipNoLog)
    variants.push({
      key: "no-log",
      label: "call log off (DESKBRIDGE_BENCH_NO_CALL_LOG)",
      env: { DESKBRIDGE_BENCH_NO_CALL_LOG: "drop-every-call" },
    });
  return variants;
}

/** A copy of the bench's SQLite database under scripts/bench/.tmp, as it is now. */
export function copyDb(dbFile, name) {
  const copy = path.join(TMP, name);
  fs.rmSync(copy, { force: true });
  const db = openDb(dbFile);
  db.exec(`VACUUM INTO '${copy.replace(/'/g, "''")}'`);
  db.close();
  return copy;
}

/** Rows of every variant and of its reference: {variant, role: "reference" | "variant", kind, rps, …}. */
export async function benchVariants(app, dbFile, gens) {
  const rows = [];
  for (const variant of variantsToRun()) {
    log(`bench: ${variant.label} beside one process with the call log on, c=16`);
    const variantDb = copyDb(dbFile, `variant-${variant.key}.db`);
    const servers = [];
    try {
      const reference = await startDeskbridge(app);
      servers.push(reference);
      const other = await startDeskbridge(
        { ...app, ...variant.env, DATABASE_URL: `file:${variantDb}` },
        { port: OPTS.baselinePort, name: `deskbridge-${variant.key}` },
      );
      servers.push(other);
      const targets = [
        { name: "reference", base: `http://127.0.0.1:${OPTS.port}`, pid: reference.pid },
        { name: variant.key, base: `http://127.0.0.1:${OPTS.baselinePort}`, pid: other.pid },
      ];
      for (const row of await benchTargets(targets, gens, { connections: [16], rounds: OPTS.variantRounds }))
        rows.push({
          ...row,
          variant: variant.key,
          label: variant.label,
          role: row.server === "reference" ? "reference" : "variant",
        });
    } finally {
      for (const server of servers) await stopProcess(server);
    }
  }
  return rows;
}

/**
 * The Sobot CRM lookup at concurrency 16 on the large data's server (already running), beside a
 * server on the small data set (`small`: its DATABASE_URL), the two taking turns: the large
 * data's row, with the small data's as `small`.
 */
export async function largeBesideSmall(app, database, server, small, gens) {
  const other = await startDeskbridge(
    { ...app, DATABASE_URL: small },
    { port: OPTS.baselinePort, name: "deskbridge-small" },
  );
  try {
    const targets = [
      { name: `${database}, large`, base: `http://127.0.0.1:${OPTS.port}`, pid: server.pid },
      { name: `${database}, small`, base: `http://127.0.0.1:${OPTS.baselinePort}`, pid: other.pid },
    ];
    const [large, smallRow] = await benchTargets(targets, gens, {
      kinds: ["sobot-crm"],
      connections: [16],
      rounds: OPTS.variantRounds,
    });
    return { ...large, small: smallRow };
  } finally {
    await stopProcess(other);
  }
}
