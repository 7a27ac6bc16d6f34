// A switch for `npm run bench` only, to measure what the call log costs: with
//   DESKBRIDGE_BENCH_NO_CALL_LOG=drop-every-call
// and a SQLite database under scripts/bench/.tmp (the bench's throwaway one), vendor callbacks are
// answered but not written to the call log. Any other value, or any other database, leaves logging
// on, so a production server cannot have it on by accident; a process where it is on says so once.
import path from "node:path";

export const BENCH_NO_CALL_LOG = "drop-every-call";
const BENCH_DIR = `${path.sep}scripts${path.sep}bench${path.sep}.tmp${path.sep}`;

/** Whether this environment turns the call log off (the bench's own setting, on its own database). */
export function benchSwitchOn(env: Record<string, string | undefined>): boolean {
  const url = env.DATABASE_URL ?? "";
  return (
    env.DESKBRIDGE_BENCH_NO_CALL_LOG === BENCH_NO_CALL_LOG &&
    url.startsWith("file:") &&
    path.resolve(url.slice(5)).includes(BENCH_DIR)
  );
}

let decided: boolean | undefined;

/** True when this process skips the call log (decided once, from its environment). */
export function benchSkipsCallLog(): boolean {
  if (decided === undefined) {
    decided = benchSwitchOn(process.env);
    if (decided)
      console.error(
        "deskbridge: DESKBRIDGE_BENCH_NO_CALL_LOG is on: vendor calls are answered but NOT logged " +
          "(a benchmark setting, honoured only on the bench's throwaway database)",
      );
  }
  return decided;
}
