// Sobot allows 50 trigger requests per second per trigger id (seeds/sobot-rule-engine.txt), for
// the company as a whole: every app instance and the CLI draw on one budget, kept in the shared
// store (lib/limits/shared.ts). Each request claims a 21 ms slot of the wall clock, one request
// per slot and trigger id: any second then holds at most 49 starts (1000 / 21, rounded up, plus
// one), a margin under Sobot's 50 for network jitter. A fixed one-second window of 50 would let 100
// through across a window boundary. Callers queue in order, per process; nothing is dropped.
import { RateLimiterRes } from "rate-limiter-flexible";
import { type LimitStore, sharedLimiter } from "@/lib/limits/shared";

export const SLOT_MS = 21;

const queues = new Map<string, Promise<void>>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function claimSlot(store: LimitStore, triggerId: string): Promise<void> {
  // Slot keys expire after two seconds; the store forgets them by itself.
  const limiter = sharedLimiter(store, { keyPrefix: "sobot-trigger", points: 1, duration: 2 });
  for (;;) {
    const slot = Math.floor(Date.now() / SLOT_MS);
    try {
      await limiter.consume(`${triggerId}:${slot}`, 1);
      return;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error; // the store failed
      // Taken by another caller (here or on another instance): try the next slot.
      await sleep(Math.max(1, (slot + 1) * SLOT_MS - Date.now()) + Math.random() * 3);
    }
  }
}

/** Resolves when this caller may send one request for the trigger id. */
export function takeTriggerSlot(store: LimitStore, triggerId: string): Promise<void> {
  const previous = queues.get(triggerId) ?? Promise.resolve();
  const mine = previous.then(() => claimSlot(store, triggerId));
  const tail = mine.catch(() => undefined);
  queues.set(triggerId, tail);
  void tail.then(() => {
    if (queues.get(triggerId) === tail) queues.delete(triggerId);
  });
  return mine;
}
