// The one date/time formatter of Deskbridge: every time a page, a card, the agent panel or the CLI
// shows goes through here. Times are shown in UTC and say so; `timeZone` is there so that a
// per-user zone can replace the default later without touching the callers. Machine formats (ISO
// in exports, JSON and logs) stay `toISOString()`.

export const DEFAULT_TIME_ZONE = "UTC";

export type Precision = "minute" | "second" | "millisecond";

export type DateTimeOptions = {
  /** An IANA zone such as "Asia/Shanghai" (default UTC). */
  timeZone?: string;
  precision?: Precision;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      fractionalSecondDigits: 3,
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

type Parts = Record<"year" | "month" | "day" | "hour" | "minute" | "second" | "fractionalSecond", string>;

function partsOf(d: Date, timeZone: string): Parts {
  // UTC, the zone every caller uses today, read off the ISO form: Intl's formatToParts cost a
  // Hyphenate panel with a few orders about 70 µs per load. Same text for years 1000 to 9999;
  // anything else (and an invalid date, which throws the same RangeError) goes through Intl.
  const year = d.getUTCFullYear();
  if (timeZone === "UTC" && year >= 1000 && year <= 9999) {
    const iso = d.toISOString(); // 2026-11-30T21:43:05.123Z
    return {
      year: iso.slice(0, 4),
      month: iso.slice(5, 7),
      day: iso.slice(8, 10),
      hour: iso.slice(11, 13),
      minute: iso.slice(14, 16),
      second: iso.slice(17, 19),
      fractionalSecond: iso.slice(20, 23),
    };
  }
  const out = {} as Parts;
  for (const p of formatter(timeZone).formatToParts(d)) if (p.type !== "literal") out[p.type as keyof Parts] = p.value;
  return out;
}

const zoneLabel = (timeZone: string) => (timeZone === "UTC" ? "UTC" : timeZone);

/** "2026-11-30" in the zone. */
export function formatDate(d: Date, { timeZone = DEFAULT_TIME_ZONE }: DateTimeOptions = {}): string {
  const p = partsOf(d, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "2026-11-30 21:43" (or with :ss / :ss.mmm): the form a field shows and `parseDateTime` reads back. */
export function formatDateTimeField(d: Date, options: DateTimeOptions = {}): string {
  const { timeZone = DEFAULT_TIME_ZONE, precision = "minute" } = options;
  const p = partsOf(d, timeZone);
  const time =
    precision === "minute"
      ? `${p.hour}:${p.minute}`
      : `${p.hour}:${p.minute}:${p.second}${precision === "millisecond" ? `.${p.fractionalSecond}` : ""}`;
  return `${p.year}-${p.month}-${p.day} ${time}`;
}

/** "2026-11-30 21:43 UTC": a time as a page shows it, labelled with its zone. */
export function formatDateTime(d: Date, options: DateTimeOptions = {}): string {
  return `${formatDateTimeField(d, options)} ${zoneLabel(options.timeZone ?? DEFAULT_TIME_ZONE)}`;
}

/** "2026-11-30T21:43": the value of an `<input type="datetime-local">` (which carries no zone). */
export function formatDateTimeInput(d: Date, options: Pick<DateTimeOptions, "timeZone"> = {}): string {
  return formatDateTimeField(d, { ...options, precision: "minute" }).replace(" ", "T");
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "YYYY-MM-DD HH:mm[:ss]" (or with a T) read in the zone, or null; rollovers such as 02-31 are refused. */
export function parseDateTime(text: string, { timeZone = DEFAULT_TIME_ZONE }: DateTimeOptions = {}): Date | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  if (h > 23 || mi > 59 || (s || 0) > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s || 0);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  if (timeZone === "UTC") return check;
  // The zone's offset at that moment: the wall time read back in the zone, minus the guess.
  const p = partsOf(check, timeZone);
  const seen = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return new Date(wall - (seen - wall));
}
