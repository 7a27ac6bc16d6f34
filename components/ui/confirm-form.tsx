"use client";
// A destructive action behind a confirmation step, with its result announced.
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { Button, Notice } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";

export function ConfirmForm({
  action,
  fields,
  label,
  question,
  confirmLabel,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string | number>;
  label: string;
  question: string;
  confirmLabel: string;
}) {
  const t = useTranslations("common");
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const [asking, setAsking] = useState(false);
  return (
    <div className="space-y-2">
      {!asking ? (
        <Button type="button" variant="danger" onClick={() => setAsking(true)}>
          {label}
        </Button>
      ) : (
        <form action={formAction} className="flex flex-wrap items-center gap-2" aria-label={question}>
          {Object.entries(fields).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <span className="text-sm">{question}</span>
          <Button type="submit" variant="danger" disabled={pending} autoFocus>
            {pending ? t("deleting") : confirmLabel}
          </Button>
          <Button type="button" variant="secondary" onClick={() => setAsking(false)}>
            {t("cancel")}
          </Button>
        </form>
      )}
      {state.message && !state.ok && <Notice>{state.message}</Notice>}
    </div>
  );
}
