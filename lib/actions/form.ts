// Reading a submitted form: its text fields as a plain record, and the zod field helpers that
// action schemas are written with.
import { z } from "zod";

export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION"))
      out[key] = key in out ? `${out[key]}\n${value}` : value;
  }
  return out;
}

/** A text field; "" when the form did not send it (as `String(formData.get(k) ?? "")`). */
export const text = () => z.string().default("");

/** A checkbox or "1"/"0" flag: true for "on", "1" or "true". */
export const flag = () =>
  z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "1" || v === "true");
