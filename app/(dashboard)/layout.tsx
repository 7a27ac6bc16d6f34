import Link from "next/link";
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
const items: (NavItem & { role: Role })[] = [
  { href: "/", label: "Overview", role: "viewer" },
  { href: "/customers", label: "Customers", role: "viewer" },
  { href: "/integrations", label: "Integrations", role: "admin" },
  { href: "/templates", label: "Card templates", role: "viewer" },
  { href: "/calls", label: "Calls", role: "viewer" },
  { href: "/sobot/dictionary", label: "Sobot dictionary", role: "admin" },
  { href: "/lab", label: "Signature lab", role: "operator" },
  { href: "/audit", label: "Audit log", role: "operator" },
  { href: "/users", label: "Users", role: "admin" },
  { href: "/settings", label: "Settings", role: "admin" },
];

const brand = (
  <Link href="/" className="px-3 text-base font-semibold tracking-tight">
    Desk<span className="text-accent">bridge</span>
  </Link>
);

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  const theme = await currentTheme();
  const allowed = items.filter((item) => hasRole(user.role, item.role)).map(({ role: _, ...item }) => item);
  const footer = (
    <div className="space-y-3 px-1">
      <ThemeSwitch theme={theme} />
      <div className="text-xs">
        <Link href="/account" className="block truncate font-medium hover:text-accent" title="Your account">
          {user.email}
        </Link>
        <p className="mt-0.5">
          <Badge tone={user.role === "admin" ? "accent" : "neutral"}>{user.role}</Badge>
        </p>
      </div>
      <SignOutButton />
    </div>
  );
  return (
    <div className="min-h-screen md:flex">
      <MobileMenu brand={brand}>
        <Nav items={allowed} label="Menu" />
        <div className="mt-4 border-t border-line pt-3">{footer}</div>
      </MobileMenu>
      <aside
        className={
          "sticky top-0 hidden h-screen w-56 shrink-0 flex-col border-r border-line bg-surface px-3 py-4 md:flex"
        }
      >
        <div className="mb-6">{brand}</div>
        <Nav items={allowed} />
        <div className="mt-auto">{footer}</div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-4 md:px-8 md:py-6">{children}</main>
    </div>
  );
}
