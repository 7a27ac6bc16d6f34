"use client";
// Settings → who must use two-factor sign-in.
import { useActionState } from "react";
import { Button, Notice, inputClass } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";

const CHOICES = [
  ["off", "Nobody (each user chooses)"],
  ["admins", "Admins"],
  ["everyone", "Everyone"],
] as const;

export function TwoFactorPolicyForm({
  policy,
  save,
}: {
  policy: string;
  save: (s: ActionState, f: FormData) => Promise<ActionState>;
}) {
  const [state, action, pending] = useActionState(save, initialActionState);
  return (
    <form key={state.seq} action={action} className="space-y-3">
      <p className="text-sm text-muted">
        Users it applies to who have not set it up are asked to before anything else opens, from their next page on (you
        too). An admin can turn a user&apos;s two-factor sign-in off under Users (a lost phone); the command line can
        change this setting when nobody can sign in: <code>deskbridge settings two-factor off</code>.
      </p>
      <div className="flex items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium">Required for</span>
          <select name="twoFactor" defaultValue={state.values?.twoFactor ?? policy} className={inputClass}>
            {CHOICES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" disabled={pending}>
          Save
        </Button>
      </div>
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
    </form>
  );
}
