"use client";
import Link from "next/link";
import { useActionState } from "react";
import { Button, Notice } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";

export function ReplayButtons({
  action,
  id,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  id: number;
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const newId = state.ok ? state.values?.newCallId : undefined;
  return (
    <div className="space-y-3">
      <p className="text-sm text-muted">
        &quot;Resend original&quot; sends the logged bytes again: a lookup is answered again and logged as a duplicate
        (refused when the integration refuses duplicates), and a signed call older than the integration&apos;s timestamp
        tolerance is refused as stale, as replay protection should. &quot;Re-sign&quot; uses the current key and a fresh
        timestamp.
      </p>
      <div className="flex flex-wrap gap-2">
        <form action={formAction}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="mode" value="original" />
          <Button type="submit" variant="secondary" disabled={pending}>
            Resend original
          </Button>
        </form>
        <form action={formAction}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="mode" value="resign" />
          <Button type="submit" variant="secondary" disabled={pending}>
            Re-sign and send
          </Button>
        </form>
      </div>
      {state.message && (
        <Notice tone={state.ok ? "ok" : "danger"}>
          {state.message}{" "}
          {newId && (
            <Link className="underline" href={`/calls/${newId}`}>
              Open the new call
            </Link>
          )}
        </Notice>
      )}
    </div>
  );
}
