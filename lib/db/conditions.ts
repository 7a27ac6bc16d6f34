// What currently keeps the database from taking writes, as seen by this process: a full disk, a
// read-only file, a lock held too long, or an outage. Set by the write that failed, cleared by the
// next one that succeeds (the call journal keeps probing while a condition lasts), and reported by
// GET /api/health. Kept on globalThis so that every bundle of this module shares it.
import { type DatabaseCondition, databaseCondition, isDatabaseUnavailable } from "@/lib/errors";

type Registry = { condition: DatabaseCondition | null; since: Date | null };
const holder = globalThis as unknown as { __deskbridgeDbCondition?: Registry };
const registry = (): Registry => (holder.__deskbridgeDbCondition ??= { condition: null, since: null });

/** A write failed: remember why, when the error says the database cannot take writes for now. */
export function noteWriteFailure(error: unknown): DatabaseCondition | null {
  if (!isDatabaseUnavailable(error)) return null;
  const r = registry();
  const condition = databaseCondition(error);
  if (r.condition !== condition) {
    r.condition = condition;
    r.since = new Date();
  }
  return condition;
}

/** A write succeeded: whatever the condition was, it has cleared. */
export function noteWriteSuccess(): void {
  const r = registry();
  r.condition = null;
  r.since = null;
}

export function writeCondition(): { condition: DatabaseCondition | null; since: Date | null } {
  const r = registry();
  return { condition: r.condition, since: r.since };
}

/** What a log line or a call's detail says about a condition. */
export function describeCondition(condition: DatabaseCondition): string {
  return {
    unreachable: "the database could not be reached",
    disk_full: "the database's disk is full",
    read_only: "the database cannot be written (read-only file or file system)",
    locked: "the database stayed locked by another process",
  }[condition];
}
