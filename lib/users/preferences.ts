// A user's own language and time zone for the dashboard. Null follows the browser (its
// Accept-Language, and the zone it reports); lib/i18n/preferences reads them on every request.
import type { Db } from "@/lib/db/client";
import { LOCALES, isLocale, isTimeZone } from "@/lib/i18n/config";
import { audit, diff } from "@/lib/audit/audit";
import { notFound, validationError } from "@/lib/errors";

export type UserPreferences = { locale: string | null; timeZone: string | null };

/** "" or null is "follow the browser"; anything else must be one of ours (a language) or an IANA zone. */
export async function setUserPreferences(
  client: Db,
  id: string,
  input: { locale?: string | null; timeZone?: string | null },
): Promise<UserPreferences> {
  const locale = input.locale?.trim() || null;
  const timeZone = input.timeZone?.trim() || null;
  const fieldErrors: Record<string, string[]> = {};
  if (locale !== null && !isLocale(locale)) fieldErrors.locale = [`One of ${LOCALES.join(", ")}`];
  if (timeZone !== null && !isTimeZone(timeZone)) fieldErrors.timeZone = ["Not a known time zone"];
  if (Object.keys(fieldErrors).length > 0)
    throw validationError("Choose a language and a time zone from the lists.", fieldErrors);
  const user = await client.user.findUnique({ where: { id }, select: { email: true, locale: true, timeZone: true } });
  if (!user) throw notFound(`User ${id} does not exist.`);
  const changes = diff({ locale: user.locale, timeZone: user.timeZone }, { locale, timeZone });
  if (Object.keys(changes).length === 0) return { locale, timeZone };
  await client.user.update({ where: { id }, data: { locale, timeZone } });
  await audit(client, {
    action: "update",
    entity: "user",
    entityId: id,
    summary: `${user.email} changed their language and time zone`,
    changes,
  });
  return { locale, timeZone };
}
