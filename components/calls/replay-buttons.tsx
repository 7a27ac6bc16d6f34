"use client";
import Link from "next/link";
import { Fragment, useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Notice } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";

export function ReplayButtons({
  action,
  id,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  id: number;
}) {
  const t = useTranslations("calls");
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const newId = state.ok ? state.values?.newCallId : undefined;
  return (
    <div className="space-y-3">
      <p className="text-sm text-muted">
        {(["a", "b", "c", "d", "e"] as const).map((part, i) => (
          <Fragment key={part}>
            {i > 0 && t("gap")}
            {t(`replay.about.${part}`)}
          </Fragment>
        ))}
      </p>
      <div className="flex flex-wrap gap-2">
        <form action={formAction}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="mode" value="original" />
          <Button type="submit" variant="secondary" disabled={pending}>
            {t("replay.original")}
          </Button>
        </form>
        <form action={formAction}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="mode" value="resign" />
          <Button type="submit" variant="secondary" disabled={pending}>
            {t("replay.resign")}
          </Button>
        </form>
      </div>
      {state.message && (
        <Notice tone={state.ok ? "ok" : "danger"}>
          {state.message}{" "}
          {newId && (
            <Link className="underline" href={`/calls/${newId}`}>
              {t("replay.open")}
            </Link>
          )}
        </Notice>
      )}
    </div>
  );
}
