"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, Notice, inputClass } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";
import { ROLES } from "@/lib/auth/roles";

export function UserForm({ action }: { action: (s: ActionState, f: FormData) => Promise<ActionState> }) {
  const t = useTranslations("users");
  const nav = useTranslations("nav");
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const v = state.ok ? {} : (state.values ?? {});
  const err = (n: string) => state.fieldErrors?.[n];
  return (
    <form key={state.seq} action={formAction} className="space-y-3" noValidate aria-label={t("add")}>
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
      <div className="grid grid-cols-2 gap-3">
        <Field label={t("email")} name="email" errors={err("email")}>
          {(a) => <input {...a} name="email" type="email" defaultValue={v.email} className={inputClass} />}
        </Field>
        <Field label={t("name")} name="name" errors={err("name")}>
          {(a) => <input {...a} name="name" defaultValue={v.name} className={inputClass} />}
        </Field>
        <Field label={t("role")} name="role" errors={err("role")}>
          {(a) => (
            <select {...a} name="role" defaultValue={v.role ?? "operator"} className={inputClass}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {nav("role", { role: r })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("initialPassword")} name="password" errors={err("password")} hint={t("atLeast8")}>
          {(a) => <input {...a} name="password" type="password" autoComplete="new-password" className={inputClass} />}
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("adding") : t("addUser")}
      </Button>
    </form>
  );
}
