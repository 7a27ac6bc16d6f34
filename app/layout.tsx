import type { Metadata } from "next";
import { cookies } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import "./globals.css";
import { currentTheme } from "@/lib/theme";
import { preferences } from "@/lib/i18n/preferences";
import { ZONE_COOKIE } from "@/lib/i18n/config";
import { ZoneCookie } from "@/components/layout/zone-cookie";

export const metadata: Metadata = {
  title: { default: "Deskbridge", template: "%s · Deskbridge" },
  description: "The enterprise side of Sobot, Udesk and Hyphenate integrations.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [theme, { locale, timeZone, zoneChosen }, jar] = await Promise.all([currentTheme(), preferences(), cookies()]);
  return (
    <html lang={locale} data-theme={theme === "system" ? undefined : theme}>
      <body className="min-h-screen bg-bg font-sans text-fg antialiased">
        <NextIntlClientProvider>
          <ZoneCookie cookie={jar.get(ZONE_COOKIE)?.value ?? null} shown={timeZone} chosen={zoneChosen} />
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
