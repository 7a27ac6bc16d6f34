"use client";
// The Sobot dictionary's forms: name an id (one step, from the list of unnamed ids), or add one.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, Notice, inputClass } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;

/** Names one id that arrived unnamed. */
export function NameIdForm({
  action,
  companyId,
  type,
  sobotId,
}: {
  action: Action;
  companyId: string;
  type: string;
  sobotId: string;
}) {
  const t = useTranslations("sobot");
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return (
    <form
      action={formAction}
      className="flex flex-wrap items-start gap-2"
      aria-label={t("nameItAria", { id: sobotId })}
    >
      <input type="hidden" name="companyId" value={companyId} />
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="sobotId" value={sobotId} />
      <div className="w-56">
        <Field
          label={type === "field" ? t("fieldKey") : t("name")}
          name={`name-${type}-${sobotId}`}
          errors={state.fieldErrors?.name}
        >
          {(a) => <input {...a} name="name" defaultValue={state.values?.name} className={inputClass} />}
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={pending} className="mt-6">
        {t("nameIt")}
      </Button>
      {state.message && (
        <div className="w-full">
          <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>
        </div>
      )}
    </form>
  );
}

/** Adds an entry, or gives an id another name. */
export function EntryForm({ action, companyId }: { action: Action; companyId: string }) {
  const t = useTranslations("sobot");
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const err = (k: string) => state.fieldErrors?.[k];
  return (
    <form key={state.seq} action={formAction} className="space-y-3" aria-label={t("addTitle")} noValidate>
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
      <input type="hidden" name="companyId" value={companyId} />
      <Field label={t("type")} name="type" errors={err("type")}>
        {(a) => (
          <select
            {...a}
            name="type"
            defaultValue={state.ok ? "label" : (state.values?.type ?? "label")}
            className={inputClass}
          >
            {(["label", "vipLevel", "field"] as const).map((value) => (
              <option key={value} value={value}>
                {t(`typeLabel.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("name")} name="name" errors={err("name")}>
        {(a) => <input {...a} name="name" defaultValue={state.ok ? "" : state.values?.name} className={inputClass} />}
      </Field>
      <Field label={t("sobotId")} name="sobotId" errors={err("sobotId")}>
        {(a) => (
          <input
            {...a}
            name="sobotId"
            defaultValue={state.ok ? "" : state.values?.sobotId}
            className={`${inputClass} font-mono`}
          />
        )}
      </Field>
      <Button type="submit" disabled={pending}>
        {t("save")}
      </Button>
    </form>
  );
}
