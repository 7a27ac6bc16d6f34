#!/usr/bin/env node
// The command line, compiled once: `npm run build` bundles lib/cli/main.ts with the code it takes
// from lib/ into .next/cli/ (packages stay in node_modules, loaded as they are). bin/deskbridge.mjs
// runs that bundle instead of compiling the sources through tsx at every start, as long as none of
// the files it was built from has changed since; a command then starts in less than half the CPU
// time (0.8 s against 1.8 s for `deskbridge help` on two shared cores).
//
//   node scripts/build-cli.mjs
//
// The release (scripts/release.mjs) bundles the same entry with its packages, for a folder that
// has no node_modules of its own.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const CLI_DIR = path.join(root, ".next", "cli");

/** What every build of the CLI shares: its entry, Node's target, and the server-side conditions. */
export const cliOptions = {
  entryPoints: [path.join(root, "lib", "cli", "main.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  conditions: ["react-server"],
  tsconfig: path.join(root, "tsconfig.json"),
  logLevel: "warning",
};

/**
 * Builds .next/cli/: main.mjs, the chunks of the commands it loads on demand, and inputs.json (when
 * the build started, and the project's files it read) for bin/deskbridge.mjs to tell whether the
 * build is still current. Written beside and then renamed into place, so that a command started
 * meanwhile never loads half a build.
 */
export async function buildCli() {
  const builtAt = Date.now();
  const staging = `${CLI_DIR}.${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const result = await build({
    ...cliOptions,
    absWorkingDir: root,
    packages: "external",
    splitting: true,
    outdir: staging,
    outExtension: { ".js": ".mjs" },
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith("node_modules/"));
  fs.writeFileSync(path.join(staging, "inputs.json"), `${JSON.stringify({ builtAt, inputs })}\n`);
  fs.rmSync(CLI_DIR, { recursive: true, force: true });
  try {
    fs.renameSync(staging, CLI_DIR);
  } catch (error) {
    // Another build of the same sources took the place first: keep that one.
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(path.join(CLI_DIR, "inputs.json"))) throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildCli();
