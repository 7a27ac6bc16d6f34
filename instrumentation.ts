// Runs once when the server starts: migrate, create the first admin (printing a generated
// password once), and load demo data, before the first request arrives.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this too (to prerender pages); the database belongs to the running server.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { db } = await import("@/lib/db");
  // Calls kept while the database did not take writes (by this process before a restart, or by
  // one that died) are written as soon as it does; started first, whether or not it answers now.
  const { startJournal } = await import("@/lib/calls/journal");
  void startJournal(db);
  // bin/server.mjs answers some requests before routing (bad percent-encoding, TRACE, CONNECT);
  // on a callback URL it records them through this function (the same process).
  const { recordEarlyAnswer } = await import("@/lib/callbacks/early");
  const { CALLBACK_ROUTES } = await import("@/lib/vendors/callback-routes");
  (globalThis as { __deskbridgeEarlyAnswer?: unknown }).__deskbridgeEarlyAnswer = (
    answer: import("@/lib/callbacks/early").EarlyAnswer,
  ) => recordEarlyAnswer(CALLBACK_ROUTES, answer);
  try {
    const client = await db();
    // Retention: delete old call bodies every hour (and once now).
    const { pruneCalls } = await import("@/lib/calls/retention");
    const prune = () =>
      pruneCalls(client).catch((error) => console.error("deskbridge: pruning the call log failed:", error));
    void prune();
    setInterval(prune, 3600_000).unref();
  } catch (error) {
    // Not fatal: the next request tries again (PostgreSQL may still be starting).
    console.error("deskbridge: the database is not ready yet:", error instanceof Error ? error.message : error);
  }
}
