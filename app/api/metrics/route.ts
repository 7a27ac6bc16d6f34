// GET /api/metrics — Prometheus text exposition (format 0.0.4) of this process's counters and
// its process and Node.js runtime metrics (prom-client's defaults).
// A scraper presents `Authorization: Bearer <DESKBRIDGE_METRICS_TOKEN>` (when that is set);
// otherwise a signed-in admin may read it in the browser. 401 without either, 403 for a
// signed-in user who is not an admin. Each instance reports its own process: scrape them all.
import { requireUser } from "@/lib/auth/session";
import { readConfig } from "@/lib/config";
import { safeEqual } from "@/lib/crypto/constant-time";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { METRICS_CONTENT_TYPE, renderMetrics } from "@/lib/metrics/metrics";

export const dynamic = "force-dynamic";

/** A 401 tells a scraper which scheme to use. */
const CHALLENGE = { unauthenticated: { "www-authenticate": 'Bearer realm="deskbridge-metrics"' } };

export async function GET(request: Request) {
  const token = readConfig().metricsToken;
  const authorization = request.headers.get("authorization") ?? "";
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim();
  if (token && bearer !== undefined) {
    // A scraper that presents a token gets a plain yes or no: no fallback to a session.
    if (!safeEqual(token, bearer))
      return errorResponse(new AppError("unauthenticated", "The bearer token is not valid."), { headers: CHALLENGE });
  } else {
    try {
      await requireUser("admin");
    } catch (error) {
      return errorResponse(error, {
        headers: CHALLENGE,
        messages: {
          unauthenticated: "Sign in as an admin, or present the metrics bearer token.",
          forbidden: "Metrics are for admins.",
        },
      });
    }
  }
  return new Response(await renderMetrics(), {
    headers: { "content-type": METRICS_CONTENT_TYPE, "cache-control": "no-store" },
  });
}
