"use client";
import { useActionState } from "react";
import { useTimeZone, useTranslations } from "next-intl";
import { Button, Field, Notice, inputClass } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";
import { ORDER_STATUSES } from "@/lib/customers/schemas";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  initial: Record<string, string>;
  hidden: Record<string, string | number>;
  submitLabel: string;
  idPrefix: string;
};

export function OrderForm({ action, initial, hidden, submitLabel, idPrefix }: Props) {
  const t = useTranslations("customers");
  const zone = useTimeZone() ?? "UTC";
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const v = state.ok ? initial : (state.values ?? initial);
  const err = (name: string) => state.fieldErrors?.[name === "amount" ? "amountCents" : name];
  const field = (name: string, label: string, props: React.ComponentProps<"input"> = {}, hint?: string) => (
    <Field label={label} name={`${idPrefix}-${name}`} errors={err(name)} hint={hint}>
      {(a11y) => <input {...a11y} name={name} defaultValue={v[name] ?? ""} className={inputClass} {...props} />}
    </Field>
  );
  return (
    <form key={state.seq} action={formAction} className="space-y-3" noValidate>
      {Object.entries(hidden).map(([k, val]) => (
        <input key={k} type="hidden" name={k} value={val} />
      ))}
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
      <div className="grid grid-cols-3 gap-3">
        {field("orderNo", t("order.number"))}
        <div className="col-span-2">{field("title", t("order.title"))}</div>
        {field("amount", t("order.amount"), { inputMode: "decimal" }, t("order.amountHint"))}
        {field("quantity", t("order.quantity"), { inputMode: "numeric" })}
        <Field label={t("order.status")} name={`${idPrefix}-status`} errors={err("status")}>
          {(a11y) => (
            <select {...a11y} name="status" defaultValue={v.status ?? "paid"} className={inputClass}>
              {ORDER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`statuses.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="col-span-2">{field("imageUrl", t("order.imageUrl"), { type: "url" })}</div>
        {field("createdAt", t("order.created", { zone }), {}, t("order.createdHint"))}
        <div className="col-span-3">
          <Field
            label={t("order.shipments")}
            name={`${idPrefix}-shipments`}
            errors={err("shipments")}
            hint={t("order.shipmentsHint", { zone, example: t("order.shipmentsExample") })}
          >
            {(a11y) => (
              <textarea
                {...a11y}
                name="shipments"
                rows={3}
                defaultValue={v.shipments ?? ""}
                className={`${inputClass} font-mono text-xs`}
              />
            )}
          </Field>
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("order.saving") : submitLabel}
      </Button>
    </form>
  );
}
