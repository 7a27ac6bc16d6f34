"use client";
// "Send a test call": a correctly signed call of the chosen kind, sent by the server to its own
// listening address through the live endpoint (the signature lab's Send), its answer shown
// decoded and the call it left in the log linked. For Hyphenate, also "Open the panel as customer".
import { useActionState, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, Notice, inputClass } from "@/components/ui";
import { SendResultView } from "@/components/lab/request-view";
import { initialActionState } from "@/lib/action-state";
import type { LabKind } from "@/lib/lab/build";
import { sendAction, type LabSendState } from "@/app/(dashboard)/lab/actions";
import { panelUrlAction, type PanelUrlState } from "@/app/(dashboard)/integrations/panel-action";

export type TestCallKind = { kind: LabKind; label: string; payload: string };

export function TestCall({ integrationId, kinds }: { integrationId: string; kinds: TestCallKind[] }) {
  const t = useTranslations("integrations.test");
  const [kind, setKind] = useState(kinds[0].kind);
  const [state, setState] = useState<LabSendState>(initialActionState);
  const [pending, start] = useTransition();
  const chosen = kinds.find((k) => k.kind === kind)!;
  const send = () =>
    start(async () => {
      const formData = new FormData();
      formData.set("kind", kind);
      formData.set("integrationId", integrationId);
      formData.set("payload", chosen.payload);
      setState(await sendAction(initialActionState, formData));
    });
  return (
    <div className="space-y-4">
      <p className="text-sm text-muted">{`${t("intro.1")}${t("intro.2")}${t("intro.3")}`}</p>
      <div className="flex flex-wrap items-end gap-2">
        {kinds.length > 1 && (
          <Field label={t("callKind")} name="test-call-kind">
            {(a) => (
              <select
                {...a}
                value={kind}
                onChange={(e) => {
                  setKind(e.target.value as LabKind);
                  setState(initialActionState);
                }}
                className={inputClass}
              >
                {kinds.map((k) => (
                  <option key={k.kind} value={k.kind}>
                    {k.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Button type="button" onClick={send} disabled={pending}>
          {pending ? t("sending") : t("send")}
        </Button>
      </div>
      <details className="text-xs">
        <summary className="cursor-pointer text-muted">{t("whatSent")}</summary>
        <pre className="mt-2 overflow-x-auto rounded bg-surface-2 p-2">{chosen.payload}</pre>
      </details>
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
      {state.sent && <SendResultView sent={state.sent} />}
    </div>
  );
}

export function OpenPanel({ integrationId }: { integrationId: string }) {
  const t = useTranslations("integrations.test");
  const [state, action, pending] = useActionState<PanelUrlState, FormData>(panelUrlAction, initialActionState);
  return (
    <form action={action} className="space-y-3" aria-label={t("panelAria")}>
      <input type="hidden" name="integrationId" value={integrationId} />
      <div className="flex flex-wrap items-end gap-2">
        <Field label={t("customer")} name="customerId" errors={state.fieldErrors?.customerId}>
          {(a) => (
            <input
              {...a}
              name="customerId"
              inputMode="numeric"
              defaultValue={state.values?.customerId ?? ""}
              className={`${inputClass} w-32`}
            />
          )}
        </Field>
        <Button type="submit" variant="secondary" disabled={pending}>
          {t("openPanel")}
        </Button>
      </div>
      {state.message && !state.ok && <Notice tone="danger">{state.message}</Notice>}
      {state.url && (
        <p className="text-sm">
          <a className="text-accent underline" href={state.url} target="_blank" rel="noopener noreferrer">
            {state.message} {t("openIt")}
          </a>{" "}
          <span className="text-xs text-muted">{t("urlNote")}</span>
        </p>
      )}
    </form>
  );
}
