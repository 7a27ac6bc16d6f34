// A vendor kind's labels and hints (written in English in lib/integrations/kinds.ts) in the page's
// language, for the integration pages and their forms.
import type { Locale } from "@/lib/i18n/config";
import { translateMessage } from "@/lib/i18n/domain";
import type { SecretSpec, SettingField, VendorKind } from "@/lib/integrations/kinds";

export function translateKindFields(
  locale: Locale,
  kind: Pick<VendorKind, "label" | "description" | "settingFields" | "secrets">,
) {
  const tr = (text: string) => translateMessage(locale, text);
  const opt = (text: string | undefined) => (text === undefined ? undefined : tr(text));
  return {
    label: tr(kind.label),
    description: tr(kind.description),
    settingFields: kind.settingFields.map((f): SettingField => ({ ...f, label: tr(f.label), hint: opt(f.hint) })),
    secrets: kind.secrets.map((s): SecretSpec => ({ ...s, label: tr(s.label), hint: opt(s.hint) })),
  };
}
