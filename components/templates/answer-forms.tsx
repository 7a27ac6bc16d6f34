"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, Notice, inputClass } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;

export type EditedRule = { id: number; position: number; matchType: string; pattern: string; answer: string };

/** Adds a rule, or (given one) edits it in place. */
export function RuleForm({
  action,
  integrationId,
  nextPosition,
  rule,
}: {
  action: Action;
  integrationId: string;
  nextPosition: number;
  rule?: EditedRule;
}) {
  const t = useTranslations("templates.answers");
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const fromRule: Record<string, string> = rule
    ? { position: String(rule.position), matchType: rule.matchType, pattern: rule.pattern, answer: rule.answer }
    : {};
  const v = state.ok ? fromRule : (state.values ?? fromRule);
  const err = (k: string) => state.fieldErrors?.[k];
  const id = (name: string) => (rule ? `${name}-${rule.id}` : name);
  return (
    <form
      key={state.seq}
      action={formAction}
      className="space-y-3"
      noValidate
      aria-label={rule ? t("editRule", { position: rule.position }) : t("addRule")}
    >
      <input type="hidden" name="integrationId" value={integrationId} />
      {rule && <input type="hidden" name="ruleId" value={rule.id} />}
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
      <div className="grid grid-cols-4 gap-3">
        <Field label={t("order")} name={id("position")} errors={err("position")}>
          {(a) => (
            <input
              {...a}
              name="position"
              inputMode="numeric"
              defaultValue={v.position ?? String(nextPosition)}
              className={inputClass}
            />
          )}
        </Field>
        <Field label={t("match")} name={id("matchType")} errors={err("matchType")}>
          {(a) => (
            <select {...a} name="matchType" defaultValue={v.matchType ?? "question"} className={inputClass}>
              <option value="question">{t("matchQuestion")}</option>
              <option value="regex">{t("matchRegex")}</option>
              <option value="always">{t("matchAlways")}</option>
            </select>
          )}
        </Field>
        <div className="col-span-2">
          <Field label={t("pattern")} name={id("pattern")} errors={err("pattern")} hint={t("patternHint")}>
            {(a) => <input {...a} name="pattern" defaultValue={v.pattern} className={`${inputClass} font-mono`} />}
          </Field>
        </div>
      </div>
      <Field
        label={t("answer")}
        name={id("answer")}
        errors={err("answer")}
        hint={t("answerHint", {
          examples: "{{question}}, {{customer.realname}}, {{customer.phone}}, {{order.title}}, {{order.status}}",
        })}
      >
        {(a) => <textarea {...a} name="answer" rows={2} defaultValue={v.answer} className={inputClass} />}
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {rule ? t("saveRule") : t("addRuleButton")}
      </Button>
    </form>
  );
}

export function EntryForm({ action, integrationId }: { action: Action; integrationId: string }) {
  const t = useTranslations("templates.answers");
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const v = state.ok ? {} : (state.values ?? {});
  const err = (k: string) => state.fieldErrors?.[k];
  return (
    <form key={state.seq} action={formAction} className="space-y-3" noValidate aria-label={t("addEntry")}>
      <input type="hidden" name="integrationId" value={integrationId} />
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
      <div className="grid grid-cols-3 gap-3">
        <Field label={t("datumId")} name="datumId" errors={err("datumId")}>
          {(a) => <input {...a} name="datumId" inputMode="numeric" defaultValue={v.datumId} className={inputClass} />}
        </Field>
        <Field label={t("templateAttributeId")} name="templateAttributeId" errors={err("templateAttributeId")}>
          {(a) => (
            <input
              {...a}
              name="templateAttributeId"
              inputMode="numeric"
              defaultValue={v.templateAttributeId}
              className={inputClass}
            />
          )}
        </Field>
        <Field label={t("msgType")} name="msgType" errors={err("msgType")}>
          {(a) => <input {...a} name="msgType" defaultValue={v.msgType} className={inputClass} />}
        </Field>
      </div>
      <Field
        label={t("content")}
        name="content"
        errors={err("content")}
        hint={t("answerHint", { examples: "{{datumName}}, {{templateAttributeName}}, {{customer.<field>}}" })}
      >
        {(a) => <textarea {...a} name="content" rows={2} defaultValue={v.content} className={inputClass} />}
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("addEntryButton")}
      </Button>
    </form>
  );
}
