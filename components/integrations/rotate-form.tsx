"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, Notice, inputClass } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";

export function RotateForm({
  action,
  id,
  name,
  label,
  previousInUse = false,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  id: string;
  name: string;
  label: string;
  /** Callers still sign with the previous value: rotating again needs the box ticked. */
  previousInUse?: boolean;
}) {
  const t = useTranslations("integrations.rotate");
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const lower = label.toLowerCase();
  return (
    <form key={state.seq} action={formAction} className="space-y-3" noValidate aria-label={t("aria", { label })}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="name" value={name} />
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
      <div className="grid grid-cols-3 gap-3">
        <div className="col-span-2">
          <Field
            label={t("newSecret", { label: lower })}
            name={`rotate-${name}`}
            errors={state.fieldErrors?.[`secrets.${name}`]}
          >
            {(a) => <input {...a} name={`secrets.${name}`} type="password" autoComplete="off" className={inputClass} />}
          </Field>
        </div>
        <Field label={t("keepOld")} name={`grace-${name}`} errors={state.fieldErrors?.grace}>
          {(a) => (
            <select {...a} name="grace" defaultValue="24h" className={inputClass}>
              <option value="0">{t("grace0")}</option>
              <option value="1h">{t("grace1h")}</option>
              <option value="24h">{t("grace24h")}</option>
              <option value="3d">{t("grace3d")}</option>
              <option value="7d">{t("grace7d")}</option>
            </select>
          )}
        </Field>
      </div>
      {(previousInUse || state.fieldErrors?.replacePrevious) && (
        <div>
          <label className="flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              name="replacePrevious"
              className="size-4"
              aria-describedby={`replace-${name}-hint`}
            />
            {t("replacePrevious")}
          </label>
          <p
            id={`replace-${name}-hint`}
            className={`mt-1 text-xs ${state.fieldErrors?.replacePrevious ? "text-danger" : "text-muted"}`}
          >
            {state.fieldErrors?.replacePrevious?.join(" ") || t("replacePreviousHint")}
          </p>
        </div>
      )}
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t("saving") : t("setNew", { label: lower })}
      </Button>
    </form>
  );
}
