#!/usr/bin/env node
// Deskbridge's production server: Next.js's request handler behind a plain node:http server, so
// the source address that rate limits and the call log see is the socket's, not a header a caller
// can set. Behind a reverse proxy, DESKBRIDGE_TRUST_PROXY=N trusts the last N hops of
// X-Forwarded-For (the proxies' own view of who called them), from peers that are trusted proxies
// (DESKBRIDGE_TRUSTED_PROXIES, default loopback and private addresses; lib/client-address.mjs).
//
// DESKBRIDGE_WORKERS=N (or auto: one per core) runs N such processes on the one port (bin/workers.mjs).
//
//   node bin/server.mjs [-p PORT] [-H HOST]     (defaults: $PORT or 3000, $HOSTNAME or 0.0.0.0)
import cluster from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import next from "next";
import { runPrimary, workerCount } from "./workers.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
// In a release folder (npm run release) this file sits beside the compiled app; in the source
// tree, in bin/.
const release = fs.existsSync(path.join(here, ".next", "required-server-files.json"));
const root = release ? here : path.resolve(here, "..");
const args = process.argv.slice(2);
const option = (short, long, fallback) => {
  const i = args.findIndex((a) => a === short || a === long);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const port = Number(option("-p", "--port", process.env.PORT ?? "3000"));
const hostname = option("-H", "--hostname", process.env.HOSTNAME ?? "0.0.0.0");
const trustedHops = Math.max(0, Number.parseInt(process.env.DESKBRIDGE_TRUST_PROXY ?? "0", 10) || 0);
// Tests and diagnostics: which worker answered, in an X-Deskbridge-Worker header (its pid).
const showWorker = process.env.DESKBRIDGE_WORKER_HEADER === "1";

let workers = 1;
try {
  workers = workerCount(process.env.DESKBRIDGE_WORKERS);
} catch (error) {
  console.error(`deskbridge: ${error.message}`);
  process.exit(1);
}

process.env.NODE_ENV = "production";
const load = (file) => import(pathToFileURL(path.join(root, "lib", file)).href);
const { securityHeaders } = await load("security-headers.mjs");
const { clientAddress, isTrustedPeer, trustedPeers } = await load("client-address.mjs");
let peers;
try {
  peers = trustedPeers(process.env.DESKBRIDGE_TRUSTED_PROXIES || undefined);
} catch (error) {
  console.error(`deskbridge: ${error.message}`);
  process.exit(1);
}
if (trustedHops && (hostname === "0.0.0.0" || hostname === "::")) {
  console.warn(
    `deskbridge: warning: DESKBRIDGE_TRUST_PROXY is set while listening on every interface (${hostname}). ` +
      "Behind a reverse proxy, listen on 127.0.0.1 or a private interface only (-H 127.0.0.1, or HOSTNAME), " +
      "or firewall this port, so that callers reach Deskbridge through the proxy alone.",
  );
}
// Next.js takes the configuration the build recorded, as a standalone server does (a release has no
// next.config.mjs; in the source tree this also keeps Next.js from warning that "next start" does
// not suit standalone output, which this server is not).
const builtConfig = path.join(root, ".next", "required-server-files.json");
if (fs.existsSync(builtConfig)) {
  const { config } = JSON.parse(fs.readFileSync(builtConfig, "utf8"));
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}
if (release) {
  // Migrations ship in the folder, whatever the working directory (where ./data goes).
  process.env.DESKBRIDGE_MIGRATIONS_DIR ||= path.join(root, "prisma", "migrations");
}
// The primary of several workers only supervises them: it never serves a request itself.
if (workers > 1 && cluster.isPrimary) await runPrimary({ workers, root });
// Requests Deskbridge makes to itself (the lab's Send, replays) go to this listening address, never
// to one a request header names: the loopback address when listening on every interface.
const selfHost = hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname;
process.env.DESKBRIDGE_LISTEN_URL = `http://${selfHost.includes(":") ? `[${selfHost}]` : selfHost}:${port}`;
const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// Requests Next.js would reject before any route runs (some with a bare 500 and no security
// headers) are answered here, with the usual headers; on a callback URL they are also recorded in
// the call log, through the function the app registers at start (lib/callbacks/early.ts).
const ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
const UNSUPPORTED_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);

/** Why this request is answered before routing, or null to hand it to Next.js. */
function refusal(method, target) {
  if (UNSUPPORTED_METHODS.has(method))
    return { status: 405, message: `Method ${method} is not allowed; use ${ALLOW}.`, allow: ALLOW };
  const rawPath = (target ?? "/").split("?")[0];
  try {
    for (const segment of rawPath.split("/")) decodeURIComponent(segment);
  } catch {
    return { status: 400, message: "The URL path is not valid percent-encoding." };
  }
  return null;
}

function answerEarly(req, answer, write) {
  const body = JSON.stringify({
    error: answer.status === 400 ? "malformed" : "method_not_allowed",
    message: answer.message,
  });
  const headers = {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    "cache-control": "no-store",
    connection: "close",
    ...Object.fromEntries(securityHeaders.map((h) => [h.key.toLowerCase(), h.value])),
    ...(answer.allow ? { allow: answer.allow } : {}),
  };
  write(answer.status, headers, body);
  const record = globalThis.__deskbridgeEarlyAnswer;
  if (typeof record !== "function") return;
  Promise.resolve(
    record({
      method: req.method,
      url: req.url ?? "/",
      headers: req.headers,
      status: answer.status,
      detail: `answered before routing: ${answer.message}`,
      responseBody: body,
    }),
  ).catch((error) => console.error("deskbridge: could not record a refused request:", error));
}

const server = http.createServer((req, res) => {
  if (showWorker) res.setHeader("x-deskbridge-worker", String(process.pid));
  const forwarded = req.headers["x-forwarded-for"];
  req.headers["x-forwarded-for"] = clientAddress(
    req.socket.remoteAddress,
    Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
    trustedHops,
    peers,
  );
  if (!trustedHops || !isTrustedPeer(req.socket.remoteAddress, peers)) {
    // A caller cannot claim another host or scheme either.
    delete req.headers["x-forwarded-host"];
    delete req.headers["x-forwarded-proto"];
    delete req.headers["x-forwarded-port"];
  }
  const early = refusal(req.method, req.url);
  if (early) {
    // The body (if any) is not read: the connection closes after the answer.
    return answerEarly(req, early, (status, headers, body) => {
      res.writeHead(status, headers);
      res.end(body);
    });
  }
  handle(req, res).catch((error) => {
    console.error("deskbridge: request failed:", error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    res.end("Internal error.");
  });
});
// CONNECT never reaches the request handler: Node hands over the raw socket.
server.on("connect", (req, socket) => {
  socket.on("error", () => socket.destroy());
  answerEarly(req, refusal("CONNECT", req.url), (status, headers, body) => {
    const head = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join("");
    socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n${head}\r\n${body}`);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  const who = cluster.isWorker ? ` (worker ${process.pid})` : "";
  console.log(`deskbridge${who}: listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    // A second signal forces the exit; a worker ignores it (its primary signals it too, and
    // stops it after 15 s anyway).
    if (closing) return cluster.isWorker ? undefined : process.exit(1);
    closing = true;
    // Finish the requests in flight, then leave.
    server.close(() => process.exit(0));
    server.closeIdleConnections?.();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
