"use client";
// "Explain" for a failed inbound call: the inputs of the sign, the expected sign beside the
// received one, and the likely causes. Computed on the server (explainAction); no secret reaches
// the browser. Used on a call's page and in the signature lab.
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Badge, Button, Notice } from "@/components/ui";
import { initialActionState } from "@/lib/action-state";
import type { Explanation } from "@/lib/lab/explain";
import { explainAction, type LabExplainState } from "@/app/(dashboard)/lab/actions";

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-[12rem_1fr] gap-3 border-t border-line py-1.5 text-sm first:border-t-0">
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0 break-all font-mono text-xs" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

export function ExplanationView({ explanation: e }: { explanation: Explanation }) {
  const t = useTranslations("calls");
  const signed = e.kind !== "hyphenate-iframe" && e.kind !== "sobot-webhook";
  return (
    <div className="space-y-4" data-testid="explanation">
      <p className="text-sm" data-testid="explain-summary">
        {e.summary}
      </p>
      {e.explainable && (
        <dl aria-label={t("explain.how")}>
          {e.formula && <Row label={signed ? t("explain.sign") : t("explain.check")}>{e.formula}</Row>}
          {e.inputs.map((input) => (
            <Row key={input.name} label={input.name}>
              {input.value === "" ? <span className="text-muted">{t("explain.emptyValue")}</span> : input.value}
            </Row>
          ))}
          <Row label={signed ? t("explain.expectedSign") : t("explain.expected")} testId="explain-expected">
            {e.expected ?? "—"} {e.matchesCurrent && <Badge tone="ok">{t("explain.matches")}</Badge>}
          </Row>
          {e.expectedPrevious !== null && (
            <Row label={t("explain.expectedPrevious")} testId="explain-expected-previous">
              {e.expectedPrevious} {e.matchesPrevious && <Badge tone="warn">{t("explain.matches")}</Badge>}
            </Row>
          )}
          <Row label={signed ? t("explain.receivedSign") : t("explain.received")} testId="explain-received">
            {e.received || "—"}{" "}
            {!e.matchesCurrent && !e.matchesPrevious && e.received ? (
              <Badge tone="danger">{t("explain.mismatch")}</Badge>
            ) : null}
          </Row>
          {e.timestampDriftSeconds !== null && (
            <Row label={t("explain.drift")} testId="explain-drift">
              {e.timestampDriftSeconds} s
              {e.toleranceSeconds
                ? t("explain.tolerance", { seconds: String(e.toleranceSeconds) })
                : t("explain.noTolerance")}
            </Row>
          )}
        </dl>
      )}
      {e.params.length > 0 && (
        <table className="w-full text-xs" aria-label={t("explain.parameters")}>
          <thead>
            <tr className="text-left text-muted">
              <th className="py-1 pr-3 font-medium">{t("explain.parameter")}</th>
              <th className="py-1 pr-3 font-medium">{t("explain.received")}</th>
              <th className="py-1 font-medium">{t("explain.withCurrentKey")}</th>
            </tr>
          </thead>
          <tbody>
            {e.params.map((p) => (
              <tr key={p.name} className="border-t border-line">
                <td className="py-1 pr-3 font-mono">{p.name}</td>
                <td className="py-1 pr-3 font-mono break-all">{p.value}</td>
                <td className="py-1">{p.result}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {e.causes.length > 0 && (
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">{t("explain.likelyCauses")}</h3>
          <ul
            className="list-disc space-y-1 pl-5 text-sm"
            aria-label={t("explain.likelyCauses")}
            data-testid="explain-causes"
          >
            {e.causes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}
      {e.usualCauses.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer text-muted">{t("explain.usualCauses")}</summary>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-muted">
            {e.usualCauses.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** A button that explains call `callId`, then shows the explanation. */
export function ExplainPanel({ callId }: { callId: number }) {
  const t = useTranslations("calls");
  const [state, setState] = useState<LabExplainState>(initialActionState);
  const [pending, start] = useTransition();
  const explain = () =>
    start(async () => {
      const formData = new FormData();
      formData.set("callId", String(callId));
      setState(await explainAction(initialActionState, formData));
    });
  return (
    <section className="space-y-3" aria-label={t("explain.panel", { id: String(callId) })}>
      <Button type="button" variant="secondary" onClick={explain} disabled={pending}>
        {pending
          ? t("explain.explaining")
          : state.explanation
            ? t("explain.again")
            : t("explain.button", { id: String(callId) })}
      </Button>
      {!state.ok && state.message && <Notice>{state.message}</Notice>}
      {state.explanation && <ExplanationView explanation={state.explanation} />}
    </section>
  );
}
