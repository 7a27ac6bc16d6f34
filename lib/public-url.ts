// The origin vendors should call: DESKBRIDGE_PUBLIC_URL, else this request's own origin.
import "server-only";
import { headers } from "next/headers";
import { readConfig } from "@/lib/config";

export async function publicOrigin(): Promise<string> {
  const configured = readConfig().publicUrl;
  if (configured) return configured;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto =
    h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

/** The origin this request reached the server through (for the server calling itself). */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("host") ?? "127.0.0.1:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}
