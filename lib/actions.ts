// The one wrapper every server action goes through: role check on the server, input errors
// returned to the form, unexpected errors logged and answered generically.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import type { Role } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import type { ActionState } from "@/lib/action-state";
import type { UserView } from "@/lib/users/users";
import { withActor } from "@/lib/audit/audit";

export type { ActionState };

export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION"))
      out[key] = key in out ? `${out[key]}\n${value}` : value;
  }
  return out;
}

export async function guarded(
  role: Role,
  formData: FormData | null,
  run: (user: UserView) => Promise<Partial<ActionState> | undefined>,
): Promise<ActionState> {
  const values = formData ? formValues(formData) : undefined;
  const seq = Date.now();
  try {
    const user = await requireUser(role);
    // Everything the action changes is recorded in the audit log under this user.
    return { ok: true, seq, ...(await withActor({ id: user.id, label: user.email }, () => run(user))) };
  } catch (error) {
    unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
    if (error instanceof AppError) {
      return { ok: false, seq, message: error.message, fieldErrors: error.fieldErrors, values };
    }
    console.error("deskbridge: server action failed", error);
    return { ok: false, seq, message: "Something went wrong on the server; nothing was saved. Try again.", values };
  }
}
