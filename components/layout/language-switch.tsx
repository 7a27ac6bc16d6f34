import { getLocale, getTranslations } from "next-intl/server";
import { setLocaleAction } from "@/app/actions";
import { cx } from "@/components/ui";
import { LOCALES, LOCALE_NAMES } from "@/lib/i18n/config";

/** The sign-in page's language choice: works signed out and without client JavaScript (a cookie). */
export async function LanguageSwitch() {
  const [t, current] = await Promise.all([getTranslations("auth"), getLocale()]);
  return (
    <form action={setLocaleAction} className="flex rounded-md border border-line p-0.5" aria-label={t("language")}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={current === locale}
          className={cx(
            "rounded px-2 py-0.5 text-xs",
            current === locale ? "bg-surface-2 font-medium" : "text-muted hover:text-fg",
          )}
        >
          {LOCALE_NAMES[locale]}
        </button>
      ))}
    </form>
  );
}
