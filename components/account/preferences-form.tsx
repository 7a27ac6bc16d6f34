"use client";
// Account → the dashboard's language and time zone; an empty choice follows the browser.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, Notice, inputClass } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";
import { LOCALES, LOCALE_NAMES } from "@/lib/i18n/config";

export function PreferencesForm({
  locale,
  timeZone,
  zones,
  save,
}: {
  locale: string | null;
  timeZone: string | null;
  zones: string[];
  save: (s: ActionState, f: FormData) => Promise<ActionState>;
}) {
  const t = useTranslations("account");
  const common = useTranslations("common");
  const [state, action, pending] = useActionState(save, initialActionState);
  const v = state.values ?? {};
  return (
    <form key={state.seq} action={action} className="space-y-3" noValidate aria-label={t("preferences")}>
      {/* Saved: said in the language just chosen (the page re-renders in it). */}
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.ok ? t("saved") : state.message}</Notice>}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label={t("language")} name="locale" errors={state.fieldErrors?.locale}>
          {(a) => (
            <select {...a} name="locale" defaultValue={v.locale ?? locale ?? ""} className={inputClass}>
              <option value="">{t("followBrowser")}</option>
              {LOCALES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LOCALE_NAMES[l]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("timeZone")} name="timeZone" errors={state.fieldErrors?.timeZone}>
          {(a) => (
            <select {...a} name="timeZone" defaultValue={v.timeZone ?? timeZone ?? ""} className={inputClass}>
              <option value="">{t("followBrowser")}</option>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <p className="text-xs text-muted">{t("preferencesHint")}</p>
      <Button type="submit" disabled={pending}>
        {common("save")}
      </Button>
    </form>
  );
}
