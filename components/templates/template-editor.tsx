"use client";
// The card template editor: a form per kind on the left; on the right a live preview as the chat
// shows it and the exact JSON Udesk receives, rendered on the server (sanitized, validated).
import { useActionState, useEffect, useMemo, useState, useTransition } from "react";
import { Button, Field, Notice, inputClass } from "@/components/ui";
import { ChatPreview } from "@/components/templates/chat-preview";
import { initialActionState, type ActionState } from "@/lib/action-state";
import {
  defaultConfig,
  KIND_LABELS,
  TEMPLATE_KINDS,
  type ItemField,
  type TemplateConfigInput,
  type TemplateKind,
} from "@/lib/templates/config";
import type { PreviewResult } from "@/lib/templates/preview";

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
    config: TemplateConfigInput;
  };
  canEdit: boolean;
};

/** Which item fields each kind uses, in the order the form shows them. */
const FIELDS: Record<TemplateKind, ItemField[]> = {
  bubble_list: ["id", "title", "subTitle", "img", "attr1", "attr2", "attr3", "hitContent"],
  drawer_list: ["id", "tabId", "title", "subTitle", "img", "attr1", "attr2", "attr3", "hitContent"],
  logistics: ["status", "title", "subTitle"],
  custom_card: ["id", "content", "hitContent"],
  selective_list: ["id", "title"],
  selective_table: ["id", "title"],
  show_product: ["id", "title", "subTitle", "img", "url", "attr1", "attr2", "attr3"],
};

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
const pairs = (text: string) =>
  Object.fromEntries(
    lines(text).map((l) => [
      l.slice(0, l.indexOf("=") < 0 ? l.length : l.indexOf("=")).trim(),
      l.indexOf("=") < 0 ? "" : l.slice(l.indexOf("=") + 1).trim(),
    ]),
  );
const toPairs = (obj: Record<string, string> = {}) =>
  Object.entries(obj)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");

