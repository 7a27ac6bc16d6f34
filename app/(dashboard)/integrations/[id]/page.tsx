import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { countCallsOf } from "@/lib/calls/query";
import { getIntegration } from "@/lib/integrations/integrations";
import { kindOf } from "@/lib/integrations/kinds";
import { publicOrigin, publicUrlWarning } from "@/lib/public-url";
import { formatDateTime } from "@/lib/datetime";
import { Badge, Card, LinkButton, Notice, PageHeader } from "@/components/ui";
import { ActionButton } from "@/components/ui/action-button";
import { ConfirmForm } from "@/components/ui/confirm-form";
import { CopyButton } from "@/components/ui/copy-button";
import { IntegrationForm } from "@/components/integrations/integration-form";
import { RotateForm } from "@/components/integrations/rotate-form";
import {
  addTriggerAction,
  allowFrameAncestorAction,
  deleteIntegrationAction,
  removeTriggerAction,
  rotateSecretAction,
  setEnabledAction,
  updateIntegrationAction,
} from "../actions";
import { AddTriggerForm } from "@/components/integrations/trigger-admin";
import { triggerSecretName, type SobotTrigger } from "@/lib/integrations/kinds";
import { GUIDES } from "@/lib/integrations/guides";
import { defaultPayload, LAB_KIND_INFO, LAB_KINDS } from "@/lib/lab/build";
import { SetupGuide } from "@/components/integrations/setup-guide";
import { OpenPanel, TestCall } from "@/components/integrations/test-call";
import { CONSOLE_ORIGINS, frameAncestorWarning } from "@/lib/vendors/hyphenate/consoles";

export const metadata: Metadata = { title: "Integration" };

const settingToForm = (value: unknown) =>
  Array.isArray(value) ? value.join("\n") : value === true ? "on" : value === false ? "" : String(value ?? "");

