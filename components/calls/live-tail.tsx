"use client";
// Live tail: while on, the newest page refreshes every few seconds (server-rendered, so the
// page stays useful without JavaScript; this only adds the refresh).
import { useEffect } from "react";
import { useRouter } from "next/navigation";

export function LiveTail({
  active,
  label,
  intervalMs = 3000,
}: {
  active: boolean;
  /** "Live", in the page's language. */
  label: string;
  intervalMs?: number;
}) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, router]);
  return active ? (
    <span className="inline-flex items-center gap-1.5 text-xs text-ok" role="status">
      <span className="size-2 animate-pulse rounded-full bg-ok" /> {label}
    </span>
  ) : null;
}
