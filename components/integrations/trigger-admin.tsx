"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, Notice, inputClass } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";

export function AddTriggerForm({
  action,
  id,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  id: string;
}) {
  const t = useTranslations("integrations.trigger");
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <form key={state.seq} action={formAction} className="space-y-3" noValidate aria-label={t("aria")}>
      <input type="hidden" name="id" value={id} />
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
      <div className="grid grid-cols-3 gap-3">
        <Field label={t("name")} name="trigger-name" errors={state.fieldErrors?.name}>
          {(a) => <input {...a} name="name" defaultValue={v.name} className={inputClass} />}
        </Field>
        <Field label={t("id")} name="trigger-id" errors={state.fieldErrors?.triggerId}>
          {(a) => <input {...a} name="triggerId" defaultValue={v.triggerId} className={inputClass} />}
        </Field>
        <Field label={t("secret")} name="trigger-secret" errors={state.fieldErrors?.secret}>
          {(a) => <input {...a} name="secret" type="password" autoComplete="off" className={inputClass} />}
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("add")}
      </Button>
    </form>
  );
}
