"use client";
// The card template editor: a form per kind on the left; on the right a live preview as the chat
// shows it and the exact JSON Udesk receives, rendered on the server (sanitized, validated).
import { useActionState, useEffect, useMemo, useState, useTransition } from "react";
import { Field, Notice, inputClass } from "@/components/ui";
import { FIELDS, itemErrors, lines } from "@/components/templates/editor-text";
import { KindOptions } from "@/components/templates/kind-options";
import { PreviewPanel } from "@/components/templates/preview-panel";
import { SaveBar } from "@/components/templates/save-bar";
import { useUnsavedGuard } from "@/components/templates/use-unsaved-guard";
import { useTemplateText } from "@/components/templates/use-template-text";
import { editorWarnings } from "@/lib/templates/editor-checks";
import { INTEGER_ID_KINDS } from "@/lib/templates/integer-fields";
import { initialActionState, type ActionState } from "@/lib/action-state";
import {
  defaultConfig,
  TEMPLATE_KINDS,
  type ItemField,
  type TemplateConfigInput,
  type TemplateKind,
} from "@/lib/templates/config";
import type { PreviewResult } from "@/lib/templates/preview";
import { useHydrated } from "@/components/ui/use-hydrated";

type Props = {
  save: (s: ActionState, f: FormData) => Promise<ActionState>;
  preview: (config: unknown, from: { customerId?: number; callId?: number }) => Promise<PreviewResult>;
  integrations: { id: string; name: string }[];
  initial?: {
    id: number;
    integrationId: string;
    name: string;
    taskNodeId: string | null;
    isDefault: boolean;
    form: boolean;
    config: TemplateConfigInput;
  };
  canEdit: boolean;
};

/** Fields of the form's head and the save's own checks: only a save speaks for them. */
const HEAD_KEYS = new Set(["name", "integrationId", "taskNodeId", "isDefault", "form", "config"]);

