import { getTranslations } from "next-intl/server";
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

export async function generateMetadata() {
  const t = await getTranslations("templates.answers");
  return { title: t("title") };
}

export default async function AnswersPage({ searchParams }: { searchParams: Promise<{ integration?: string }> }) {
  const user = await requirePageUser("viewer");
  const client = await db();
  const integrations = await integrationsOf(client, "udesk");
  const t = await getTranslations("templates.answers");
  if (integrations.length === 0) return <EmptyState title={t("noUdesk")}>{t("noUdeskText")}</EmptyState>;
  const wanted = (await searchParams).integration;
  const integration = integrations.find((i) => i.id === wanted) ?? integrations[0];
  const settings = JSON.parse(integration.settings) as { defaultAnswer?: string; knowledgeFallback?: string };
  const [rules, entries] = await Promise.all([listRules(client, integration.id), listEntries(client, integration.id)]);
  const canEdit = hasRole(user.role, "operator");
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          <form method="get" className="flex items-end gap-2">
            <label className="text-sm">
              <span className="mb-1 block text-xs text-muted">{t("integration")}</span>
              <select name="integration" defaultValue={integration.id} className={inputClass}>
                {integrations.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name}
                  </option>
                ))}
              </select>
            </label>
            <Button type="submit" variant="secondary">
              {t("show")}
            </Button>
          </form>
        }
      />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-2">
        <Card title={t("rules", { count: rules.length })}>
          <ol className="mb-4 divide-y divide-line text-sm">
            {rules.map((r, i) => (
              <li key={r.id} className="space-y-2 py-2" aria-label={t("ruleAria", { position: r.position })}>
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
                          label={t("moveUp")}
                          variant="ghost"
                        />
                      )}
                      {i < rules.length - 1 && (
                        <ActionButton
                          action={moveRuleAction}
                          fields={{ integrationId: integration.id, ruleId: r.id, direction: "down" }}
                          label={t("moveDown")}
                          variant="ghost"
                        />
                      )}
                      <ActionButton
                        action={deleteRuleAction}
                        fields={{ integrationId: integration.id, ruleId: r.id }}
                        label={t("delete")}
                      />
                    </div>
                  )}
                </div>
                {canEdit && (
                  <details>
                    <summary className="cursor-pointer text-xs text-accent">{t("edit")}</summary>
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
              {t("otherwise")}{" "}
              {settings.defaultAnswer ? <span className="text-fg">{settings.defaultAnswer}</span> : t("emptyAnswer")}
              {t("defaultAnswer")}
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
        <Card title={t("testTitle")}>
          <p className="mb-3 text-sm text-muted">{`${t("testIntro.1")}${t("testIntro.2")}${t("testIntro.3")}`}</p>
          <QuestionTester action={testQuestionAction} integrationId={integration.id} />
        </Card>
        <Card title={t("entries", { count: entries.length })}>
          <ul className="mb-4 divide-y divide-line text-sm">
            {entries.map((e) => (
              <li key={e.id} className="flex items-start justify-between gap-3 py-2">
                <div className="min-w-0">
                  <p className="text-xs text-muted">
                    {t("entryMeta", { datum: e.datumId || t("any"), attribute: e.templateAttributeId || t("any") })}
                    {e.msgType && ` · ${e.msgType}`}
                  </p>
                  <p className="whitespace-pre-wrap">{e.content}</p>
                </div>
                {canEdit && (
                  <ActionButton
                    action={deleteEntryAction}
                    fields={{ integrationId: integration.id, entryId: e.id }}
                    label={t("delete")}
                  />
                )}
              </li>
            ))}
            <li className="py-2 text-muted">
              {t("otherwise")}{" "}
              {settings.knowledgeFallback ? (
                <span className="text-fg">{settings.knowledgeFallback}</span>
              ) : (
                "resCode -1"
              )}{" "}
              {t("fallback")}
            </li>
          </ul>
          {canEdit && <EntryForm action={saveEntryAction} integrationId={integration.id} />}
        </Card>
      </div>
    </>
  );
}
