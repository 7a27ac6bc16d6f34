import path from "node:path";
import { describe, expect, it } from "vitest";
import { BENCH_NO_CALL_LOG, benchSwitchOn } from "@/lib/callbacks/bench-switch";

const benchDb = `file:${path.resolve("scripts/bench/.tmp/deskbridge.db")}`;

describe("the bench's call-log switch", () => {
  it("turns the call log off only with its exact value on the bench's own database", () => {
    expect(benchSwitchOn({ DESKBRIDGE_BENCH_NO_CALL_LOG: BENCH_NO_CALL_LOG, DATABASE_URL: benchDb })).toBe(true);
  });

  it("leaves logging on for any other value", () => {
    for (const value of ["1", "true", "yes", "", undefined])
      expect(benchSwitchOn({ DESKBRIDGE_BENCH_NO_CALL_LOG: value, DATABASE_URL: benchDb })).toBe(false);
  });

  it("leaves logging on for any other database, even with the exact value", () => {
    for (const url of [
      "file:./data/deskbridge.db",
      "file:/var/lib/deskbridge/deskbridge.db",
      "postgres://u@db/scripts/bench/.tmp/x",
      undefined,
    ])
      expect(benchSwitchOn({ DESKBRIDGE_BENCH_NO_CALL_LOG: BENCH_NO_CALL_LOG, DATABASE_URL: url })).toBe(false);
  });
});
