"use client";
import { useActionState } from "react";
import { Button, Field, Notice, inputClass } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";
import { ROLES } from "@/lib/auth/roles";

export function UserForm({ action }: { action: (s: ActionState, f: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const v = state.ok ? {} : (state.values ?? {});
  const err = (n: string) => state.fieldErrors?.[n];
  return (
    <form key={state.seq} action={formAction} className="space-y-3" noValidate aria-label="Add a user">
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
      <div className="grid grid-cols-2 gap-3">
        <Field label="Email" name="email" errors={err("email")}>
          {(a) => <input {...a} name="email" type="email" defaultValue={v.email} className={inputClass} />}
        </Field>
        <Field label="Name" name="name" errors={err("name")}>
          {(a) => <input {...a} name="name" defaultValue={v.name} className={inputClass} />}
        </Field>
        <Field label="Role" name="role" errors={err("role")}>
          {(a) => (
            <select {...a} name="role" defaultValue={v.role ?? "operator"} className={inputClass}>
              {ROLES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Initial password" name="password" errors={err("password")} hint="At least 8 characters.">
          {(a) => <input {...a} name="password" type="password" autoComplete="new-password" className={inputClass} />}
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add user"}
      </Button>
    </form>
  );
}
