// The agent consoles that frame the panel. Until one of their origins is allowed (the
// integration's "frameAncestors"), the browser refuses to show the panel inside the console and
// the agent sees a blank tab: the integration page warns and offers these as one-click choices.
import type { Db } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { getIntegration, updateIntegration } from "@/lib/integrations/integrations";
export const CONSOLE_ORIGINS: { origin: string; label: string }[] = [
  // 环信客服云 / Hyphenate Customer Engagement Cloud: the agent console's own address.
  { origin: "https://kefu.easemob.com", label: "Easemob / Hyphenate agent console" },
];

/** The warning for a Hyphenate integration, or null once a frame ancestor is set. */
export function frameAncestorWarning(settings: Record<string, unknown>): string | null {
  const allowed = Array.isArray(settings.frameAncestors) ? settings.frameAncestors : [];
  if (allowed.length > 0) return null;
  return (
    "No site may frame this panel yet, so the agent console shows a blank tab where it should be. " +
    "Allow the console's origin: choose it below, or type your console's address (its origin, such as " +
    "https://kefu.easemob.com) under Settings."
  );
}

/** Adds an origin to a Hyphenate integration's frame ancestors (checked as the settings form checks it). */
export async function allowFrameAncestor(client: Db, id: string, origin: string): Promise<void> {
  const integration = await getIntegration(client, id);
  if (integration?.vendor !== "hyphenate") throw validationError("Only a Hyphenate panel has frame ancestors.");
  const current = (integration.settings.frameAncestors as string[] | undefined) ?? [];
  if (!current.includes(origin))
    await updateIntegration(client, id, { settings: { frameAncestors: [...current, origin] } });
}
