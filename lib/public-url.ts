// Two origins, and no request header chooses either:
// - the public one, shown to operators as the base of the callback URLs to paste into a vendor's
//   console: DESKBRIDGE_PUBLIC_URL, else Deskbridge's own listening address (with a warning on the
//   integration pages). Not X-Forwarded-Host, even from a trusted proxy: an operator copies these
//   URLs into a vendor's console, and a proxy passes on whatever Host its caller typed;
// - the self one, where Deskbridge sends the requests it makes to itself (the lab's Send, a
//   replay): DESKBRIDGE_SELF_URL, else the loopback address and port bin/server.mjs listens on.
// A Host or X-Forwarded-Host header a caller forges could otherwise send the lab's secrets, or a
// server-side GET, to any address.
import "server-only";
import { readConfig } from "@/lib/config";

/** Where Deskbridge reaches itself. */
export function selfOrigin(): string {
  const { selfUrl } = readConfig();
  // bin/server.mjs sets this to its own listening address before the app starts.
  return selfUrl ?? process.env.DESKBRIDGE_LISTEN_URL ?? `http://127.0.0.1:${process.env.PORT || 3000}`;
}

/** The origin vendors should call, as shown to operators. */
export function publicOrigin(): string {
  return readConfig().publicUrl ?? selfOrigin();
}

/** What the integration pages warn about: no public URL, or one vendors would call in clear text. */
export function publicUrlWarning(): string | null {
  const { publicUrl } = readConfig();
  if (!publicUrl)
    return (
      "No public URL is set: the URLs below are this server's own address as it sees it, which a vendor " +
      "may not reach. Set DESKBRIDGE_PUBLIC_URL to the https:// address vendors call (see README, Configuration)."
    );
  if (!publicUrl.startsWith("https:"))
    return (
      `The public URL (${publicUrl}) is not HTTPS: vendors would send customer data, signs and shared secrets ` +
      "in clear text. Put Deskbridge behind TLS and set DESKBRIDGE_PUBLIC_URL to its https:// address."
    );
  return null;
}
