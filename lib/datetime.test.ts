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

describe("UTC, read off the ISO form", () => {
  // The same text as Intl's formatter, which every other zone still goes through.
  const intl = new Intl.DateTimeFormat("en-US", {
    timeZone: "UTC",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    fractionalSecondDigits: 3,
    hourCycle: "h23",
  });
  const viaIntl = (d: Date) => {
    const p = Object.fromEntries(intl.formatToParts(d).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}.${p.fractionalSecond}`;
  };

  it("matches Intl's text at every precision, around the year and the day", () => {
    const edges = [
      Date.UTC(1000, 0, 1),
      Date.UTC(1970, 0, 1),
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(2027, 0, 1, 0, 0, 0, 0),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    ];
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const times = [...edges, ...Array.from({ length: 2000 }, () => Math.floor(random() * Date.UTC(9999, 0, 1)))];
    for (const t of times) {
      const d = new Date(t);
      expect(formatDateTimeField(d, { precision: "millisecond" }), d.toISOString()).toBe(viaIntl(d));
      expect(formatDate(d)).toBe(viaIntl(d).slice(0, 10));
    }
  });

  it("leaves years outside 1000–9999 and invalid dates to Intl", () => {
    const early = new Date(Date.UTC(999, 4, 6, 7, 8));
    early.setUTCFullYear(999);
    expect(formatDateTimeField(early)).toBe(viaIntl(early).slice(0, 15));
    expect(() => formatDateTime(new Date(Number.NaN))).toThrow(RangeError);
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
