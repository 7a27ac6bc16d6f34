"use client";
import { useActionState } from "react";
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
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return (
    <form key={state.seq} action={formAction} className="space-y-3" noValidate aria-label={`Rotate ${label}`}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="name" value={name} />
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
      <div className="grid grid-cols-3 gap-3">
        <div className="col-span-2">
          <Field
            label={`New ${label.toLowerCase()}`}
            name={`rotate-${name}`}
            errors={state.fieldErrors?.[`secrets.${name}`]}
          >
            {(a) => <input {...a} name={`secrets.${name}`} type="password" autoComplete="off" className={inputClass} />}
          </Field>
        </div>
        <Field label="Keep the old one valid for" name={`grace-${name}`} errors={state.fieldErrors?.grace}>
          {(a) => (
            <select {...a} name="grace" defaultValue="24h" className={inputClass}>
              <option value="0">No grace: replace at once</option>
              <option value="1h">1 hour</option>
              <option value="24h">24 hours</option>
              <option value="3d">3 days</option>
              <option value="7d">7 days</option>
            </select>
          )}
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : `Set new ${label.toLowerCase()}`}
      </Button>
    </form>
  );
}
