// The language and time zone of the request being rendered (see config.ts for the order).
import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { currentUser } from "@/lib/auth/session";
import {
  DEFAULT_TIME_ZONE,
  type Locale,
  LOCALE_COOKIE,
  ZONE_COOKIE,
  isLocale,
  isTimeZone,
  localeFromAcceptLanguage,
} from "@/lib/i18n/config";

export type Preferences = {
  locale: Locale;
  timeZone: string;
  /** The zone is the user's own choice, not the browser's. */
  zoneChosen: boolean;
};

export const preferences = cache(async (): Promise<Preferences> => {
  const [jar, head, user] = await Promise.all([cookies(), headers(), currentUser().catch(() => null)]);
  const cookieLocale = jar.get(LOCALE_COOKIE)?.value;
  const cookieZone = jar.get(ZONE_COOKIE)?.value;
  const locale = isLocale(user?.locale)
    ? user.locale
    : isLocale(cookieLocale)
      ? cookieLocale
      : localeFromAcceptLanguage(head.get("accept-language"));
  const timeZone = isTimeZone(user?.timeZone) ? user.timeZone : isTimeZone(cookieZone) ? cookieZone : DEFAULT_TIME_ZONE;
  return { locale, timeZone, zoneChosen: isTimeZone(user?.timeZone) };
});
