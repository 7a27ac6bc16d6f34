import { RateLimiterMemory } from "rate-limiter-flexible";
import { describe, expect, it, vi } from "vitest";

// The slot limiter over an in-memory store: the same code path as the database and Redis stores.
vi.mock("@/lib/limits/shared", () => {
  const limiters = new Map<string, RateLimiterMemory>();
  return {
    sharedLimiter: (_: unknown, o: { keyPrefix: string; points: number; duration: number }) => {
      const id = JSON.stringify(o);
      if (!limiters.has(id)) limiters.set(id, new RateLimiterMemory(o));
      return limiters.get(id);
    },
  };
});

const { takeTriggerSlot } = await import("@/lib/vendors/sobot/api/rate-limit");

describe("Sobot trigger slots", () => {
  it("lets at most 35 requests start in any second, and drops none", async () => {
    const store = { kind: "database" } as never;
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 120 }, () => takeTriggerSlot(store, "t-1").then(() => starts.push(Date.now()))),
    );
    expect(starts).toHaveLength(120);
    starts.sort((a, b) => a - b);
    let worst = 0;
    for (let i = 0; i < starts.length; i++) {
      let j = i;
      while (j < starts.length && starts[j] < starts[i] + 1000) j++;
      worst = Math.max(worst, j - i);
    }
    expect(worst).toBeLessThanOrEqual(35);
    expect(worst).toBeGreaterThanOrEqual(28);
  }, 10_000);
});
