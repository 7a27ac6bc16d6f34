// Whether the compiled command line (.next/cli, scripts/build-cli.mjs) may run in place of the
// sources: it must hold its inputs list, and none of the files it was built from may have changed
// or gone since the build started. One stat per file (about two hundred): a few milliseconds.
import fs from "node:fs";
import path from "node:path";

/** The bundle's entry in `dir` if it is current for the project at `root`, else undefined. */
export function currentCli(dir, root) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, "inputs.json"), "utf8"));
  } catch {
    return undefined;
  }
  const entry = path.join(dir, "main.mjs");
  const files = [entry, ...manifest.inputs.map((file) => path.join(root, file))];
  for (const file of files) {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat || (file !== entry && stat.mtimeMs >= manifest.builtAt)) return undefined;
  }
  return entry;
}
