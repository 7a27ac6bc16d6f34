"use client";
// The lab's main form: call kind, integration, payload, options; Build and Send.
import { useMemo, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Button, Card, Field, Notice, inputClass } from "@/components/ui";
import { ExplainPanel } from "@/components/calls/explain-panel";
import { RequestView, SendResultView } from "@/components/lab/request-view";
import { initialActionState } from "@/lib/action-state";
import type { LabKind } from "@/lib/lab/build";
import { buildAction, sendAction, type LabBuildState, type LabSendState } from "@/app/(dashboard)/lab/actions";

export type LabKindChoice = { kind: LabKind; label: string; vendor: string; timestamped: boolean };
export type LabIntegrationChoice = { id: string; name: string; vendor: string; enabled: boolean };

export function LabConsole({
  kinds,
  integrations,
  payloads,
  initialKind,
}: {
  kinds: LabKindChoice[];
  integrations: LabIntegrationChoice[];
  /** Default payload per `${integrationId}:${kind}`, as pretty JSON. */
  payloads: Record<string, string>;
  initialKind?: LabKind;
}) {
  const t = useTranslations("lab.console");
  const firstFor = (kind: LabKind) =>
    integrations.find((i) => i.vendor === kinds.find((k) => k.kind === kind)?.vendor)?.id ?? "";
  const [kind, setKind] = useState<LabKind>(initialKind ?? kinds[0].kind);
  const [integrationId, setIntegrationId] = useState(() => firstFor(initialKind ?? kinds[0].kind));
  const [payload, setPayload] = useState(
    () => payloads[`${firstFor(initialKind ?? kinds[0].kind)}:${initialKind ?? kinds[0].kind}`] ?? "{}",
  );
  const [timestamp, setTimestamp] = useState("");
  const [wrongKey, setWrongKey] = useState(false);
  const [state, setState] = useState<LabBuildState & LabSendState>(initialActionState);
  const [pending, start] = useTransition();
  const info = kinds.find((k) => k.kind === kind)!;
  const choices = useMemo(() => integrations.filter((i) => i.vendor === info.vendor), [integrations, info.vendor]);

  const choose = (nextKind: LabKind, nextIntegration: string) => {
    setKind(nextKind);
    setIntegrationId(nextIntegration);
    setPayload(payloads[`${nextIntegration}:${nextKind}`] ?? "{}");
    setState(initialActionState);
  };

  const run = (action: typeof buildAction | typeof sendAction) =>
    start(async () => {
      const formData = new FormData();
      formData.set("kind", kind);
      formData.set("integrationId", integrationId);
      formData.set("payload", payload);
      formData.set("timestamp", timestamp);
      if (wrongKey) formData.set("wrongKey", "on");
      setState(await action(initialActionState, formData));
    });

  const err = (name: string) => state.fieldErrors?.[name];
  return (
    <div className="space-y-5">
      <Card title={t("request")}>
        <form
          className="space-y-4"
          aria-label={t("buildAria")}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            run(buildAction);
          }}
        >
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            <Field label={t("callKind")} name="lab-kind" errors={err("kind")}>
              {(a) => (
                <select
                  {...a}
                  value={kind}
                  onChange={(e) => choose(e.target.value as LabKind, firstFor(e.target.value as LabKind))}
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
            <Field
              label={t("integration")}
              name="lab-integration"
              errors={err("integrationId")}
              hint={choices.length === 0 ? t("noIntegration", { vendor: info.vendor }) : t("onlyVendor")}
            >
              {(a) => (
                <select
                  {...a}
                  value={integrationId}
                  onChange={(e) => choose(kind, e.target.value)}
                  className={inputClass}
                >
                  {choices.length === 0 && <option value="">—</option>}
                  {choices.map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.name}
                      {i.enabled ? "" : t("disabledSuffix")}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Field
            label={t("payload")}
            name="lab-payload"
            errors={err("payload")}
            hint={
              kind === "sobot-crm"
                ? t("hintSobotCrm")
                : kind === "hyphenate-iframe"
                  ? t("hintHyphenate")
                  : kind === "sobot-webhook"
                    ? t("hintWebhook")
                    : t("hintUdesk")
            }
          >
            {(a) => (
              <textarea
                {...a}
                value={payload}
                onChange={(e) => setPayload(e.target.value)}
                rows={10}
                spellCheck={false}
                className={`${inputClass} font-mono text-xs`}
              />
            )}
          </Field>
          <div className="grid grid-cols-1 items-end gap-4 md:grid-cols-2">
            <Field
              label={t("timestamp")}
              name="lab-timestamp"
              errors={err("timestamp")}
              hint={info.timestamped ? t("timestampHint") : t("noTimestamp")}
            >
              {(a) => (
                <input
                  {...a}
                  value={timestamp}
                  onChange={(e) => setTimestamp(e.target.value)}
                  inputMode="numeric"
                  placeholder={t("now")}
                  disabled={!info.timestamped}
                  className={inputClass}
                />
              )}
            </Field>
            <div className="flex items-center gap-2 pb-1.5">
              <input
                id="lab-wrong-key"
                type="checkbox"
                checked={wrongKey}
                onChange={(e) => setWrongKey(e.target.checked)}
                className="h-4 w-4"
              />
              <label htmlFor="lab-wrong-key" className="text-sm">
                {t("wrongKey")}
              </label>
            </div>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="secondary" disabled={pending || !integrationId}>
              {pending ? t("working") : t("build")}
            </Button>
            <Button type="button" disabled={pending || !integrationId} onClick={() => run(sendAction)}>
              {t("send")}
            </Button>
            <Button
              type="button"
              variant="ghost"
              disabled={pending}
              onClick={() => setPayload(payloads[`${integrationId}:${kind}`] ?? "{}")}
            >
              {t("reset")}
            </Button>
          </div>
          {state.message && (!state.ok || state.sent) && (
            <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>
          )}
        </form>
      </Card>
      {state.sent && (
        <Card title={t("answer")}>
          <SendResultView sent={state.sent} />
          {state.sent.call && !["ok", "not_found"].includes(state.sent.call.outcome) && (
            <div className="mt-4 border-t border-line pt-4">
              <ExplainPanel key={state.sent.call.id} callId={state.sent.call.id} />
            </div>
          )}
        </Card>
      )}
      {state.built && (
        <Card title={state.sent ? t("sentRequest") : t("vendorRequest")}>
          <RequestView built={state.built} />
        </Card>
      )}
    </div>
  );
}
