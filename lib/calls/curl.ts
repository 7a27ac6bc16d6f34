// "Copy as curl" for a logged call. Headers were redacted when the call was stored, so the
// command carries no secret; hop-by-hop and proxy headers are left out.
const SKIP = new Set([
  "host",
  "content-length",
  "connection",
  "accept-encoding",
  "transfer-encoding",
  "keep-alive",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
]);

export const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function curlCommand(
  call: {
    method: string;
    path: string;
    query: string;
    headers: string;
    requestBody: string | null;
    requestEncoding: string;
  },
  origin: string,
): string {
  const url = `${origin}${call.path}${call.query ? `?${call.query}` : ""}`;
  const headers = Object.entries(JSON.parse(call.headers || "{}") as Record<string, string>).filter(
    ([k]) => !SKIP.has(k),
  );
  const parts = [
    `curl -X ${call.method} ${shellQuote(url)}`,
    ...headers.map(([k, v]) => `-H ${shellQuote(`${k}: ${v}`)}`),
  ];
  if (call.requestBody === null) return parts.join(" \\\n  ");
  if (call.requestEncoding === "base64") {
    return `printf %s ${shellQuote(call.requestBody)} | base64 -d | ${[...parts, "--data-binary @-"].join(" \\\n  ")}`;
  }
  return [...parts, `--data-binary ${shellQuote(call.requestBody)}`].join(" \\\n  ");
}

/** Pretty JSON when the text is JSON, else the text itself. */
export function pretty(text: string | null): string | null {
  if (text === null) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
