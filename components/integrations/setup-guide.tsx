// The set-up guide on an integration's page: the vendor console's menus, and beside each step the
// real value to paste (a callback URL) or check (a setting, a secret's hint; never its value).
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui";
import { CopyButton } from "@/components/ui/copy-button";
import type { IntegrationView } from "@/lib/integrations/integrations";
import type { Guide, GuideValue } from "@/lib/integrations/guides";

function Value({ value, integration, origin }: { value: GuideValue; integration: IntegrationView; origin: string }) {
  const t = useTranslations("integrations");
  const shown = (v: unknown) =>
    Array.isArray(v) ? v.join(", ") : v === true ? t("guide.on") : v === false ? t("guide.off") : String(v ?? "");
  if ("endpoint" in value) {
    const url = `${origin}${integration.endpoints[value.endpoint] ?? ""}`;
    return (
      <div className="flex items-center gap-2">
        <span className="w-40 shrink-0 text-xs text-muted">{value.label}</span>
        <code className="min-w-0 flex-1 break-all rounded bg-surface-2 px-2 py-1 text-xs">{url}</code>
        <CopyButton text={url} />
      </div>
    );
  }
  if ("setting" in value) {
    const text = shown(integration.settings[value.setting]);
    return (
      <div className="flex items-center gap-2">
        <span className="w-40 shrink-0 text-xs text-muted">{value.label}</span>
        {text ? (
          <code className="rounded bg-surface-2 px-2 py-1 text-xs">{text}</code>
        ) : (
          <Badge>{t("guide.empty")}</Badge>
        )}
      </div>
    );
  }
  const secret = integration.secrets.find((s) => s.name === value.secret);
  return (
    <div className="flex items-center gap-2">
      <span className="w-40 shrink-0 text-xs text-muted">{value.label}</span>
      {secret?.hint ? (
        <span className="text-xs">
          {t.rich("guide.setHere", { hint: () => <span className="font-mono">{secret.hint}</span> })}
        </span>
      ) : (
        <Badge tone="warn">{t("guide.notSetYet")}</Badge>
      )}
    </div>
  );
}

const NUMBER =
  "flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-accent-soft text-xs font-semibold text-accent";

export function SetupGuide({
  guide,
  integration,
  origin,
}: {
  guide: Guide;
  integration: IntegrationView;
  origin: string;
}) {
  const t = useTranslations("integrations");
  return (
    <ol className="space-y-4 text-sm" aria-label={t("guide.aria")}>
      {guide.steps.map((step, i) => (
        <li key={step.text} className="flex gap-3">
          <span className={NUMBER}>{i + 1}</span>
          <div className="min-w-0 flex-1 space-y-2">
            {step.where && (
              <p>
                <span className="text-muted">{t("guide.where", { console: guide.console })}</span>
                <span className="font-medium">{step.where}</span>
              </p>
            )}
            <p>{step.text}</p>
            {step.values?.map((v) => (
              <Value key={JSON.stringify(v)} value={v} integration={integration} origin={origin} />
            ))}
          </div>
        </li>
      ))}
    </ol>
  );
}
