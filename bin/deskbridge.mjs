#!/usr/bin/env node
// The deskbridge CLI. It runs the TypeScript sources through tsx, under the react-server
// condition so that modules marked "server-only" load as they do inside the app.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const tsx = require.resolve("tsx");
const result = spawnSync(
  process.execPath,
  [
    "--conditions=react-server",
    "--no-warnings=ExperimentalWarning",
    "--import",
    tsx,
    path.join(root, "lib", "cli", "main.ts"),
    ...process.argv.slice(2),
  ],
  { stdio: "inherit", env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") } },
);
process.exit(result.status ?? 1);
