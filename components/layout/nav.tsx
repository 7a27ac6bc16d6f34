"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui";

export type NavItem = { href: string; label: string; soon?: boolean };

export function Nav({ items, label }: { items: NavItem[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="flex flex-col gap-0.5">
      {items.map((item) => {
        const active =
          item.href === "/" ? pathname === "/" : pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={cx(
              "flex items-center justify-between rounded-md px-3 py-2 text-sm",
              active ? "bg-accent-soft font-medium text-accent" : "text-fg hover:bg-surface-2",
            )}
          >
            {item.label}
            {item.soon && <span className="text-[10px] uppercase tracking-wide text-muted">soon</span>}
          </Link>
        );
      })}
    </nav>
  );
}
