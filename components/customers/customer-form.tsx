"use client";
import { useActionState } from "react";
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
        <legend className="col-span-2 mb-2 text-sm font-semibold">Identity</legend>
        {text("uname", "Nickname (uname)", undefined, { autoFocus: true, maxLength: 100 })}
        {text("realname", "Real name", undefined, { maxLength: 100 })}
        {area("emails", "Emails", "One per line.")}
        {area("phones", "Phones", "One per line; spaces, dashes and + are fine.")}
      </fieldset>

      <fieldset className="grid grid-cols-2 gap-4">
        <legend className="col-span-2 mb-2 text-sm font-semibold">Service</legend>
        <div className="flex items-end gap-4">
          <label className="flex items-center gap-2 pb-2 text-sm font-medium">
            <input type="checkbox" name="isVip" defaultChecked={v.isVip === "on"} className="size-4" />
            VIP
          </label>
          <div className="flex-1">{text("vipLevel", "VIP level", undefined, { maxLength: 50 })}</div>
        </div>
        {text("labels", "Labels", "Comma-separated.")}
        <div className="col-span-2">{area("remark", "Remark", undefined, 3)}</div>
        <div className="col-span-2">
          {area("customFields", "Custom fields", "One key=value per line, e.g. city=上海.", 3)}
        </div>
      </fieldset>

      <fieldset className="grid grid-cols-2 gap-4">
        <legend className="col-span-2 mb-1 text-sm font-semibold">External ids</legend>
        <p className="col-span-2 -mt-2 text-xs text-muted">
          How vendors name this customer. Each id belongs to one customer only; separate several with commas.
        </p>
        {EXTERNAL_ID_KINDS.map((kind) => (
          <div key={kind}>{text(`ext.${kind}`, kind)}</div>
        ))}
      </fieldset>

      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        <LinkButton href={cancelHref}>Cancel</LinkButton>
      </div>
    </form>
  );
}
