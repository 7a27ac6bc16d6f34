"use server";
// Server actions available on every page.
import { cookies } from "next/headers";
import { z } from "zod";
import { formAction, text } from "@/lib/actions";
import { LOCALE_COOKIE, isLocale } from "@/lib/i18n/config";
import { THEMES } from "@/lib/theme";

const preference = { path: "/", maxAge: 365 * 86400, sameSite: "lax", httpOnly: true } as const;

/** Remember the chosen colour theme (a preference, not data: no role needed). */
export const setThemeAction = formAction("anyone", z.object({ theme: text() }), async ({ theme }) => {
  if (!(THEMES as readonly string[]).includes(theme)) return;
  (await cookies()).set("theme", theme, preference);
});

/** Remember the language chosen on the sign-in page (signed out; a signed-in user's own choice wins). */
export const setLocaleAction = formAction("anyone", z.object({ locale: text() }), async ({ locale }) => {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, preference);
});
