"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, Notice, inputClass } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";
import type { TriggerChoice } from "@/lib/vendors/sobot/api/available";

export function TriggerForm({
  action,
  choices,
  body,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  choices: TriggerChoice[];
  body: string;
}) {
  const t = useTranslations("customers");
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const v = state.values ?? {};
  return (
    <form key={state.seq} action={formAction} className="space-y-3" noValidate aria-label={t("trigger.form")}>
      <Field label={t("trigger.trigger")} name="trigger" errors={state.fieldErrors?.trigger}>
        {(a) => (
          <select {...a} name="trigger" defaultValue={v.trigger} className={inputClass}>
            {choices.map((c) => (
              <option key={`${c.integrationId}:${c.trigger}`} value={`${c.integrationId}|${c.trigger}`}>
                {c.integrationName} · {c.trigger} ({c.triggerId})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t("trigger.body")}
        name="trigger-body"
        errors={state.fieldErrors?.body}
        hint={t("trigger.bodyHint")}
      >
        {(a) => (
          <textarea
            {...a}
            name="body"
            rows={4}
            defaultValue={v.body ?? body}
            className={`${inputClass} font-mono text-xs`}
          />
        )}
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t("trigger.sending") : t("trigger.send")}
      </Button>
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
    </form>
  );
}
