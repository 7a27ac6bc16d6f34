// Message keys are checked by the type checker: t("nav.overview") compiles, t("nav.overveiw") fails.
import type { Locale } from "@/lib/i18n/config";
import type { Messages } from "@/lib/i18n/messages/en";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
