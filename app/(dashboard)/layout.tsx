import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { currentTheme } from "@/lib/theme";
import { Nav, type NavItem } from "@/components/layout/nav";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { ThemeSwitch } from "@/components/layout/theme-switch";
import { Badge } from "@/components/ui";

const items: NavItem[] = [
  { href: "/customers", label: "Customers" },
  { href: "/integrations", label: "Integrations" },
  { href: "/templates", label: "Card templates" },
  { href: "/calls", label: "Calls" },
  { href: "/sobot/dictionary", label: "Sobot dictionary" },
  { href: "/lab", label: "Signature lab" },
  { href: "/audit", label: "Audit log" },
  { href: "/users", label: "Users" },
  { href: "/settings", label: "Settings" },
];

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  const theme = await currentTheme();
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-56 shrink-0 flex-col border-r border-line bg-surface px-3 py-4">
        <Link href="/customers" className="mb-6 px-3 text-base font-semibold tracking-tight">
          Desk<span className="text-accent">bridge</span>
        </Link>
        <Nav items={items} />
        <div className="mt-auto space-y-3 px-1">
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
      </aside>
      <main className="min-w-0 flex-1 px-8 py-6">{children}</main>
    </div>
  );
}
