// Zod issues as the field → messages map forms and API answers show (`_` for the object itself).
import type { z } from "zod";

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    out[key] ??= [];
    out[key].push(issue.message);
  }
  return out;
}
