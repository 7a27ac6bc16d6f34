// Where the sign-in page sends a user afterwards. Only a path of Deskbridge itself: the value is
// resolved the way a browser resolves it (which reads "\" as "/" and drops tabs and newlines, so
// "/\evil.example" and "/<tab>/evil.example" are other sites), and anything that lands on another
// origin, or is not a plain path to begin with, is replaced by the overview.
const HOME = "/";
const BASE = "http://deskbridge.invalid";

const unsafe = (c: string) => c === "\\" || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;

export function safeCallbackPath(value: string | string[] | undefined): string {
  if (typeof value !== "string" || value.length > 2000) return HOME;
  // A path starts with one "/" and contains no backslash or control character at all: there is no
  // legitimate link of ours that needs them, and each is a way to another host in some browser.
  if (!value.startsWith("/") || value.startsWith("//") || [...value].some(unsafe)) return HOME;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return HOME;
  }
  if (url.origin !== BASE) return HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}
