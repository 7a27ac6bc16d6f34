"use client";
import { useActionState } from "react";
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
      aria-label={rule ? `Edit rule #${rule.position}` : "Add a rule"}
    >
      <input type="hidden" name="integrationId" value={integrationId} />
      {rule && <input type="hidden" name="ruleId" value={rule.id} />}
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
      <div className="grid grid-cols-4 gap-3">
        <Field label="Order" name={id("position")} errors={err("position")}>
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
        <Field label="Match" name={id("matchType")} errors={err("matchType")}>
          {(a) => (
            <select {...a} name="matchType" defaultValue={v.matchType ?? "question"} className={inputClass}>
              <option value="question">question matches pattern</option>
              <option value="regex">Udesk regex equals</option>
              <option value="always">always</option>
            </select>
          )}
        </Field>
        <div className="col-span-2">
          <Field
            label="Pattern"
            name={id("pattern")}
            errors={err("pattern")}
            hint="A regular expression over the question, or Udesk's regex text."
          >
            {(a) => <input {...a} name="pattern" defaultValue={v.pattern} className={`${inputClass} font-mono`} />}
          </Field>
        </div>
      </div>
      <Field
        label="Answer"
        name={id("answer")}
        errors={err("answer")}
        hint="Templates: {{question}}, {{customer.realname}}, {{customer.phone}}, {{order.title}}, {{order.status}}."
      >
        {(a) => <textarea {...a} name="answer" rows={2} defaultValue={v.answer} className={inputClass} />}
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {rule ? "Save rule" : "Add rule"}
      </Button>
    </form>
  );
}

export function EntryForm({ action, integrationId }: { action: Action; integrationId: string }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const v = state.ok ? {} : (state.values ?? {});
  const err = (k: string) => state.fieldErrors?.[k];
  return (
    <form key={state.seq} action={formAction} className="space-y-3" noValidate aria-label="Add a knowledge entry">
      <input type="hidden" name="integrationId" value={integrationId} />
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
      <div className="grid grid-cols-3 gap-3">
        <Field label="datumId" name="datumId" errors={err("datumId")}>
          {(a) => <input {...a} name="datumId" inputMode="numeric" defaultValue={v.datumId} className={inputClass} />}
        </Field>
        <Field label="templateAttributeId" name="templateAttributeId" errors={err("templateAttributeId")}>
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
        <Field label="msgType" name="msgType" errors={err("msgType")}>
          {(a) => <input {...a} name="msgType" defaultValue={v.msgType} className={inputClass} />}
        </Field>
      </div>
      <Field
        label="Content"
        name="content"
        errors={err("content")}
        hint="Templates: {{datumName}}, {{templateAttributeName}}, {{customer.<field>}}."
      >
        {(a) => <textarea {...a} name="content" rows={2} defaultValue={v.content} className={inputClass} />}
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        Add entry
      </Button>
    </form>
  );
}
