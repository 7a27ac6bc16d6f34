// The answer shape of every server action, shared by the server wrapper and client forms.
import type { FieldErrors } from "@/lib/errors";

export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: FieldErrors;
  /** The submitted values, so a refused form shows what was typed. */
  values?: Record<string, string>;
  /** Changes on every answer, so forms can remount with the returned values. */
  seq?: number;
};

export const initialActionState: ActionState = { ok: false, seq: 0 };
