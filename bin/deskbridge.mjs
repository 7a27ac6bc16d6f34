#!/usr/bin/env node
// The deskbridge CLI. It runs the compiled CLI (scripts/build-cli.mjs) while that is current, or
// else the TypeScript sources through tsx; either under the react-server condition so that modules
// marked "server-only" load as they do inside the app.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { currentCli } from "./cli-current.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
// The compiled CLI when `npm run build` made one and no source changed since (about half the
// start-up time); the sources through tsx otherwise.
const compiled = currentCli(path.join(root, ".next", "cli"), root);
const entry = compiled ? [compiled] : ["--import", require.resolve("tsx"), path.join(root, "lib", "cli", "main.ts")];
const result = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--no-warnings=ExperimentalWarning", ...entry, ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") } },
);
process.exit(result.status ?? 1);
