// next-intl's per-request configuration (named in next.config.mjs): language, zone and messages.
import { getRequestConfig } from "next-intl/server";
import { preferences } from "@/lib/i18n/preferences";
import { messagesFor } from "@/lib/i18n/messages";

export default getRequestConfig(async () => {
  const { locale, timeZone } = await preferences();
  return { locale, timeZone, messages: messagesFor(locale) };
});
