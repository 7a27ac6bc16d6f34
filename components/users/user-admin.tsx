"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, Notice, inputClass } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";
import { ROLES } from "@/lib/auth/roles";

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;

export function RoleForm({ action, id, role, email }: { action: Action; id: string; role: string; email: string }) {
  const t = useTranslations("users");
  const nav = useTranslations("nav");
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2" aria-label={t("changeRole", { email })}>
      <input type="hidden" name="id" value={id} />
      <label className="sr-only" htmlFor={`role-${id}`}>
        {t.rich("roleOf", { value: (chunks) => <span data-value>{chunks}</span>, email })}
      </label>
      <select id={`role-${id}`} name="role" defaultValue={role} className={`${inputClass} w-28`}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {nav("role", { role: r })}
          </option>
        ))}
      </select>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("saveRole")}
      </Button>
      {state.message && (
        <span className={`text-xs ${state.ok ? "text-ok" : "text-danger"}`} role="status">
          {state.message}
        </span>
      )}
    </form>
  );
}

export function ResetPasswordForm({ action, id, email }: { action: Action; id: string; email: string }) {
  const t = useTranslations("users");
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return (
    <form
      key={state.seq}
      action={formAction}
      className="flex flex-wrap items-start gap-2"
      aria-label={t("resetFor", { email })}
      noValidate
    >
      <input type="hidden" name="id" value={id} />
      <div className="w-48">
        <Field label={t("newPassword")} name={`reset-${id}`} errors={state.fieldErrors?.password}>
          {(a) => <input {...a} name="password" type="password" autoComplete="new-password" className={inputClass} />}
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={pending} className="mt-6">
        {t("resetPassword")}
      </Button>
      {state.message && (
        <div className="w-full">
          <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>
        </div>
      )}
    </form>
  );
}

export function OwnPasswordForm({ action }: { action: Action }) {
  const t = useTranslations("users");
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const err = (k: string) => state.fieldErrors?.[k];
  return (
    <form key={state.seq} action={formAction} className="space-y-3" noValidate aria-label={t("changeYours")}>
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
      <Field label={t("current")} name="current" errors={err("current")}>
        {(a) => <input {...a} name="current" type="password" autoComplete="current-password" className={inputClass} />}
      </Field>
      <Field label={t("newPassword")} name="password" errors={err("password")} hint={t("atLeast8")}>
        {(a) => <input {...a} name="password" type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Field label={t("again")} name="confirm" errors={err("confirm")}>
        {(a) => <input {...a} name="confirm" type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Button type="submit" disabled={pending}>
        {t("changePassword")}
      </Button>
    </form>
  );
}
