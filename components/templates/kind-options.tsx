"use client";
// The template editor's options that belong to one kind: drawer tabs, table size, carousel,
// custom cards, page size, and what an answer also does (variables, jump, command).
import { useTranslations } from "next-intl";
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
  const t = useTranslations("templates.options");
  return (
    <>
      {kind === "drawer_list" && (
        <Field label={t("tabs")} name="tabs" errors={err("tabs")} hint={t("tabsHint")}>
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
          <Field label={t("rows")} name="rowNumber">
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
          <Field label={t("columns")} name="columnNumber">
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
          <Field label={t("showSize")} name="showSize">
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
            {t("carousel")}
          </label>
        </div>
      )}
      {kind === "custom_card" && (
        <div className="grid grid-cols-2 gap-3">
          <Field label={t("cards")} name="cardType">
            {(a) => (
              <select
                {...a}
                value={String(config.cardType ?? 1)}
                onChange={(e) => set({ cardType: Number(e.target.value) })}
                className={inputClass}
              >
                <option value={1}>{t("cardRich")}</option>
                <option value={2}>{t("cardFaq")}</option>
              </select>
            )}
          </Field>
          {Number(config.cardType ?? 1) === 1 ? (
            <Field label={t("hitType")} name="hitType">
              {(a) => (
                <select
                  {...a}
                  value={String(config.hitType ?? 3)}
                  onChange={(e) => set({ hitType: Number(e.target.value) })}
                  className={inputClass}
                >
                  <option value={1}>{t("hit1")}</option>
                  <option value={2}>{t("hit2")}</option>
                  <option value={3}>{t("hit3")}</option>
                  <option value={4}>{t("hit4")}</option>
                </select>
              )}
            </Field>
          ) : (
            <>
              <Field label={t("faqText")} name="faqText">
                {(a) => (
                  <input
                    {...a}
                    value={config.faqText ?? ""}
                    onChange={(e) => set({ faqText: e.target.value })}
                    className={inputClass}
                  />
                )}
              </Field>
              <Field label={t("faqQuestions")} name="faqQuestions" hint={t("onePerLine")}>
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
        <Field label={t("pageSize")} name="pageSize" hint={t("pageSizeHint")}>
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
          <legend className="col-span-3 mb-1 text-sm font-semibold">{t("answerAlso")}</legend>
          <div className="col-span-3">
            <Field label={t("setsVariables")} name="answerVariables" hint={t("setsVariablesHint")}>
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
          <Field label={t("jumps")} name="toTaskNodeId">
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
          <Field label={t("routeType")} name="routeType">
            {(a) => (
              <select
                {...a}
                value={String(config.routeType ?? "")}
                onChange={(e) => set({ routeType: e.target.value as never })}
                className={inputClass}
              >
                <option value="">—</option>
                <option value="1">{t("route1")}</option>
                <option value="2">{t("route2")}</option>
              </select>
            )}
          </Field>
          <Field label={t("command")} name="command">
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
