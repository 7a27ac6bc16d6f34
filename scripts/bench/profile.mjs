#!/usr/bin/env node
// Summarises a V8 CPU profile (node --cpu-prof): the functions with the most self time, and the
// packages that time falls in. `node scripts/bench/profile.mjs FILE.cpuprofile [TOP]`
import fs from "node:fs";

/** Where a script lives, in a few words: a node_modules package, Next's bundle, or our code. */
function origin(url) {
  if (!url) return "(native / V8)";
  // The server's only WebAssembly module is Prisma's query compiler (@prisma/client/runtime).
  if (url.startsWith("wasm://")) return "Prisma query compiler (WebAssembly)";
  if (url.startsWith("node:")) return "node core";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  // Next's server bundles hold the app's own compiled code (and inlined packages) under .next/server.
  if (url.includes("/.next/server/chunks/")) return "app (.next/server chunks)";
  if (url.includes("/.next/")) return "app (.next)";
  return url.replace(/^file:\/\//, "").replace(`${process.cwd()}/`, "");
}

export function summarize(file, top = 25) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8"));
  const { nodes, samples, timeDeltas, startTime, endTime } = profile;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  for (let i = 0; i < samples.length; i++) selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0));
  const total = endTime - startTime;
  const functions = new Map();
  const packages = new Map();
  let idle = 0;
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id);
    const name = callFrame.functionName || "(anonymous)";
    if (name === "(idle)" || name === "(program)" || name === "(garbage collector)") {
      if (name === "(idle)") idle += us;
      const key = `${name}`;
      functions.set(key, { name, where: "", us: (functions.get(key)?.us ?? 0) + us });
      continue;
    }
    const where = origin(callFrame.url);
    const key = `${name} ${callFrame.url}:${callFrame.lineNumber}`;
    const entry = functions.get(key) ?? {
      name,
      where: `${where}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ""}`,
      us: 0,
    };
    entry.us += us;
    functions.set(key, entry);
    packages.set(where, (packages.get(where) ?? 0) + us);
  }
  const busy = total - idle;
  const pct = (us) => `${((100 * us) / busy).toFixed(1)}%`;
  return {
    totalMs: total / 1000,
    busyMs: busy / 1000,
    functions: [...functions.values()]
      .filter((f) => f.name !== "(idle)")
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ ...f, share: pct(f.us) })),
    packages: [...packages.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([where, us]) => ({ where, ms: us / 1000, share: pct(us) })),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error("usage: node scripts/bench/profile.mjs FILE.cpuprofile [TOP]");
    process.exit(2);
  }
  const s = summarize(file, Number(top) || 25);
  console.log(
    `profile: ${(s.totalMs / 1000).toFixed(1)} s, busy ${(s.busyMs / 1000).toFixed(1)} s ` +
      "(shares below are of busy time)\n",
  );
  console.log("self time by package:");
  for (const p of s.packages) console.log(`  ${p.share.padStart(6)}  ${p.where}`);
  console.log("\ntop functions by self time:");
  for (const f of s.functions) console.log(`  ${f.share.padStart(6)}  ${f.name}  ${f.where}`);
}
