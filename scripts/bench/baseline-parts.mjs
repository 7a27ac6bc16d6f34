// The baseline server's plumbing, beside the work it measures (baseline.mjs): refusals, the
// timestamp window, the body cap, routing by URL, and the small template filler.
const MAX_BODY = 1024 * 1024;
const TOLERANCE = 300;

export class Refusal extends Error {
  constructor(status, outcome, message) {
    super(message);
    this.status = status;
    this.outcome = outcome;
  }
}
export function fresh(timestamp) {
  const t = Number(timestamp);
  if (!Number.isFinite(t) || Math.abs(t - Date.now() / 1000) > TOLERANCE)
    throw new Refusal(401, "stale_timestamp", "stale timestamp");
}

export const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]);
export const fill = (text, values) =>
  text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, path) =>
    String(path.split(".").reduce((o, k) => (o == null ? undefined : o[k]), values) ?? ""),
  );
export const orderView = (o) => ({ ...o, amount: (o.amountCents / 100).toFixed(2), statusText: o.status });

export function routeOf(pathname) {
  const m =
    /^\/api\/callbacks\/(sobot\/crm|sobot\/webhook|udesk\/message|udesk\/task|udesk\/knowledge)\/([\w-]+)$/.exec(
      pathname,
    );
  if (m) return { kind: m[1], slug: m[2] };
  const h = /^\/hyphenate\/([\w-]+)$/.exec(pathname);
  return h ? { kind: "hyphenate", slug: h[1] } : null;
}

export function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let total = 0;
    req.on("data", (chunk) => {
      total += chunk.length;
      if (total > MAX_BODY) {
        reject(new Refusal(413, "too_large", "too large"));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
