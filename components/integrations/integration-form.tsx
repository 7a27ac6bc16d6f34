"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, LinkButton, Notice, inputClass } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";
import type { SecretSpec, SettingField } from "@/lib/integrations/kinds";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  vendor: string;
  settingFields: SettingField[];
  /** Only when creating: secrets are set here once, then rotated. */
  secrets?: SecretSpec[];
  initial: Record<string, string>;
  id?: string;
  submitLabel: string;
  cancelHref?: string;
};

export function IntegrationForm({
  action,
  vendor,
  settingFields,
  secrets = [],
  initial,
  id,
  submitLabel,
  cancelHref,
}: Props) {
  const t = useTranslations("integrations.form");
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const v = state.ok ? initial : (state.values ?? initial);
  const err = (name: string) => state.fieldErrors?.[name];
  return (
    <form key={state.seq} action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="vendor" value={vendor} />
      {id && <input type="hidden" name="id" value={id} />}
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
      <Field label={t("name")} name="name" errors={err("name")} hint={t("nameHint")}>
        {(a) => <input {...a} name="name" defaultValue={v.name ?? ""} className={inputClass} />}
      </Field>
      {settingFields.map((f) =>
        f.type === "checkbox" ? (
          <div key={f.name}>
            <label className="flex items-center gap-2 text-sm font-medium">
              <input
                type="checkbox"
                name={`settings.${f.name}`}
                defaultChecked={v[`settings.${f.name}`] === "on"}
                className="size-4"
              />
              {f.label}
            </label>
            {f.hint && <p className="mt-1 text-xs text-muted">{f.hint}</p>}
          </div>
        ) : (
          <Field key={f.name} label={f.label} name={`settings.${f.name}`} errors={err(f.name)} hint={f.hint}>
            {(a) =>
              f.type === "select" ? (
                <select
                  {...a}
                  name={`settings.${f.name}`}
                  defaultValue={v[`settings.${f.name}`] ?? f.options?.[0]}
                  className={inputClass}
                >
                  {f.options?.map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
              ) : f.type === "list" ? (
                <textarea
                  {...a}
                  name={`settings.${f.name}`}
                  rows={3}
                  defaultValue={v[`settings.${f.name}`] ?? ""}
                  className={`${inputClass} font-mono text-xs`}
                />
              ) : (
                <input
                  {...a}
                  name={`settings.${f.name}`}
                  inputMode={f.type === "number" ? "numeric" : undefined}
                  defaultValue={v[`settings.${f.name}`] ?? ""}
                  className={inputClass}
                />
              )
            }
          </Field>
        ),
      )}
      {secrets.map((s) => (
        <Field
          key={s.name}
          label={s.label}
          name={`secrets.${s.name}`}
          errors={err(`secrets.${s.name}`)}
          hint={`${s.hint ?? ""} ${t("storedEncrypted")}`}
        >
          {(a) => (
            <input
              {...a}
              name={`secrets.${s.name}`}
              type="password"
              autoComplete="off"
              placeholder={s.optional ? t("optional") : undefined}
              className={inputClass}
            />
          )}
        </Field>
      ))}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : submitLabel}
        </Button>
        {cancelHref && <LinkButton href={cancelHref}>{t("cancel")}</LinkButton>}
      </div>
    </form>
  );
}
