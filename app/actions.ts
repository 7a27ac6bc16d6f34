"use server";
// Server actions available on every page.
import { cookies, headers } from "next/headers";
import { z } from "zod";
import { formAction, text } from "@/lib/actions";
import { LOCALE_COOKIE, isLocale } from "@/lib/i18n/config";
import { THEMES } from "@/lib/theme";
import { readConfig } from "@/lib/config";

/**
 * A preference cookie: HttpOnly, SameSite=Lax, and Secure on HTTPS, as the session cookie is (the
 * public URL's scheme, else what a trusted proxy says; bin/server.mjs drops it from anyone else).
 */
async function preference() {
  const { publicUrl } = readConfig();
  const secure = publicUrl
    ? publicUrl.startsWith("https:")
    : (await headers()).get("x-forwarded-proto")?.split(",")[0].trim() === "https";
  return { path: "/", maxAge: 365 * 86400, sameSite: "lax", httpOnly: true, secure } as const;
}

/** Remember the chosen colour theme (a preference, not data: no role needed). */
export const setThemeAction = formAction("anyone", z.object({ theme: text() }), async ({ theme }) => {
  if (!(THEMES as readonly string[]).includes(theme)) return;
  (await cookies()).set("theme", theme, await preference());
});

/** Remember the language chosen on the sign-in page (signed out; a signed-in user's own choice wins). */
export const setLocaleAction = formAction("anyone", z.object({ locale: text() }), async ({ locale }) => {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, await preference());
});
