"use client";
// The template editor's text in the page's language: its own labels (messages "templates"), and
// the checks' and the preview's messages, written in English in lib/templates, through the
// domain phrase list (lib/i18n/domain/templates.ts).
import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import { translateMessage } from "@/lib/i18n/domain";

export function useTemplateText() {
  const t = useTranslations("templates");
  const locale = useLocale();
  const tr = useCallback((message: string) => translateMessage(locale, message), [locale]);
  const trList = useCallback((list: string[] | undefined) => list?.map(tr), [tr]);
  const trErrors = useCallback(
    (errors: Record<string, string[]> | undefined) =>
      errors && Object.fromEntries(Object.entries(errors).map(([k, list]) => [k, list.map(tr)])),
    [tr],
  );
  /** A preview problem ("mapping.id: reason; reason" or a sentence) with its reasons translated. */
  const trProblem = useCallback(
    (problem: string) => {
      const m = /^([\w.[\]-]+): (.*)$/s.exec(problem);
      return m ? `${m[1]}: ${m[2].split("; ").map(tr).join("; ")}` : tr(problem);
    },
    [tr],
  );
  return { t, tr, trList, trErrors, trProblem };
}
