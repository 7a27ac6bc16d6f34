// GET /api/metrics — Prometheus text exposition (format 0.0.4) of this process's counters.
// A scraper presents `Authorization: Bearer <DESKBRIDGE_METRICS_TOKEN>` (when that is set);
// otherwise a signed-in admin may read it in the browser. 401 without either, 403 for a
// signed-in user who is not an admin. Each instance reports its own process: scrape them all.
import crypto from "node:crypto";
import { requireUser } from "@/lib/auth/session";
import { readConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { renderMetrics } from "@/lib/metrics/metrics";

export const dynamic = "force-dynamic";

/** Constant-time comparison (of digests, so that the lengths match too). */
function sameToken(given: string, expected: string): boolean {
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

function refuse(status: 401 | 403, error: string, message: string) {
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="deskbridge-metrics"';
  return Response.json({ error, message }, { status, headers });
}

export async function GET(request: Request) {
  const token = readConfig().metricsToken;
  const authorization = request.headers.get("authorization") ?? "";
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim();
  if (token && bearer !== undefined) {
    // A scraper that presents a token gets a plain yes or no: no fallback to a session.
    if (!sameToken(bearer, token)) return refuse(401, "unauthenticated", "The bearer token is not valid.");
  } else {
    try {
      await requireUser("admin");
    } catch (error) {
      if (error instanceof AppError && error.code === "unauthenticated")
        return refuse(401, error.code, "Sign in as an admin, or present the metrics bearer token.");
      if (error instanceof AppError && error.code === "forbidden")
        return refuse(403, error.code, "Metrics are for admins.");
      throw error;
    }
  }
  return new Response(renderMetrics(), {
    headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" },
  });
}
