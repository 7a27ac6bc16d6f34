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
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  id: string;
  name: string;
  label: string;
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
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t("saving") : t("setNew", { label: lower })}
      </Button>
    </form>
  );
}
