"use client";
// The template editor's options that belong to one kind: drawer tabs, table size, carousel,
// custom cards, page size, and what an answer also does (variables, jump, command).
import { Field, inputClass } from "@/components/ui";
import { lines, pairs, toPairs } from "@/components/templates/editor-text";
import type { TemplateConfigInput, TemplateKind } from "@/lib/templates/config";

type Props = {
  kind: TemplateKind;
  config: TemplateConfigInput;
  set: (patch: Partial<TemplateConfigInput>) => void;
  err: (key: string) => string[] | undefined;
};

export function KindOptions({ kind, config, set, err }: Props) {
  return (
    <>
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
              onChange={(e) => set({ tabs: Object.entries(pairs(e.target.value)).map(([id, name]) => ({ id, name })) })}
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
    </>
  );
}
