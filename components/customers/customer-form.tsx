"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, LinkButton, Notice, inputClass } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";
import { EXTERNAL_ID_KINDS } from "@/lib/customers/schemas";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  initial: Record<string, string>;
  customerId?: number;
  cancelHref: string;
  submitLabel: string;
};

export function CustomerForm({ action, initial, customerId, cancelHref, submitLabel }: Props) {
  const t = useTranslations("customers");
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const v = state.values ?? initial;
  const err = (name: string) => state.fieldErrors?.[name];
  const text = (name: string, label: string, hint?: string, props: React.ComponentProps<"input"> = {}) => (
    <Field label={label} name={name} errors={err(name)} hint={hint}>
      {(a11y) => <input {...a11y} name={name} defaultValue={v[name] ?? ""} className={inputClass} {...props} />}
    </Field>
  );
  const area = (name: string, label: string, hint?: string, rows = 3) => (
    <Field label={label} name={name} errors={err(name)} hint={hint}>
      {(a11y) => <textarea {...a11y} name={name} rows={rows} defaultValue={v[name] ?? ""} className={inputClass} />}
    </Field>
  );

  return (
    <form key={state.seq} action={formAction} className="space-y-6" noValidate>
      {customerId !== undefined && <input type="hidden" name="id" value={customerId} />}
      {state.message && !state.ok && <Notice id="form-error">{state.message}</Notice>}

      <fieldset className="grid grid-cols-2 gap-4">
        <legend className="col-span-2 mb-2 text-sm font-semibold">{t("form.identity")}</legend>
        {text("uname", t("form.nickname"), undefined, { autoFocus: true })}
        {text("realname", t("form.realName"))}
        {area("emails", t("form.emails"), t("form.emailsHint"))}
        {area("phones", t("form.phones"), t("form.phonesHint"))}
      </fieldset>

      <fieldset className="grid grid-cols-2 gap-4">
        <legend className="col-span-2 mb-2 text-sm font-semibold">{t("form.service")}</legend>
        <div className="flex items-end gap-4">
          <label className="flex items-center gap-2 pb-2 text-sm font-medium">
            <input type="checkbox" name="isVip" defaultChecked={v.isVip === "on"} className="size-4" />
            {t("form.vip")}
          </label>
          <div className="flex-1">{text("vipLevel", t("form.vipLevel"))}</div>
        </div>
        {text("labels", t("form.labels"), t("form.labelsHint"))}
        <div className="col-span-2">{area("remark", t("form.remark"), undefined, 3)}</div>
        <div className="col-span-2">{area("customFields", t("form.customFields"), t("form.customFieldsHint"), 3)}</div>
      </fieldset>

      <fieldset className="grid grid-cols-2 gap-4">
        <legend className="col-span-2 mb-1 text-sm font-semibold">{t("form.externalIds")}</legend>
        <p className="col-span-2 -mt-2 text-xs text-muted">
          {t("form.externalIdsHint")}
          {t("gap")}
          {t("form.externalIdsRule")}
        </p>
        {EXTERNAL_ID_KINDS.map((kind) => (
          <div key={kind}>{text(`ext.${kind}`, t(`kinds.${kind}`))}</div>
        ))}
      </fieldset>

      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("form.saving") : submitLabel}
        </Button>
        <LinkButton href={cancelHref}>{t("form.cancel")}</LinkButton>
      </div>
    </form>
  );
}
