// The same callbacks on the same database under other server settings, at concurrency 16 only,
// against the first run's single process with the call log on:
//   - DESKBRIDGE_WORKERS=N (BENCH_WORKERS, default 2): the speed-up of N worker processes;
//   - the call log off (DESKBRIDGE_BENCH_NO_CALL_LOG, honoured only on the bench's own database):
//     what logging costs.
import { benchTargets } from "./load.mjs";
import { log, OPTS } from "./options.mjs";
import { startDeskbridge, stopProcess } from "./processes.mjs";

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

/** Rows of every variant, each tagged with its key ({variant, kind, connections: 16, rps, …}). */
export async function benchVariants(app, gens) {
  const rows = [];
  for (const variant of variantsToRun()) {
    log(`bench: ${variant.label}, c=16`);
    const server = await startDeskbridge({ ...app, ...variant.env });
    try {
      const target = { name: variant.key, base: `http://127.0.0.1:${OPTS.port}`, pid: server.pid };
      for (const row of await benchTargets([target], gens, { connections: [16] }))
        rows.push({ ...row, variant: variant.key, label: variant.label });
    } finally {
      await stopProcess(server);
    }
  }
  return rows;
}
