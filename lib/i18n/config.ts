// The dashboard's languages and how one is chosen: the user's own choice (account page), else the
// language cookie (the sign-in page's switch), else the browser's Accept-Language. Times are shown
// in the user's zone, else the browser's (a cookie the page sets from Intl), else UTC.
import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
/** Each language named in itself, for the switches. */
export const LOCALE_NAMES: Record<Locale, string> = { "zh-CN": "简体中文", en: "English" };

export const LOCALE_COOKIE = "deskbridge-locale";
export const ZONE_COOKIE = "deskbridge-tz";
export const DEFAULT_TIME_ZONE = "UTC";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The best of our languages for an Accept-Language header ("zh-TW,zh;q=0.9" → zh-CN). */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const requested = new Negotiator({ headers: { "accept-language": header } }).languages().filter((l) => l !== "*");
  try {
    return match(requested, [...LOCALES], DEFAULT_LOCALE) as Locale;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** An IANA zone this runtime knows ("Asia/Shanghai"), as opposed to any text a cookie carries. */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
