// The one date/time formatter: UTC, labelled, and a zone option for later.
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDateTimeField, formatDateTimeInput, parseDateTime } from "@/lib/datetime";

const at = new Date(Date.UTC(2026, 0, 5, 7, 3, 59, 42));

describe("formatting", () => {
  it("shows UTC and says so, whatever the server's zone", () => {
    expect(formatDateTime(at)).toBe("2026-01-05 07:03 UTC");
    expect(formatDateTime(at, { precision: "second" })).toBe("2026-01-05 07:03:59 UTC");
    expect(formatDateTime(at, { precision: "millisecond" })).toBe("2026-01-05 07:03:59.042 UTC");
    expect(formatDate(new Date(Date.UTC(2026, 11, 31, 23, 59)))).toBe("2026-12-31");
    expect(formatDateTimeField(new Date(Date.UTC(2026, 11, 31, 23, 59)))).toBe("2026-12-31 23:59");
    expect(formatDateTimeInput(at)).toBe("2026-01-05T07:03");
  });

  it("takes another zone when asked (midnight is 00, not 24)", () => {
    expect(formatDateTime(at, { timeZone: "Asia/Shanghai" })).toBe("2026-01-05 15:03 Asia/Shanghai");
    expect(formatDateTimeField(new Date(Date.UTC(2026, 0, 5, 16)), { timeZone: "Asia/Shanghai" })).toBe(
      "2026-01-06 00:00",
    );
  });
});

describe("parseDateTime", () => {
  it("reads what the fields show, in UTC by default", () => {
    expect(parseDateTime("2026-01-05 07:03")?.toISOString()).toBe("2026-01-05T07:03:00.000Z");
    expect(parseDateTime(" 2026-01-05T07:03:59 ")?.toISOString()).toBe("2026-01-05T07:03:59.000Z");
    expect(parseDateTime(formatDateTimeField(at))?.toISOString()).toBe("2026-01-05T07:03:00.000Z");
    expect(parseDateTime("2026-01-05 15:03", { timeZone: "Asia/Shanghai" })?.toISOString()).toBe(
      "2026-01-05T07:03:00.000Z",
    );
  });

  it("refuses what is not a real time", () => {
    for (const bad of ["2026-02-31 10:00", "2026-01-05 24:00", "2026-01-05 10:60", "yesterday", "2026-01-05"])
      expect(parseDateTime(bad), bad).toBeNull();
  });
});
