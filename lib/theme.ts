// The colour theme: a cookie read on the server, so the first paint is already right.
import "server-only";
import { cookies } from "next/headers";

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export async function currentTheme(): Promise<Theme> {
  const value = (await cookies()).get("theme")?.value;
  return (THEMES as readonly string[]).includes(value ?? "") ? (value as Theme) : "system";
}
