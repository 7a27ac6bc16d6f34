"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { ZONE_COOKIE } from "@/lib/i18n/config";

/**
 * Tells the server the browser's time zone (a cookie), so that times follow the operator's clock
 * unless they chose a zone on their account page. The page re-renders once, and only when the
 * times it shows would change.
 */
export function ZoneCookie({ cookie, shown, chosen }: { cookie: string | null; shown: string; chosen: boolean }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === cookie) return;
    const secure = window.location.protocol === "https:" ? "; secure" : "";
    // biome-ignore lint/suspicious/noDocumentCookie: a preference cookie the server reads; no data
    document.cookie = `${ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax${secure}`;
    if (!chosen && zone !== shown) router.refresh();
  }, [cookie, shown, chosen, router]);
  return null;
}
