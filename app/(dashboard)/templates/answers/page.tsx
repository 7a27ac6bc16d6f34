import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { integrationsOf } from "@/lib/integrations/lookup";
import { listEntries, listRules } from "@/lib/vendors/udesk/rules";
import { Card, EmptyState, PageHeader, inputClass, Button } from "@/components/ui";
import { ActionButton } from "@/components/ui/action-button";
import { EntryForm, RuleForm } from "@/components/templates/answer-forms";
import {
  deleteEntryAction,
  deleteRuleAction,
  moveRuleAction,
  saveEntryAction,
  saveRuleAction,
  testQuestionAction,
} from "../answer-actions";
import { QuestionTester } from "@/components/templates/question-tester";

export const metadata: Metadata = { title: "Udesk answers" };

export default async function AnswersPage({ searchParams }: { searchParams: Promise<{ integration?: string }> }) {
  const user = await requirePageUser("viewer");
  const client = await db();
  const integrations = await integrationsOf(client, "udesk");
  if (integrations.length === 0)
    return <EmptyState title="No Udesk integration">Create one under Integrations first.</EmptyState>;
  const wanted = (await searchParams).integration;
  const integration = integrations.find((i) => i.id === wanted) ?? integrations[0];
  const settings = JSON.parse(integration.settings) as { defaultAnswer?: string; knowledgeFallback?: string };
  const [rules, entries] = await Promise.all([listRules(client, integration.id), listEntries(client, integration.id)]);
  const canEdit = hasRole(user.role, "operator");
  return (
    <>
      <PageHeader
        title="Udesk answers"
        subtitle="Message-triggered answer rules (first match wins) and knowledge-base entries."
        actions={
          <form method="get" className="flex items-end gap-2">
            <label className="text-sm">
              <span className="mb-1 block text-xs text-muted">Integration</span>
              <select name="integration" defaultValue={integration.id} className={inputClass}>
                {integrations.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name}
                  </option>
                ))}
              </select>
            </label>
            <Button type="submit" variant="secondary">
              Show
            </Button>
          </form>
        }
      />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-2">
        <Card title={`Answer rules (${rules.length})`}>
          <ol className="mb-4 divide-y divide-line text-sm">
            {rules.map((r, i) => (
              <li key={r.id} className="space-y-2 py-2" aria-label={`Rule ${r.position}`}>
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <p>
                      <span className="tabular-nums text-muted">#{r.position}</span> {r.matchType}
                      {r.pattern && (
                        <>
                          {" "}
                          · <code className="text-xs">{r.pattern}</code>
                        </>
                      )}
                    </p>
                    <p className="whitespace-pre-wrap text-muted">{r.answer}</p>
                  </div>
                  {canEdit && (
                    <div className="flex shrink-0 flex-wrap justify-end gap-1">
                      {i > 0 && (
                        <ActionButton
                          action={moveRuleAction}
                          fields={{ integrationId: integration.id, ruleId: r.id, direction: "up" }}
                          label="Move up"
                          variant="ghost"
                        />
                      )}
                      {i < rules.length - 1 && (
                        <ActionButton
                          action={moveRuleAction}
                          fields={{ integrationId: integration.id, ruleId: r.id, direction: "down" }}
                          label="Move down"
                          variant="ghost"
                        />
                      )}
                      <ActionButton
                        action={deleteRuleAction}
                        fields={{ integrationId: integration.id, ruleId: r.id }}
                        label="Delete"
                      />
                    </div>
                  )}
                </div>
                {canEdit && (
                  <details>
                    <summary className="cursor-pointer text-xs text-accent">Edit</summary>
                    <div className="mt-2">
                      <RuleForm
                        key={`${r.id}:${r.position}:${r.pattern}:${r.answer}`}
                        action={saveRuleAction}
                        integrationId={integration.id}
                        nextPosition={r.position}
                        rule={r}
                      />
                    </div>
                  </details>
                )}
              </li>
            ))}
            <li className="py-2 text-muted">
              Otherwise:{" "}
              {settings.defaultAnswer ? <span className="text-fg">{settings.defaultAnswer}</span> : "an empty answer"}
              {" (the integration's default answer)"}
            </li>
          </ol>
          {canEdit && (
            <RuleForm
              action={saveRuleAction}
              integrationId={integration.id}
              nextPosition={(rules.at(-1)?.position ?? 0) + 1}
            />
          )}
        </Card>
        <Card title="Test a question">
          <p className="mb-3 text-sm text-muted">
            Which rule answers, and what, for a question a visitor might ask: the rules above, tried in order on the
            same engine as Udesk&apos;s calls. Nothing is logged.
          </p>
          <QuestionTester action={testQuestionAction} integrationId={integration.id} />
        </Card>
        <Card title={`Knowledge-base entries (${entries.length})`}>
          <ul className="mb-4 divide-y divide-line text-sm">
            {entries.map((e) => (
              <li key={e.id} className="flex items-start justify-between gap-3 py-2">
                <div className="min-w-0">
                  <p className="text-xs text-muted">
                    datum {e.datumId || "any"} · attribute {e.templateAttributeId || "any"}
                    {e.msgType && ` · ${e.msgType}`}
                  </p>
                  <p className="whitespace-pre-wrap">{e.content}</p>
                </div>
                {canEdit && (
                  <ActionButton
                    action={deleteEntryAction}
                    fields={{ integrationId: integration.id, entryId: e.id }}
                    label="Delete"
                  />
                )}
              </li>
            ))}
            <li className="py-2 text-muted">
              Otherwise:{" "}
              {settings.knowledgeFallback ? (
                <span className="text-fg">{settings.knowledgeFallback}</span>
              ) : (
                "resCode -1"
              )}{" "}
              (the integration&apos;s fallback)
            </li>
          </ul>
          {canEdit && <EntryForm action={saveEntryAction} integrationId={integration.id} />}
        </Card>
      </div>
    </>
  );
}
