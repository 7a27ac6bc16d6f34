import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { currentTheme } from "@/lib/theme";
import { Nav, type NavItem } from "@/components/layout/nav";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { ThemeSwitch } from "@/components/layout/theme-switch";
import { MobileMenu } from "@/components/layout/mobile-menu";
import { Badge } from "@/components/ui";
import { hasRole, type Role } from "@/lib/auth/roles";

// Each page and the least role that may open it (the pages check it again): the navigation shows
// a user only what they may open.
const items = [
  { href: "/", key: "overview", role: "viewer" },
  { href: "/customers", key: "customers", role: "viewer" },
  { href: "/integrations", key: "integrations", role: "admin" },
  { href: "/templates", key: "templates", role: "viewer" },
  { href: "/calls", key: "calls", role: "viewer" },
  { href: "/sobot/dictionary", key: "sobotDictionary", role: "admin" },
  { href: "/lab", key: "lab", role: "operator" },
  { href: "/audit", key: "audit", role: "operator" },
  { href: "/users", key: "users", role: "admin" },
  { href: "/settings", key: "settings", role: "admin" },
] as const satisfies readonly { href: string; key: string; role: Role }[];

const brand = (
  <Link href="/" className="px-3 text-base font-semibold tracking-tight">
    Desk<span className="text-accent">bridge</span>
  </Link>
);

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  const [theme, t] = await Promise.all([currentTheme(), getTranslations("nav")]);
  const allowed: NavItem[] = items
    .filter((item) => hasRole(user.role, item.role))
    .map((item) => ({ href: item.href, label: t(item.key) }));
  const footer = (
    <div className="space-y-3 px-1">
      <ThemeSwitch theme={theme} />
      <div className="text-xs">
        <Link href="/account" className="block truncate font-medium hover:text-accent" title={t("yourAccount")}>
          {user.email}
        </Link>
        <p className="mt-0.5">
          <Badge tone={user.role === "admin" ? "accent" : "neutral"}>{t("role", { role: user.role })}</Badge>
        </p>
      </div>
      <SignOutButton />
    </div>
  );
  return (
    <div className="min-h-screen md:flex">
      <MobileMenu brand={brand}>
        <Nav items={allowed} label={t("menu")} />
        <div className="mt-4 border-t border-line pt-3">{footer}</div>
      </MobileMenu>
      <aside
        className={
          "sticky top-0 hidden h-screen w-56 shrink-0 flex-col border-r border-line bg-surface px-3 py-4 md:flex"
        }
      >
        <div className="mb-6">{brand}</div>
        <Nav items={allowed} label={t("main")} />
        <div className="mt-auto">{footer}</div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-4 md:px-8 md:py-6">{children}</main>
    </div>
  );
}
