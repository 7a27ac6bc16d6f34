import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { countIntegrations } from "@/lib/integrations/lookup";
import { listTemplates } from "@/lib/templates/templates";
import { KIND_LABELS } from "@/lib/templates/config";
import { Badge, EmptyState, LinkButton, Notice, PageHeader } from "@/components/ui";
import { ActionButton } from "@/components/ui/action-button";
import { ConfirmForm } from "@/components/ui/confirm-form";
import { deleteTemplateAction, duplicateTemplateAction } from "./actions";
import { formatDateTime } from "@/lib/datetime";

export const metadata: Metadata = { title: "Card templates" };

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const user = await requirePageUser("viewer");
  const client = await db();
  const [templates, udesk, { deleted }] = await Promise.all([
    listTemplates(client),
    countIntegrations(client, "udesk"),
    searchParams,
  ]);
  const canEdit = hasRole(user.role, "operator");
  return (
    <>
      <PageHeader
        title="Card templates"
        subtitle={
          "What Udesk's robot shows for a task node: product cards, order lists, options " + "and logistics timelines."
        }
        actions={
          udesk > 0 && (
            <>
              <LinkButton href="/templates/answers">Message answers &amp; knowledge</LinkButton>
              {canEdit && (
                <LinkButton href="/templates/new" variant="primary">
                  New template
                </LinkButton>
              )}
            </>
          )
        }
      />
      {deleted && (
        <div className="mb-4">
          <Notice tone="ok">Template deleted.</Notice>
        </div>
      )}
      {udesk === 0 && (
        <div className="mb-4">
          <Notice tone="warn">Create a Udesk integration first (Integrations): templates belong to one.</Notice>
        </div>
      )}
      {templates.length === 0 ? (
        <EmptyState title="No card templates yet">
          A template answers Udesk&apos;s task-push calls for one task node, or as the integration&apos;s default.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-surface">
          <table className="w-full text-sm">
            <thead className="border-b border-line bg-surface-2 text-left text-muted">
              <tr>
                <th className="px-3 py-2 font-medium">Name</th>
                <th className="px-3 py-2 font-medium">Integration</th>
                <th className="px-3 py-2 font-medium">Task node</th>
                <th className="px-3 py-2 font-medium">Kind</th>
                <th className="px-3 py-2 font-medium">Updated</th>
                {canEdit && (
                  <th className="px-3 py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {templates.map((t) => (
                <tr key={t.id} className="border-b border-line last:border-0">
                  <td className="px-3 py-2">
                    <Link className="font-medium text-accent hover:underline" href={`/templates/${t.id}`}>
                      {t.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{t.integrationName}</td>
                  <td className="px-3 py-2">
                    {t.isDefault ? (
                      <Badge tone="accent">default</Badge>
                    ) : t.form ? (
                      <Badge>form</Badge>
                    ) : (
                      (t.taskNodeId ?? <span className="text-muted">none</span>)
                    )}
                  </td>
                  <td className="px-3 py-2 text-xs">{KIND_LABELS[t.config.kind]}</td>
                  <td className="px-3 py-2 text-xs text-muted">{formatDateTime(t.updatedAt)}</td>
                  {canEdit && (
                    <td className="px-3 py-2">
                      <div className="flex items-start gap-2">
                        <ActionButton action={duplicateTemplateAction} fields={{ id: t.id }} label="Duplicate" />
                        <ConfirmForm
                          action={deleteTemplateAction}
                          fields={{ id: t.id }}
                          label="Delete"
                          question={`Delete "${t.name}"?`}
                          confirmLabel="Delete template"
                        />
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