export function TemplateEditor({ save, preview, integrations, initial, canEdit }: Props) {
  const [state, formAction, saving] = useActionState(save, initialActionState);
  const [config, setConfig] = useState<TemplateConfigInput>(initial?.config ?? defaultConfig("bubble_list"));
  // Controlled, like the configuration: React resets a form's own fields after each action, and a
  // refused save must not lose what was typed.
  const [head, setHead] = useState({
    name: initial?.name ?? "",
    integrationId: initial?.integrationId ?? integrations[0]?.id ?? "",
    taskNodeId: initial?.taskNodeId ?? "",
    isDefault: Boolean(initial?.isDefault),
  });
  const [tryCustomer, setTryCustomer] = useState("");
  const [tryCall, setTryCall] = useState("");
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [pending, startTransition] = useTransition();
  const kind = config.kind as TemplateKind;
  const set = (patch: Partial<TemplateConfigInput>) => setConfig((c) => ({ ...c, ...patch }));
  const setMapping = (field: ItemField, value: string) =>
    setConfig((c) => ({ ...c, mapping: { ...(c.mapping ?? {}), [field]: value } }));
  const err = (k: string) => state.fieldErrors?.[k];
  const serialized = useMemo(() => JSON.stringify(config), [config]);

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
      <form action={formAction} className="space-y-5" noValidate aria-label="Card template">
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
          <Field label="Name" name="name" errors={err("name")}>
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
          <Field label="Udesk integration" name="integrationId" errors={err("integrationId")}>
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
            label="Task node id"
            name="taskNodeId"
            errors={err("taskNodeId")}
            hint="The node of Udesk's task tree this template answers."
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
            The integration&apos;s default template
          </label>
        </fieldset>

        <fieldset className="grid grid-cols-2 gap-3">
          <Field label="Kind" name="kind" errors={err("kind")}>
            {(a) => (
              <select
                {...a}
                value={kind}
                onChange={(e) => setConfig(defaultConfig(e.target.value as TemplateKind))}
                className={inputClass}
              >
                {TEMPLATE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="Title"
            name="title"
            errors={err("title")}
            hint="Text templates: {{customer.realname}}, {{var.city}}…"
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
            <Field label="Subtitle" name="subTitle">
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
            label="Data"
            name="source"
            hint={
              config.source === "orders"
                ? "The customer's orders (shipments of the latest order for logistics)."
                : undefined
            }
          >
            {(a) => (
              <select
                {...a}
                value={config.source}
                onChange={(e) => set({ source: e.target.value as "orders" })}
                className={inputClass}
              >
                <option value="orders">The customer&apos;s orders</option>
                <option value="static">Static items</option>
                <option value="variables">A request variable</option>
              </select>
            )}
          </Field>
          {config.source === "orders" && (
            <Field
              label="Find the customer by variable (optional)"
              name="customerVariable"
              hint="e.g. phone, collected by the robot; else customerExtra.customerId as udesk-customer."
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
            <Field label="Variable holding the items" name="itemsVariable" hint="A JSON array of objects, or a|b|c.">
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
            label="Static items"
            name="staticItems"
            errors={itemErrors(state.fieldErrors)}
            hint={`One item per line: ${FIELDS[kind].map((f) => `${f}=…`).join("; ")}`}
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
          <legend className="mb-2 text-sm font-semibold">Field mapping</legend>
          <p className="mb-2 text-xs text-muted">
            Per item:{" "}
            {config.source === "orders"
              ? kind === "logistics"
                ? "{{shipment.status}}, {{shipment.text}}, {{shipment.time}}"
                : "{{order.title}}, {{order.amount}}, {{order.quantity}}, {{order.statusText}}, " +
                  "{{order.orderNo}}, {{order.imageUrl}}"
              : "{{item.title}}, {{item.<field>}}"}
            {"; also {{customer.*}} and {{var.*}}."}
          </p>
          <div className="grid grid-cols-2 gap-3">
            {FIELDS[kind]
              .filter((f) => !(kind === "custom_card" && config.cardType === 2 && f !== "id"))
              .map((f) => (
                <Field
                  key={f}
                  label={f === "content" ? "content (rich text, sanitized)" : f}
                  name={`mapping-${f}`}
                  errors={err(`mapping.${f}`)}
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

        {kind === "drawer_list" && (
          <Field
            label="Tabs"
            name="tabs"
            errors={err("tabs")}
            hint="One per line: id=name. At most 5 tabs and 20 items; items whose tabId has no tab are left out."
          >
            {(a) => (
              <textarea
                {...a}
                rows={4}
                defaultValue={toPairs(Object.fromEntries((config.tabs ?? []).map((t) => [t.id, t.name])))}
                onChange={(e) =>
                  set({ tabs: Object.entries(pairs(e.target.value)).map(([id, name]) => ({ id, name })) })
                }
                className={`${inputClass} font-mono text-xs`}
              />
            )}
          </Field>
        )}
        {kind === "selective_table" && (
          <div className="grid grid-cols-2 gap-3">
            <Field label="Rows" name="rowNumber">
              {(a) => (
                <input
                  {...a}
                  inputMode="numeric"
                  value={String(config.rowNumber ?? "")}
                  onChange={(e) => set({ rowNumber: e.target.value as never })}
                  className={inputClass}
                />
              )}
            </Field>
            <Field label="Columns" name="columnNumber">
              {(a) => (
                <input
                  {...a}
                  inputMode="numeric"
                  value={String(config.columnNumber ?? "")}
                  onChange={(e) => set({ columnNumber: e.target.value as never })}
                  className={inputClass}
                />
              )}
            </Field>
          </div>
        )}
        {(kind === "show_product" || kind === "custom_card") && (
          <div className="grid grid-cols-2 gap-3">
            <Field label="Shown at once (showSize)" name="showSize">
              {(a) => (
                <input
                  {...a}
                  inputMode="numeric"
                  value={String(config.showSize ?? "")}
                  onChange={(e) => set({ showSize: e.target.value as never })}
                  className={inputClass}
                />
              )}
            </Field>
            <label className="flex items-center gap-2 self-center text-sm font-medium">
              <input
                type="checkbox"
                checked={Number(config.turnFlag) === 1}
                onChange={(e) => set({ turnFlag: e.target.checked ? 1 : 0 })}
                className="size-4"
              />{" "}
              Carousel (turnFlag)
            </label>
          </div>
        )}
        {kind === "custom_card" && (
          <div className="grid grid-cols-2 gap-3">
            <Field label="Cards" name="cardType">
              {(a) => (
                <select
                  {...a}
                  value={String(config.cardType ?? 1)}
                  onChange={(e) => set({ cardType: Number(e.target.value) })}
                  className={inputClass}
                >
                  <option value={1}>Rich-text card per item</option>
                  <option value={2}>One FAQ card</option>
                </select>
              )}
            </Field>
            {Number(config.cardType ?? 1) === 1 ? (
              <Field label="On click (hitType)" name="hitType">
                {(a) => (
                  <select
                    {...a}
                    value={String(config.hitType ?? 3)}
                    onChange={(e) => set({ hitType: Number(e.target.value) })}
                    className={inputClass}
                  >
                    <option value={1}>1 · open the link in hitContent</option>
                    <option value={2}>2 · ask hitContent as the user</option>
                    <option value={3}>3 · send the card as a message</option>
                    <option value={4}>4 · open a mini-program link</option>
                  </select>
                )}
              </Field>
            ) : (
              <>
                <Field label="FAQ text" name="faqText">
                  {(a) => (
                    <input
                      {...a}
                      value={config.faqText ?? ""}
                      onChange={(e) => set({ faqText: e.target.value })}
                      className={inputClass}
                    />
                  )}
                </Field>
                <Field label="FAQ questions" name="faqQuestions" hint="One per line.">
                  {(a) => (
                    <textarea
                      {...a}
                      rows={3}
                      defaultValue={(config.faqQuestions ?? []).join("\n")}
                      onChange={(e) => set({ faqQuestions: lines(e.target.value) })}
                      className={inputClass}
                    />
                  )}
                </Field>
              </>
            )}
          </div>
        )}
        {(kind === "bubble_list" || kind === "custom_card") && (
          <Field label="Page size" name="pageSize" hint="Udesk's pageSize wins when it sends one.">
            {(a) => (
              <input
                {...a}
                inputMode="numeric"
                value={String(config.pageSize ?? "")}
                onChange={(e) => set({ pageSize: e.target.value as never })}
                className={inputClass}
              />
            )}
          </Field>
        )}
        {["custom_card", "selective_list", "selective_table", "show_product"].includes(kind) && (
          <fieldset className="grid grid-cols-3 gap-3">
            <legend className="col-span-3 mb-1 text-sm font-semibold">The answer also</legend>
            <div className="col-span-3">
              <Field label="Sets variables" name="answerVariables" hint="One per line: name=template">
                {(a) => (
                  <textarea
                    {...a}
                    rows={2}
                    defaultValue={toPairs(config.answerVariables as Record<string, string>)}
                    onChange={(e) => set({ answerVariables: pairs(e.target.value) })}
                    className={`${inputClass} font-mono text-xs`}
                  />
                )}
              </Field>
            </div>
            <Field label="Jumps to node (toTaskNodeId)" name="toTaskNodeId">
              {(a) => (
                <input
                  {...a}
                  inputMode="numeric"
                  value={String(config.toTaskNodeId ?? "")}
                  onChange={(e) => set({ toTaskNodeId: e.target.value as never })}
                  className={inputClass}
                />
              )}
            </Field>
            <Field label="routeType" name="routeType">
              {(a) => (
                <select
                  {...a}
                  value={String(config.routeType ?? "")}
                  onChange={(e) => set({ routeType: e.target.value as never })}
                  className={inputClass}
                >
                  <option value="">—</option>
                  <option value="1">1 · trigger at once</option>
                  <option value="2">2 · wait for a reply</option>
                </select>
              )}
            </Field>
            <Field label="command" name="command">
              {(a) => (
                <input
                  {...a}
                  value={config.command ?? ""}
                  onChange={(e) => set({ command: e.target.value })}
                  className={inputClass}
                />
              )}
            </Field>
          </fieldset>
        )}
        {canEdit && (
          <Button type="submit" disabled={saving}>
            {saving ? "Saving…" : "Save template"}
          </Button>
        )}
      </form>

      <section aria-label="Preview" className="space-y-4 xl:sticky xl:top-4 xl:self-start">
        <div className="flex flex-wrap items-end gap-3 rounded-lg border border-line bg-surface p-3">
          <p className="w-full text-sm font-semibold">Try it</p>
          <Field label="On customer #" name="try-customer">
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
          <Field label="On logged call #" name="try-call">
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
            {pending ? "Rendering…" : result?.source ? `Rendered on ${result.source}` : ""}
          </p>
        </div>
        <div className="rounded-lg border border-line bg-surface-2 p-4" data-testid="chat-preview">
          {result?.ok ? (
            <ChatPreview answer={result.answer as Record<string, unknown>} />
          ) : result ? (
            <Notice>
              {result.error}
              {result.problems.length > 0 && (
                <ul className="mt-1 list-inside list-disc">
                  {result.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              )}
            </Notice>
          ) : (
            <p className="text-sm text-muted">Rendering…</p>
          )}
        </div>
        <div>
          <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">JSON Udesk receives</h2>
          <pre
            className="max-h-[32rem] overflow-auto rounded-md bg-surface-2 p-3 font-mono text-xs"
            data-testid="answer-json"
          >
            {result?.ok ? JSON.stringify(result.answer, null, 2) : "—"}
          </pre>
        </div>
      </section>
    </div>
  );
}

/** A static item's field errors ("staticItems.1.img"), named the way the textarea shows them. */
function itemErrors(errors: Record<string, string[]> | undefined): string[] | undefined {
  const found = Object.entries(errors ?? {})
    .filter(([key]) => key.startsWith("staticItems."))
    .map(([key, messages]) => {
      const [, index, field] = key.split(".");
      return `Line ${Number(index) + 1}${field ? `, ${field}` : ""}: ${messages[0]}`;
    });
  return found.length ? found : undefined;
}
