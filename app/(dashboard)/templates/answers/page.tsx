import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { integrationsOf } from "@/lib/integrations/lookup";
import { listEntries, listRules } from "@/lib/vendors/udesk/rules";
import { Card, EmptyState, PageHeader, inputClass, Button } from "@/components/ui";
import { ActionButton } from "@/components/ui/action-button";
import { EntryForm, RuleForm } from "@/components/templates/answer-forms";
import { deleteEntryAction, deleteRuleAction, saveEntryAction, saveRuleAction } from "../answer-actions";

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
            {rules.map((r) => (
              <li key={r.id} className="flex items-start justify-between gap-3 py-2" aria-label={`Rule ${r.position}`}>
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
                  <ActionButton
                    action={deleteRuleAction}
                    fields={{ integrationId: integration.id, ruleId: r.id }}
                    label="Delete"
                  />
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
