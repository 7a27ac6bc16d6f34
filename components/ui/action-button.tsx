"use client";
// A one-button form (enable/disable and the like) that announces its result.
import { useActionState } from "react";
import { Button, Notice, type ButtonVariant } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";

export function ActionButton({
  action,
  fields,
  label,
  variant = "secondary",
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  fields: Record<string, string | number>;
  label: string;
  variant?: ButtonVariant;
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="space-y-2">
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Button type="submit" variant={variant} disabled={pending}>
        {label}
      </Button>
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
    </form>
  );
}
