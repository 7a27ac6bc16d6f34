// GET /api/live — liveness: the process is up and its HTTP handler answers. It touches nothing
// (no database, no file, no configuration), so a load balancer or an orchestrator's health check
// never restarts a process that is merely waiting for its database (that is /api/health's job),
// and it is the floor the benchmark measures each callback against: the framework's own cost.
//   200 {"status":"live"}
export const dynamic = "force-dynamic";

const BODY = '{"status":"live"}';

export function GET() {
  return new Response(BODY, {
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}
