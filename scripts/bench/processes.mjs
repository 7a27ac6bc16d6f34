// The processes a run starts (Deskbridge's production server, the baseline, the CLI), each killed
// when the run ends however it ends.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ADMIN, env, log, OPTS, ROOT, sleep, TMP } from "./options.mjs";

const children = new Set();
export function killAll() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
}
process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });

export function appEnv(dbFile, masterKey) {
  return {
    DATABASE_URL: `file:${dbFile}`,
    DESKBRIDGE_DATA_DIR: TMP,
    DESKBRIDGE_MASTER_KEY: masterKey,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    DESKBRIDGE_DEMO: "0",
    NEXT_TELEMETRY_DISABLED: "1",
    // Rate limits off: the bench measures the work, not the limiter.
    DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_INTEGRATION: "0",
    DESKBRIDGE_RATE_LIMIT_CALLBACKS_PER_ADDRESS: "0",
  };
}

export function cli(appEnvironment, args) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "deskbridge.mjs"), ...args], {
    cwd: ROOT,
    env: { ...env, ...appEnvironment },
    encoding: "utf8",
  });
  if (r.status !== 0)
    throw new Error(`deskbridge ${args.slice(0, 3).join(" ")} failed (${r.status}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

export async function portIsFree(port) {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
    return false;
  } catch {
    return true;
  }
}

/** Starts a server process and waits until it answers `probe`. */
export async function startProcess(name, args, { port, env: extraEnv, probe = "/" }) {
  if (!(await portIsFree(port)))
    throw new Error(`port ${port} is already in use: set BENCH_PORT / BENCH_BASELINE_PORT`);
  const logFile = path.join(TMP, `${name}.log`);
  const out = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  children.add(child);
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  child.exited = exited;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `${name} exited (${child.exitCode}) before answering; see ${logFile}:\n` +
          fs.readFileSync(logFile, "utf8").slice(-2000),
      );
    try {
      const res = await fetch(`http://127.0.0.1:${port}${probe}`, {
        redirect: "manual",
        signal: AbortSignal.timeout(5000),
      });
      await res.arrayBuffer();
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer on port ${port} within 180 s; see ${logFile}`);
    await sleep(300);
  }
  log(`  ${name} is up (pid ${child.pid}, port ${port})`);
  return child;
}

export async function stopProcess(child) {
  if (!child || child.exitCode !== null) return;
  child.kill("SIGTERM");
  const timeout = sleep(15_000).then(() => "timeout");
  if ((await Promise.race([child.exited, timeout])) === "timeout") {
    child.kill("SIGKILL");
    await child.exited;
  }
  children.delete(child);
}

export function startDeskbridge(appEnvironment, { profileDir, port = OPTS.port, name = "deskbridge" } = {}) {
  const serverScript = path.join(ROOT, "bin", "server.mjs");
  const entry = fs.existsSync(serverScript)
    ? [serverScript, "-p", String(port), "-H", "127.0.0.1"]
    : [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"];
  const nodeFlags = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  return startProcess(name, [...nodeFlags, ...entry], {
    port,
    env: { ...appEnvironment, PORT: String(port) },
    probe: "/signin",
  });
}
