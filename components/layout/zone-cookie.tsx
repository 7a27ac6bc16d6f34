"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { ZONE_COOKIE } from "@/lib/i18n/config";

/**
 * Tells the server the browser's time zone (a cookie), so that times follow the operator's clock
 * unless they chose a zone on their account page; the page re-renders once when it changes.
 */
export function ZoneCookie({ current }: { current: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === current) return;
    // biome-ignore lint/suspicious/noDocumentCookie: a preference cookie the server reads; no data
    document.cookie = `${ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [current, router]);
  return null;
}
