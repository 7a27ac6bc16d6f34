// Sobot allows 50 trigger requests per second per trigger id (seeds/sobot-rule-engine.txt), for
// the company as a whole: every app instance and the CLI draw on one budget, kept in the shared
// store (lib/limits/shared.ts). Each request claims a 30 ms slot of the wall clock, one request
// per slot and trigger id, and starts within LATE_MS of its slot or not at all: a claim that came
// back late (a slow store, a busy process) is dropped and the next slot is claimed. Any second then
// holds at most (1000 + LATE_MS) / 30 + 1 = 35 starts. The margin under Sobot's 50 is for the time
// between our start and Sobot's count (connecting, a busy event loop): with 24 ms slots (45 starts)
// two busy processes once put 52 in one second at Sobot; 35 leave room for about 400 ms of it.
// A fixed one-second window of 50 would let 100 through across a window boundary. Callers queue in
// order, per process; nothing is dropped.
import { RateLimiterRes } from "rate-limiter-flexible";
import { type LimitStore, sharedLimiter } from "@/lib/limits/shared";

export const SLOT_MS = 30;
/** How late after its slot began a request may still start. */
export const LATE_MS = 40;

const queues = new Map<string, Promise<void>>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function claimSlot(store: LimitStore, triggerId: string): Promise<void> {
  // Slot keys expire after two seconds; the store forgets them by itself.
  const limiter = sharedLimiter(store, { keyPrefix: "sobot-trigger", points: 1, duration: 2 });
  for (;;) {
    const slot = Math.floor(Date.now() / SLOT_MS);
    try {
      await limiter.consume(`${triggerId}:${slot}`, 1);
      // Starting now would bunch this request with the ones of the slots that follow.
      if (Date.now() <= slot * SLOT_MS + LATE_MS) return;
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
