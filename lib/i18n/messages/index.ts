// Every language's messages, loaded once per process.
import type { Locale } from "@/lib/i18n/config";
import { en, type Messages } from "./en";
import { zhCN } from "./zh-CN";

const all: Record<Locale, Messages> = { en, "zh-CN": zhCN };

export type { Messages };
export function messagesFor(locale: Locale): Messages {
  return all[locale];
}
