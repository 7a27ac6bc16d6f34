"use client";
// "Test a question": type what a visitor asks (and, optionally, Udesk's matched regex and a
// customer); see which rule answers and its answer, as a message-triggered call would get it.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, Notice, inputClass } from "@/components/ui";
import { initialActionState } from "@/lib/action-state";
import type { QuestionTestState } from "@/app/(dashboard)/templates/answer-actions";

type Action = (s: QuestionTestState, f: FormData) => Promise<QuestionTestState>;

export function QuestionTester({ action, integrationId }: { action: Action; integrationId: string }) {
  const t = useTranslations("templates.answers");
  const [state, formAction, pending] = useActionState(action, initialActionState as QuestionTestState);
  const v = state.values ?? {};
  const err = (k: string) => state.fieldErrors?.[k];
  const rule = state.result?.rule;
  return (
    <form action={formAction} className="space-y-3" noValidate aria-label={t("testTitle")}>
      <input type="hidden" name="integrationId" value={integrationId} />
      <Field label={t("question")} name="question" errors={err("question")}>
        {(a) => <input {...a} name="question" defaultValue={v.question} className={inputClass} />}
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label={t("regex")} name="regex">
          {(a) => <input {...a} name="regex" defaultValue={v.regex} className={`${inputClass} font-mono`} />}
        </Field>
        <Field label={t("asCustomer")} name="test-customerId" errors={err("customerId")}>
          {(a) => (
            <input {...a} name="customerId" inputMode="numeric" defaultValue={v.customerId} className={inputClass} />
          )}
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t("testing") : t("test")}
      </Button>
      {state.message && !state.ok && <Notice tone="danger">{state.message}</Notice>}
      {state.ok && state.result && (
        <div className="space-y-1 rounded-md border border-line p-3 text-sm" data-testid="question-result">
          <p data-testid="question-rule">
            {rule
              ? t("ruleAnswers", {
                  position: rule.position,
                  how: `${rule.matchType}${rule.pattern ? `: ${rule.pattern}` : ""}`,
                })
              : t("noRule")}
          </p>
          <p className="whitespace-pre-wrap font-medium" data-testid="question-answer">
            {state.result.answer || t("emptyResult")}
          </p>
        </div>
      )}
    </form>
  );
}
