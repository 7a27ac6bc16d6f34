"use server";
// Server actions available on every page.
import { cookies } from "next/headers";
import { THEMES } from "@/lib/theme";

/** Remember the chosen colour theme (a preference, not data: no role needed). */
export async function setThemeAction(formData: FormData) {
  const theme = String(formData.get("theme") ?? "");
  if (!(THEMES as readonly string[]).includes(theme)) return;
  (await cookies()).set("theme", theme, { path: "/", maxAge: 365 * 86400, sameSite: "lax", httpOnly: true });
}
