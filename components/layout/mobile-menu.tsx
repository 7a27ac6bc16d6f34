"use client";
// Below 768 px the sidebar gives way to a top bar with a menu button; the menu closes itself when
// a link in it takes the operator to another page.
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState, type ReactNode } from "react";

export function MobileMenu({ brand, children }: { brand: ReactNode; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const t = useTranslations("nav");
  const pathname = usePathname();
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing on navigation is the point
  useEffect(() => setOpen(false), [pathname]);
  return (
    <header className="sticky top-0 z-20 border-b border-line bg-surface md:hidden">
      <div className="flex items-center justify-between px-4 py-2">
        {brand}
        <button
          type="button"
          aria-expanded={open}
          aria-controls="mobile-menu"
          onClick={() => setOpen(!open)}
          className="rounded-md border border-line px-3 py-1.5 text-sm font-medium"
        >
          {open ? t("close") : t("menu")}
        </button>
      </div>
      {/* Rendered only while open: closed, the page holds one navigation and one account block. */}
      {open && (
        <div id="mobile-menu" className="max-h-[80vh] overflow-y-auto border-t border-line px-3 py-3">
          {children}
        </div>
      )}
    </header>
  );
}
