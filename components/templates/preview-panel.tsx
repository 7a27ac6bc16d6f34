"use client";
// The template editor's right side: "Try it" on a customer or a logged call, the chat preview,
// and the exact JSON Udesk receives.
import { Field, Notice, inputClass } from "@/components/ui";
import { ChatPreview } from "@/components/templates/chat-preview";
import { useTemplateText } from "@/components/templates/use-template-text";
import type { PreviewResult } from "@/lib/templates/preview";

type Props = {
  tryCustomer: string;
  setTryCustomer: (value: string) => void;
  tryCall: string;
  setTryCall: (value: string) => void;
  pending: boolean;
  result: PreviewResult | null;
};

export function PreviewPanel({ tryCustomer, setTryCustomer, tryCall, setTryCall, pending, result }: Props) {
  const { t, tr, trProblem } = useTemplateText();
  return (
    <section aria-label={t("preview.aria")} className="space-y-4 xl:sticky xl:top-4 xl:self-start">
      <div className="flex flex-wrap items-end gap-3 rounded-lg border border-line bg-surface p-3">
        <p className="w-full text-sm font-semibold">{t("preview.tryIt")}</p>
        <Field label={t("preview.onCustomer")} name="try-customer">
          {(a) => (
            <input
              {...a}
              inputMode="numeric"
              value={tryCustomer}
              onChange={(e) => {
                setTryCustomer(e.target.value);
                setTryCall("");
              }}
              className={`${inputClass} w-28`}
            />
          )}
        </Field>
        <Field label={t("preview.onCall")} name="try-call">
          {(a) => (
            <input
              {...a}
              inputMode="numeric"
              value={tryCall}
              onChange={(e) => {
                setTryCall(e.target.value);
                setTryCustomer("");
              }}
              className={`${inputClass} w-28`}
            />
          )}
        </Field>
        <p className="pb-2 text-xs text-muted">
          {pending
            ? t("preview.rendering")
            : result?.source
              ? t("preview.renderedOn", { source: tr(result.source) })
              : ""}
        </p>
      </div>
      <div className="rounded-lg border border-line bg-surface-2 p-4" data-testid="chat-preview">
        {result?.ok ? (
          <ChatPreview answer={result.answer as Record<string, unknown>} />
        ) : result ? (
          <Notice>
            {tr(result.error)}
            {result.problems.length > 0 && (
              <ul className="mt-1 list-inside list-disc">
                {result.problems.map((p) => (
                  <li key={p}>{trProblem(p)}</li>
                ))}
              </ul>
            )}
          </Notice>
        ) : (
          <p className="text-sm text-muted">{t("preview.rendering")}</p>
        )}
      </div>
      <div>
        <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">{t("preview.json")}</h2>
        <pre
          className="max-h-[32rem] overflow-auto rounded-md bg-surface-2 p-3 font-mono text-xs"
          data-testid="answer-json"
        >
          {result?.ok ? JSON.stringify(result.answer, null, 2) : "—"}
        </pre>
      </div>
    </section>
  );
}
