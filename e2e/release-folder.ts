// The release folder for end-to-end tests: assembled once from the production build the
// end-to-end tier already made (scripts/release.mjs --skip-build), copied to an empty folder, and
// started there with `node server.mjs` and nothing but environment variables.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { encrypt as sobotEncrypt, sign as sobotSign } from "../lib/vendors/sobot/codec";
import { messageSign } from "../lib/vendors/udesk/codec";
import { TMP_DIR } from "./env.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");

let assembled: string | undefined;

/** Assembles the release folder (once per worker) and copies it into a new empty folder. */
export function freshReleaseCopy(): { dir: string; output: string } {
  const out = path.join(TMP_DIR, `release-${process.pid}`, "deskbridge");
  let output = "";
  if (!assembled) {
    const run = spawnSync(process.execPath, [path.join(ROOT, "scripts", "release.mjs"), "--skip-build", "--out", out], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
    });
    if (run.status !== 0) throw new Error(`scripts/release.mjs failed:\n${run.stdout}\n${run.stderr}`);
    output = run.stdout;
    assembled = out;
  }
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-release-")), "deskbridge");
  fs.cpSync(assembled, dir, { recursive: true, verbatimSymlinks: true });
  return { dir, output };
}

/** Only what a machine with Node.js has: PATH, HOME and the settings given. */
export function bareEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: os.tmpdir(), ...settings } as unknown as NodeJS.ProcessEnv;
}

export type Server = { child: ChildProcess; output: string[]; origin: string; stop: () => Promise<number | null> };

export function startRelease(dir: string, port: number, settings: Record<string, string>, host = "127.0.0.1"): Server {
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: dir,
    env: bareEnv({ PORT: String(port), HOSTNAME: host, ...settings }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout!.on("data", (d) => output.push(d.toString()));
  child.stderr!.on("data", (d) => output.push(d.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return { child, output, origin: `http://127.0.0.1:${port}`, stop };
}

export async function waitHealthy(server: Server, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`the server exited:\n${server.output.join("").slice(-4000)}`);
    try {
      const response = await fetch(`${server.origin}/api/health`, { signal: AbortSignal.timeout(3_000) });
      if (response.status === 200) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`not healthy in time:\n${server.output.join("").slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** `node cli.mjs …args --json` in the release folder, with only the given settings. */
export function releaseCli(dir: string, settings: Record<string, string>, ...args: string[]) {
  const run = spawnSync(process.execPath, ["cli.mjs", ...args, "--json"], {
    cwd: dir,
    env: bareEnv(settings),
    encoding: "utf8",
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`cli.mjs ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** One HTTP(S) request, optionally from a chosen local address (127.0.0.x) and with a CA to trust. */
export function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string; ca?: string } = {},
): Promise<Answer> {
  const target = new URL(url);
  const lib = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      target,
      {
        method: init.method ?? "GET",
        headers: init.headers,
        localAddress: init.localAddress,
        ca: init.ca,
        timeout: 30_000,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${url}: no answer in 30 s`)));
    req.on("error", reject);
    req.end(init.body);
  });
}

// Signed calls of each kind a vendor makes. Every call gets its own, earlier timestamp.
let last = Number.POSITIVE_INFINITY;
const timestamp = () => (last = Math.min(Math.floor(Date.now() / 1000), last - 1));

export type VendorCall = { path: string; method: string; headers: Record<string, string>; body?: string };

export function sobotCrmCall(path: string, companyId: string, secret: string, partnerId: string): VendorCall {
  const ts = String(timestamp());
  const parameter = sobotEncrypt(JSON.stringify({ partnerId }), secret);
  return {
    path,
    method: "POST",
    headers: { "content-type": "application/json", timestamp: ts, sign: sobotSign(companyId, ts, secret, parameter) },
    body: JSON.stringify({ parameter }),
  };
}

export function udeskMessageCall(path: string, integrationName: string, key: string): VendorCall {
  const ts = timestamp();
  return {
    path,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      timestamp: ts,
      sign: messageSign(integrationName, key, ts),
      integrationName,
      regex: "",
      questionContent: "where is my order",
      customerExtra: { customerId: "release-test" },
    }),
  };
}

export function webhookCall(path: string, sharedSecret: string): VendorCall {
  return {
    path,
    method: "POST",
    headers: { "content-type": "application/json", "x-deskbridge-token": sharedSecret },
    body: JSON.stringify({ id: `push-${timestamp()}`, nick: "Pushed", uname: "推送", is_vip: "0" }),
  };
}

export function hyphenateCall(path: string): VendorCall {
  const query = new URLSearchParams({ easemobId: "e2e", visitorImId: "visitor-1", to: "gh", lang: "en" });
  return { path: `${path}?${query}`, method: "GET", headers: {} };
}
