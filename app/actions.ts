"use server";
// Server actions available on every page.
import { cookies } from "next/headers";
import { z } from "zod";
import { formAction, text } from "@/lib/actions";
import { THEMES } from "@/lib/theme";

/** Remember the chosen colour theme (a preference, not data: no role needed). */
export const setThemeAction = formAction("anyone", z.object({ theme: text() }), async ({ theme }) => {
  if (!(THEMES as readonly string[]).includes(theme)) return;
  (await cookies()).set("theme", theme, { path: "/", maxAge: 365 * 86400, sameSite: "lax", httpOnly: true });
});
