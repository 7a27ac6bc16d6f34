// At most `limit` requests per `windowMs`, as the server sees them. A request holds its slot from
// its start until `windowMs` after its answer: whatever the network delays, any `windowMs` at the
// server then holds at most `limit` arrivals. Callers queue in order; nothing is dropped.
export class WindowLimiter {
  private free: number;
  private waiting: (() => void)[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {
    this.free = limit;
  }

  /** Resolves with a release function to call when the request has been answered (or failed). */
  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      setTimeout(() => {
        const next = this.waiting.shift();
        if (next) next();
        else this.free++;
      }, this.windowMs + 5).unref?.(); // + a margin for timer and clock granularity
    };
  }
}

const limiters = new Map<string, WindowLimiter>();

/** Sobot allows 50 requests per second per trigger id. */
export function triggerLimiter(triggerId: string): WindowLimiter {
  let limiter = limiters.get(triggerId);
  if (!limiter) {
    limiter = new WindowLimiter(50, 1_000);
    limiters.set(triggerId, limiter);
  }
  return limiter;
}
