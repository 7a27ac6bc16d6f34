import { getTranslations } from "next-intl/server";
import { setThemeAction } from "@/app/actions";
import { cx } from "@/components/ui";
import type { Theme } from "@/lib/theme";

/** Works without client JavaScript: each choice is a form submission. */
export async function ThemeSwitch({ theme }: { theme: Theme }) {
  const t = await getTranslations("nav");
  const choices: { value: Theme; label: string }[] = [
    { value: "light", label: t("themeLight") },
    { value: "dark", label: t("themeDark") },
    { value: "system", label: t("themeSystem") },
  ];
  return (
    <form action={setThemeAction} className="flex rounded-md border border-line p-0.5" aria-label={t("theme")}>
      {choices.map((c) => (
        <button
          key={c.value}
          type="submit"
          name="theme"
          value={c.value}
          aria-pressed={theme === c.value}
          className={cx(
            "rounded px-2 py-0.5 text-xs",
            theme === c.value ? "bg-surface-2 font-medium" : "text-muted hover:text-fg",
          )}
        >
          {c.label}
        </button>
      ))}
    </form>
  );
}
