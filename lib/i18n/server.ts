// The language of the request being answered, for code that runs outside a page (server actions).
import "server-only";
import { z } from "zod";
import { getLocale } from "next-intl/server";
import type { ActionState } from "@/lib/action-state";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/config";
import { translateFieldErrors, translateMessage } from "@/lib/i18n/domain";

/** The request's language; English outside a request (a test calling the domain layer). */
export async function requestLocale(): Promise<Locale> {
  try {
    return await getLocale();
  } catch {
    return DEFAULT_LOCALE;
  }
}

const zhCN = z.locales.zhCN().localeError;

/** zod's own messages ("expected string…") in the language; messages a schema sets stay its own. */
export function zodErrorMap(locale: Locale): z.core.$ZodErrorMap | undefined {
  return locale === "zh-CN" ? zhCN : undefined;
}

/** An action's answer with its message and field errors in the language. */
export function translateState<S extends Pick<ActionState, "message" | "fieldErrors">>(locale: Locale, state: S): S {
  if (locale === "en") return state;
  return {
    ...state,
    message: state.message === undefined ? undefined : translateMessage(locale, state.message),
    fieldErrors: translateFieldErrors(locale, state.fieldErrors),
  };
}