export default async function IntegrationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  await requirePageUser("admin");
  const client = await db();
  const integration = await getIntegration(client, (await params).id);
  if (!integration) notFound();
  const kind = kindOf(integration.vendor)!;
  const origin = await publicOrigin();
  const urlWarning = publicUrlWarning();
  const { saved } = await searchParams;
  const frameWarning = integration.vendor === "hyphenate" ? frameAncestorWarning(integration.settings) : null;
  const callCount = await countCallsOf(client, integration.id);
  const guide = GUIDES[integration.vendor];
  const testKinds = LAB_KINDS.filter((k) => LAB_KIND_INFO[k].vendor === integration.vendor).map((k) => ({
    kind: k,
    label: LAB_KIND_INFO[k].label,
    payload: JSON.stringify(defaultPayload(k, integration.settings), null, 2),
  }));
  const initial = {
    name: integration.name,
    ...Object.fromEntries(
      kind.settingFields.map((f) => [`settings.${f.name}`, settingToForm(integration.settings[f.name])]),
    ),
  };

  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            {integration.name}{" "}
            {integration.enabled ? <Badge tone="ok">enabled</Badge> : <Badge tone="danger">disabled</Badge>}
          </span>
        }
        subtitle={`${kind.label} · created ${formatDateTime(integration.createdAt)}`}
        actions={
          <>
            <LinkButton href={`/calls?integration=${integration.id}`}>Calls ({callCount})</LinkButton>
            <LinkButton href="/integrations">All integrations</LinkButton>
          </>
        }
      />
      {saved && (
        <div className="mb-4">
          <Notice tone="ok">Integration created. Paste the URL below into the vendor&apos;s console.</Notice>
        </div>
      )}
      {urlWarning && (
        <div className="mb-4">
          <Notice tone="warn">{urlWarning}</Notice>
        </div>
      )}
      {frameWarning && (
        <div className="mb-4 space-y-2" data-testid="frame-ancestor-warning">
          <Notice tone="warn">{frameWarning}</Notice>
          <div className="flex flex-wrap gap-2">
            {CONSOLE_ORIGINS.map((c) => (
              <ActionButton
                key={c.origin}
                action={allowFrameAncestorAction}
                fields={{ id: integration.id, origin: c.origin }}
                label={`Allow ${c.origin} (${c.label})`}
              />
            ))}
          </div>
        </div>
      )}
      {integration.secrets.map(
        (s) =>
          s.previous?.lastUsedAt && (
            <div key={s.name} className="mb-4">
              <Notice tone="warn">
                Calls still arrive signed with the previous {s.name} (last at {formatDateTime(s.previous.lastUsedAt)}).
                Update the key in the vendor&apos;s console before the old one expires
                {s.previous.expiresAt ? ` at ${formatDateTime(s.previous.expiresAt)}` : ""}.
              </Notice>
            </div>
          ),
      )}
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-2">
        <div className="space-y-5">
          {guide && (
            <Card title={`Set up in the ${guide.console}`}>
              <SetupGuide guide={guide} integration={integration} origin={origin} />
            </Card>
          )}
          {testKinds.length > 0 && (
            <Card title="Test call">
              <TestCall integrationId={integration.id} kinds={testKinds} />
              {integration.vendor === "hyphenate" && (
                <div className="mt-4 border-t border-line pt-4">
                  <OpenPanel integrationId={integration.id} />
                </div>
              )}
            </Card>
          )}
          {integration.vendor === "sobot-api" && (
            <Card title="Rule triggers">
              <p className="mb-3 text-sm text-muted">
                Operators send these from a customer&apos;s page, or with <code>deskbridge sobot trigger</code>.
              </p>
              <ul className="mb-4 divide-y divide-line text-sm">
                {((integration.settings.triggers as SobotTrigger[] | undefined) ?? []).map((t) => (
                  <li
                    key={t.name}
                    className="flex items-center justify-between gap-3 py-2"
                    aria-label={`Trigger ${t.name}`}
                  >
                    <span>
                      <span className="font-medium">{t.name}</span>{" "}
                      <span className="font-mono text-xs text-muted">{t.triggerId}</span>{" "}
                      <span className="font-mono text-xs">
                        {integration.secrets.find((x) => x.name === triggerSecretName(t.name))?.hint}
                      </span>
                    </span>
                    <ActionButton
                      action={removeTriggerAction}
                      fields={{ id: integration.id, name: t.name }}
                      label="Remove"
                    />
                  </li>
                ))}
              </ul>
              <AddTriggerForm action={addTriggerAction} id={integration.id} />
            </Card>
          )}
          {Object.keys(integration.endpoints).length > 0 && (
            <Card title="Callback URLs">
              <p className="mb-3 text-sm text-muted">Paste into the vendor&apos;s console exactly as shown.</p>
              {Object.entries(integration.endpoints).map(([name, path]) => (
                <div key={name} className="mb-2 flex items-center gap-2">
                  <span className="w-16 shrink-0 text-sm text-muted">{name}</span>
                  <code
                    className="min-w-0 flex-1 break-all rounded bg-surface-2 px-2 py-1 text-xs"
                    data-testid={`endpoint-${name}`}
                  >
                    {origin}
                    {path}
                  </code>
                  <CopyButton text={`${origin}${path}`} />
                </div>
              ))}
            </Card>
          )}
          <Card title="Settings">
            <IntegrationForm
              action={updateIntegrationAction}
              vendor={integration.vendor}
              settingFields={kind.settingFields}
              initial={initial}
              id={integration.id}
              submitLabel="Save settings"
            />
          </Card>
        </div>
        <div className="space-y-5">
          {kind.secrets.map((spec) => {
            const s = integration.secrets.find((x) => x.name === spec.name)!;
            return (
              <Card key={spec.name} title={spec.label}>
                <dl className="mb-4 space-y-1 text-sm">
                  <div className="flex gap-2">
                    <dt className="w-24 text-muted">Current</dt>
                    <dd className="font-mono" data-testid={`hint-${spec.name}`}>
                      {s.hint ?? "not set"}
                    </dd>
                  </div>
                  {s.previous && (
                    <div className="flex gap-2">
                      <dt className="w-24 text-muted">Previous</dt>
                      <dd>
                        <span className="font-mono">{s.previous.hint}</span>{" "}
                        <span className="text-xs text-muted">
                          valid until {s.previous.expiresAt ? formatDateTime(s.previous.expiresAt) : "—"}
                          {s.previous.lastUsedAt
                            ? `, last used ${formatDateTime(s.previous.lastUsedAt)}`
                            : ", not used since the rotation"}
                        </span>
                      </dd>
                    </div>
                  )}
                </dl>
                <RotateForm action={rotateSecretAction} id={integration.id} name={spec.name} label={spec.label} />
              </Card>
            );
          })}
          <Card title="Status">
            <p className="mb-3 text-sm text-muted">
              A disabled integration answers 404 to the vendor; its calls are still logged.{" "}
              <Link className="text-accent underline" href={`/calls?integration=${integration.id}`}>
                See its calls
              </Link>
              .
            </p>
            <ActionButton
              action={setEnabledAction}
              fields={{ id: integration.id, enabled: integration.enabled ? "0" : "1" }}
              label={integration.enabled ? "Disable integration" : "Enable integration"}
            />
          </Card>
          <Card title="Danger zone">
            <ConfirmForm
              action={deleteIntegrationAction}
              fields={{ id: integration.id }}
              label="Delete integration"
              question={`Delete "${integration.name}"? Its URLs stop working; its ${callCount} logged call(s) stay.`}
              confirmLabel="Delete permanently"
            />
          </Card>
        </div>
      </div>
    </>
  );
}
