import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
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
import { guideFor } from "@/lib/integrations/guides";
import { translateMessage } from "@/lib/i18n/domain";
import { translateKindFields } from "../translate-kind";
import { defaultPayload, LAB_KIND_INFO, LAB_KINDS } from "@/lib/lab/build";
import { SetupGuide } from "@/components/integrations/setup-guide";
import { OpenPanel, TestCall } from "@/components/integrations/test-call";
import { CONSOLE_ORIGINS, frameAncestorWarning } from "@/lib/vendors/hyphenate/consoles";

export async function generateMetadata() {
  const t = await getTranslations("integrations");
  return { title: t("pageTitle") };
}

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
  const [t, locale, timeZone] = await Promise.all([getTranslations("integrations"), getLocale(), getTimeZone()]);
  const tr = (text: string) => translateMessage(locale, text);
  const at = (d: Date) => formatDateTime(d, { timeZone });
  const kind = translateKindFields(locale, kindOf(integration.vendor)!);
  const origin = publicOrigin();
  const warning = publicUrlWarning();
  const urlWarning = warning && tr(warning);
  const { saved } = await searchParams;
  const frameWarning = integration.vendor === "hyphenate" ? frameAncestorWarning(integration.settings) : null;
  const callCount = await countCallsOf(client, integration.id);
  const guide = guideFor(integration.vendor, locale);
  const testKinds = LAB_KINDS.filter((k) => LAB_KIND_INFO[k].vendor === integration.vendor).map((k) => ({
    kind: k,
    label: tr(LAB_KIND_INFO[k].label),
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
            {integration.enabled ? (
              <Badge tone="ok">{t("enabled")}</Badge>
            ) : (
              <Badge tone="danger">{t("disabled")}</Badge>
            )}
          </span>
        }
        subtitle={t("subtitleCreated", { kind: kind.label, time: at(integration.createdAt) })}
        actions={
          <>
            <LinkButton href={`/calls?integration=${integration.id}`}>{t("calls", { count: callCount })}</LinkButton>
            <LinkButton href="/integrations">{t("all")}</LinkButton>
          </>
        }
      />
      {saved && (
        <div className="mb-4">
          <Notice tone="ok">{t("created")}</Notice>
        </div>
      )}
      {urlWarning && (
        <div className="mb-4">
          <Notice tone="warn">{urlWarning}</Notice>
        </div>
      )}
      {frameWarning && (
        <div className="mb-4 space-y-2" data-testid="frame-ancestor-warning">
          <Notice tone="warn">{tr(frameWarning)}</Notice>
          <div className="flex flex-wrap gap-2">
            {CONSOLE_ORIGINS.map((c) => (
              <ActionButton
                key={c.origin}
                action={allowFrameAncestorAction}
                fields={{ id: integration.id, origin: c.origin }}
                label={t("allowOrigin", { origin: c.origin, label: tr(c.label) })}
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
                {t("previousStillUsed.1", { name: s.name, last: at(s.previous.lastUsedAt) })}
                {t("previousStillUsed.2", {
                  at: s.previous.expiresAt ? t("expiresAt", { time: at(s.previous.expiresAt) }) : "",
                })}
              </Notice>
            </div>
          ),
      )}
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-2">
        <div className="space-y-5">
          {guide && (
            <Card title={t("setUpIn", { console: guide.console })}>
              <SetupGuide guide={guide} integration={integration} origin={origin} />
            </Card>
          )}
          {testKinds.length > 0 && (
            <Card title={t("testCall")}>
              <TestCall integrationId={integration.id} kinds={testKinds} />
              {integration.vendor === "hyphenate" && (
                <div className="mt-4 border-t border-line pt-4">
                  <OpenPanel integrationId={integration.id} />
                </div>
              )}
            </Card>
          )}
          {integration.vendor === "sobot-api" && (
            <Card title={t("ruleTriggers")}>
              <p className="mb-3 text-sm text-muted">
                {t.rich("triggersHint", { code: (chunks) => <code>{chunks}</code> })}
              </p>
              <ul className="mb-4 divide-y divide-line text-sm">
                {((integration.settings.triggers as SobotTrigger[] | undefined) ?? []).map((trigger) => (
                  <li
                    key={trigger.name}
                    className="flex items-center justify-between gap-3 py-2"
                    aria-label={t("triggerAria", { name: trigger.name })}
                  >
                    <span>
                      <span className="font-medium">{trigger.name}</span>{" "}
                      <span className="font-mono text-xs text-muted">{trigger.triggerId}</span>{" "}
                      <span className="font-mono text-xs">
                        {integration.secrets.find((x) => x.name === triggerSecretName(trigger.name))?.hint}
                      </span>
                    </span>
                    <ActionButton
                      action={removeTriggerAction}
                      fields={{ id: integration.id, name: trigger.name }}
                      label={t("remove")}
                    />
                  </li>
                ))}
              </ul>
              <AddTriggerForm action={addTriggerAction} id={integration.id} />
            </Card>
          )}
          {Object.keys(integration.endpoints).length > 0 && (
            <Card title={t("callbackUrls")}>
              <p className="mb-3 text-sm text-muted">{t("pasteExactly")}</p>
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
          <Card title={t("settings")}>
            <IntegrationForm
              action={updateIntegrationAction}
              vendor={integration.vendor}
              settingFields={kind.settingFields}
              initial={initial}
              id={integration.id}
              submitLabel={t("saveSettings")}
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
                    <dt className="w-24 text-muted">{t("current")}</dt>
                    <dd className="font-mono" data-testid={`hint-${spec.name}`}>
                      {s.hint ?? t("notSet")}
                    </dd>
                  </div>
                  {s.previous && (
                    <div className="flex gap-2">
                      <dt className="w-24 text-muted">{t("previous")}</dt>
                      <dd>
                        <span className="font-mono">{s.previous.hint}</span>{" "}
                        <span className="text-xs text-muted">
                          {t("validUntil", { time: s.previous.expiresAt ? at(s.previous.expiresAt) : "—" })}
                          {s.previous.lastUsedAt ? t("lastUsed", { time: at(s.previous.lastUsedAt) }) : t("notUsed")}
                        </span>
                      </dd>
                    </div>
                  )}
                </dl>
                <RotateForm
                  action={rotateSecretAction}
                  id={integration.id}
                  name={spec.name}
                  label={spec.label}
                  previousInUse={Boolean(s.previous?.lastUsedAt)}
                />
              </Card>
            );
          })}
          <Card title={t("status")}>
            <p className="mb-3 text-sm text-muted">
              {t("statusHint")}{" "}
              <Link className="text-accent underline" href={`/calls?integration=${integration.id}`}>
                {t("seeCalls")}
              </Link>
              .
            </p>
            <ActionButton
              action={setEnabledAction}
              fields={{ id: integration.id, enabled: integration.enabled ? "0" : "1" }}
              label={integration.enabled ? t("disable") : t("enable")}
            />
          </Card>
          <Card title={t("danger")}>
            <ConfirmForm
              action={deleteIntegrationAction}
              fields={{ id: integration.id }}
              label={t("delete")}
              question={t("deleteQuestion", { name: integration.name, count: callCount })}
              confirmLabel={t("deletePermanently")}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
