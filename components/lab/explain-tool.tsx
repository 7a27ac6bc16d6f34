"use client";
// Explain any logged call by its number, in the lab.
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { Button, Field, Notice, inputClass } from "@/components/ui";
import { ExplanationView } from "@/components/calls/explain-panel";
import { initialActionState } from "@/lib/action-state";
import { explainAction, type LabExplainState } from "@/app/(dashboard)/lab/actions";

export function ExplainTool({ initialCallId = "" }: { initialCallId?: string }) {
  const t = useTranslations("lab");
  const [callId, setCallId] = useState(initialCallId);
  const [state, setState] = useState<LabExplainState>(initialActionState);
  const [pending, start] = useTransition();
  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-2"
        aria-label={t("explainTitle")}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const formData = new FormData();
            formData.set("callId", callId);
            setState(await explainAction(initialActionState, formData));
          });
        }}
      >
        <div className="w-48">
          <Field label={t("explain.callNumber")} name="explain-call" errors={state.fieldErrors?.callId}>
            {(a) => (
              <input
                {...a}
                value={callId}
                onChange={(e) => setCallId(e.target.value)}
                inputMode="numeric"
                placeholder={t("explain.example")}
                className={inputClass}
              />
            )}
          </Field>
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? t("explain.explaining") : t("explain.explain")}
        </Button>
      </form>
      {!state.ok && state.message && <Notice>{state.message}</Notice>}
      {state.call && (
        <p className="text-sm">
          <Link className="text-accent underline" href={`/calls/${state.call.id}`}>
            {t("explain.call", { id: state.call.id })}
          </Link>{" "}
          · {state.call.outcome} · <span className="text-muted">{state.call.detail}</span>
        </p>
      )}
      {state.explanation && <ExplanationView explanation={state.explanation} />}
    </div>
  );
}
