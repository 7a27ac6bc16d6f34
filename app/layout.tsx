import type { Metadata } from "next";
import "./globals.css";
import { currentTheme } from "@/lib/theme";

export const metadata: Metadata = {
  title: { default: "Deskbridge", template: "%s · Deskbridge" },
  description: "The enterprise side of Sobot, Udesk and Hyphenate integrations.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const theme = await currentTheme();
  return (
    <html lang="en" data-theme={theme === "system" ? undefined : theme}>
      <body className="min-h-screen bg-bg font-sans text-fg antialiased">{children}</body>
    </html>
  );
}