export function TemplateEditor({ save, preview, integrations, initial, canEdit }: Props) {
  const { t, trList, trErrors } = useTemplateText();
  const [state, formAction, saving] = useActionState(save, initialActionState);
  const [config, setConfig] = useState<TemplateConfigInput>(initial?.config ?? defaultConfig("bubble_list"));
  // Controlled, like the configuration: React resets a form's own fields after each action, and a
  // refused save must not lose what was typed.
  const [head, setHead] = useState({
    name: initial?.name ?? "",
    integrationId: initial?.integrationId ?? integrations[0]?.id ?? "",
    taskNodeId: initial?.taskNodeId ?? "",
    isDefault: Boolean(initial?.isDefault),
    form: Boolean(initial?.form),
  });
  const [tryCustomer, setTryCustomer] = useState("");
  const [tryCall, setTryCall] = useState("");
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const kind = config.kind as TemplateKind;
  const set = (patch: Partial<TemplateConfigInput>) => setConfig((c) => ({ ...c, ...patch }));
  const setMapping = (field: ItemField, value: string) =>
    setConfig((c) => ({ ...c, mapping: { ...(c.mapping ?? {}), [field]: value } }));
  const serialized = useMemo(() => JSON.stringify(config), [config]);
  // A refused save names its fields; so does the preview, as soon as the configuration is invalid.
  // Once previewed, the configuration's fields show the preview's verdict on what is there now,
  // not a refused save's on what was there then.
  const previewErrors = trErrors(result && !result.ok ? result.fieldErrors : undefined);
  const err = (k: string) =>
    result && !HEAD_KEYS.has(k) ? previewErrors?.[k] : (trList(state.fieldErrors?.[k]) ?? previewErrors?.[k]);
  const warnings = useMemo(() => trErrors(editorWarnings(config, head)) ?? {}, [config, head, trErrors]);
  const hintOr = (k: string, hint?: string) =>
    warnings[k] ? <span className="text-warn">⚠ {warnings[k].join(" · ")}</span> : hint;
  const [confirming, setConfirming] = useState(false);
  // Unsaved changes: anything differing from what was loaded (or the new template's start).
  const [loaded] = useState(() => JSON.stringify({ config, head }));
  const dirty = loaded !== JSON.stringify({ config, head });
  useUnsavedGuard(dirty && !saving, t("save.leave"));
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (Object.keys(warnings).length && submitter?.name !== "confirmed") {
      e.preventDefault();
      setConfirming(true);
    }
  };

  useEffect(() => {
    const timer = setTimeout(() => {
      startTransition(async () => {
        setResult(
          await preview(JSON.parse(serialized), {
            customerId: Number(tryCustomer) || undefined,
            callId: Number(tryCall) || undefined,
          }),
        );
      });
    }, 300);
    return () => clearTimeout(timer);
  }, [serialized, tryCustomer, tryCall, preview]);

  const staticText = (config.staticItems ?? [])
    .map((item) =>
      FIELDS[kind]
        .filter((f) => item[f])
        .map((f) => `${f}=${item[f]}`)
        .join("; "),
    )
    .join("\n");

  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
      <form action={formAction} onSubmit={onSubmit} noValidate aria-label={t("editor.aria")}>
        {/* Disabled until hydrated: every field is React state (see useHydrated). */}
        <fieldset disabled={!hydrated} className="min-w-0 space-y-5">
          {initial && <input type="hidden" name="id" value={initial.id} />}
          <input type="hidden" name="config" value={serialized} />
          {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
          {err("config") && (
            <Notice>
              <ul className="list-inside list-disc">
                {err("config")!.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </Notice>
          )}
          <fieldset className="grid grid-cols-2 gap-3">
            <Field label={t("name")} name="name" errors={err("name")}>
              {(a) => (
                <input
                  {...a}
                  name="name"
                  value={head.name}
                  onChange={(e) => setHead({ ...head, name: e.target.value })}
                  className={inputClass}
                />
              )}
            </Field>
            <Field label={t("editor.udeskIntegration")} name="integrationId" errors={err("integrationId")}>
              {(a) => (
                <select
                  {...a}
                  name="integrationId"
                  value={head.integrationId}
                  onChange={(e) => setHead({ ...head, integrationId: e.target.value })}
                  className={inputClass}
                >
                  {integrations.map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label={t("editor.taskNodeId")}
              name="taskNodeId"
              errors={err("taskNodeId")}
              hint={hintOr("taskNodeId", t("editor.taskNodeHint"))}
            >
              {(a) => (
                <input
                  {...a}
                  name="taskNodeId"
                  inputMode="numeric"
                  value={head.taskNodeId}
                  onChange={(e) => setHead({ ...head, taskNodeId: e.target.value })}
                  className={inputClass}
                />
              )}
            </Field>
            <label className="flex items-center gap-2 self-center text-sm font-medium">
              <input
                type="checkbox"
                name="isDefault"
                checked={head.isDefault}
                onChange={(e) => setHead({ ...head, isDefault: e.target.checked })}
                className="size-4"
              />{" "}
              {t("editor.isDefault")}
            </label>
            <label className="col-span-2 flex items-center gap-2 text-sm font-medium">
              <input
                type="checkbox"
                name="form"
                checked={head.form}
                onChange={(e) => setHead({ ...head, form: e.target.checked })}
                className="size-4"
              />{" "}
              {t("editor.isForm")}
            </label>
            {err("form") && <p className="col-span-2 text-xs text-danger">{err("form")!.join(" · ")}</p>}
          </fieldset>

          <fieldset className="grid grid-cols-2 gap-3">
            <Field label={t("kind")} name="kind" errors={err("kind")}>
              {(a) => (
                <select
                  {...a}
                  value={kind}
                  onChange={(e) => setConfig(defaultConfig(e.target.value as TemplateKind))}
                  className={inputClass}
                >
                  {TEMPLATE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`kinds.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label={t("editor.title")}
              name="title"
              errors={err("title")}
              hint={hintOr("title", t("editor.titleHint", { example: "{{customer.realname}}, {{var.city}}…" }))}
            >
              {(a) => (
                <input
                  {...a}
                  value={config.title ?? ""}
                  onChange={(e) => set({ title: e.target.value })}
                  className={inputClass}
                />
              )}
            </Field>
            {kind === "logistics" && (
              <Field label={t("editor.subtitle")} name="subTitle">
                {(a) => (
                  <input
                    {...a}
                    value={config.subTitle ?? ""}
                    onChange={(e) => set({ subTitle: e.target.value })}
                    className={inputClass}
                  />
                )}
              </Field>
            )}
            <Field
              label={t("editor.data")}
              name="source"
              hint={config.source === "orders" ? t("editor.ordersHint") : undefined}
            >
              {(a) => (
                <select
                  {...a}
                  value={config.source}
                  onChange={(e) => set({ source: e.target.value as "orders" })}
                  className={inputClass}
                >
                  <option value="orders">{t("editor.sourceOrders")}</option>
                  <option value="static">{t("editor.sourceStatic")}</option>
                  <option value="variables">{t("editor.sourceVariables")}</option>
                </select>
              )}
            </Field>
            {config.source === "orders" && (
              <Field
                label={t("editor.customerVariable")}
                name="customerVariable"
                hint={t("editor.customerVariableHint")}
              >
                {(a) => (
                  <input
                    {...a}
                    value={config.customerVariable ?? ""}
                    onChange={(e) => set({ customerVariable: e.target.value })}
                    className={inputClass}
                  />
                )}
              </Field>
            )}
            {config.source === "variables" && (
              <Field label={t("editor.itemsVariable")} name="itemsVariable" hint={t("editor.itemsVariableHint")}>
                {(a) => (
                  <input
                    {...a}
                    value={config.itemsVariable ?? ""}
                    onChange={(e) => set({ itemsVariable: e.target.value })}
                    className={inputClass}
                  />
                )}
              </Field>
            )}
          </fieldset>

          {config.source === "static" && (
            <Field
              label={t("editor.staticItems")}
              name="staticItems"
              errors={itemErrors(result ? previewErrors : trErrors(state.fieldErrors), (line, field, message) =>
                t("editor.line", { line, field: field && t("editor.lineField", { field }), message }),
              )}
              hint={t("editor.staticItemsHint", { fields: FIELDS[kind].map((f) => `${f}=…`).join("; ") })}
            >
              {(a) => (
                <textarea
                  {...a}
                  rows={4}
                  defaultValue={staticText}
                  onChange={(e) =>
                    set({
                      staticItems: lines(e.target.value).map((l) =>
                        Object.fromEntries(
                          l
                            .split(";")
                            .map((p) => [p.slice(0, p.indexOf("=")).trim(), p.slice(p.indexOf("=") + 1).trim()])
                            .filter(([k]) => k),
                        ),
                      ),
                    })
                  }
                  className={`${inputClass} font-mono text-xs`}
                />
              )}
            </Field>
          )}

          <fieldset>
            <legend className="mb-2 text-sm font-semibold">{t("editor.mapping")}</legend>
            <p className="mb-2 text-xs text-muted">
              {t("editor.perItem", {
                fields:
                  config.source === "orders"
                    ? kind === "logistics"
                      ? "{{shipment.status}}, {{shipment.text}}, {{shipment.time}}"
                      : "{{order.title}}, {{order.amount}}, {{order.quantity}}, {{order.statusText}}, " +
                        "{{order.orderNo}}, {{order.imageUrl}}"
                    : "{{item.title}}, {{item.<field>}}",
                customer: "{{customer.*}}",
                variables: "{{var.*}}",
              })}
            </p>
            <div className="grid grid-cols-2 gap-3">
              {FIELDS[kind]
                .filter((f) => !(kind === "custom_card" && config.cardType === 2 && f !== "id"))
                .map((f) => (
                  <Field
                    key={f}
                    label={t(`fields.${f}`)}
                    name={`mapping-${f}`}
                    errors={err(`mapping.${f}`)}
                    hint={hintOr(
                      `mapping.${f}`,
                      f === "id" && INTEGER_ID_KINDS.has(kind)
                        ? t("editor.integerIdHint", { examples: "{{order.id}}, {{index}}" })
                        : undefined,
                    )}
                  >
                    {(a) =>
                      f === "content" ? (
                        <textarea
                          {...a}
                          rows={3}
                          value={config.mapping?.[f] ?? ""}
                          onChange={(e) => setMapping(f, e.target.value)}
                          className={`${inputClass} font-mono text-xs`}
                        />
                      ) : (
                        <input
                          {...a}
                          value={config.mapping?.[f] ?? ""}
                          onChange={(e) => setMapping(f, e.target.value)}
                          className={`${inputClass} font-mono text-xs`}
                        />
                      )
                    }
                  </Field>
                ))}
            </div>
          </fieldset>

          <KindOptions kind={kind} config={config} set={set} err={err} />
          {canEdit && (
            <SaveBar
              saving={saving}
              confirming={confirming}
              warnings={warnings}
              onKeepEditing={() => setConfirming(false)}
            />
          )}
        </fieldset>
      </form>

      <PreviewPanel
        tryCustomer={tryCustomer}
        setTryCustomer={setTryCustomer}
        tryCall={tryCall}
        setTryCall={setTryCall}
        pending={pending}
        result={result}
      />
    </div>
  );
}
