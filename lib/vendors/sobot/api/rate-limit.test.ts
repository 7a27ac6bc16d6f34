// The limiter queues rather than drops, in order, and holds each slot for a window after the
// request ends, so no window ever sees more than `limit` requests.
import { describe, expect, it } from "vitest";
import { WindowLimiter } from "@/lib/vendors/sobot/api/rate-limit";

describe("WindowLimiter", () => {
  it("lets 25 requests through 10 slots of 200 ms in order, never more than 10 per window", async () => {
    const limiter = new WindowLimiter(10, 200);
    const spans: { i: number; start: number; end: number }[] = [];
    await Promise.all(
      Array.from({ length: 25 }, async (_, i) => {
        const release = await limiter.acquire();
        const start = Date.now();
        await new Promise((r) => setTimeout(r, 5 + (i % 3) * 10)); // uneven "network" time
        spans.push({ i, start, end: Date.now() });
        release();
      }),
    );
    const order = [...spans].sort((a, b) => a.start - b.start || a.i - b.i).map((s) => s.i);
    expect(order.slice(0, 10).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    // A request reaches the server somewhere in [start, end]: no 200-ms window may meet more than 10.
    const from = Math.min(...spans.map((s) => s.start)) - 200;
    const to = Math.max(...spans.map((s) => s.end));
    for (let x = from; x <= to; x++) {
      const met = spans.filter((o) => o.start < x + 200 && o.end > x).length;
      expect(met, `window at ${x - from}`).toBeLessThanOrEqual(10);
    }
    const first = Math.min(...spans.map((s) => s.start));
    const last = Math.max(...spans.map((s) => s.start));
    expect(last - first).toBeGreaterThanOrEqual(400);
  });
});
