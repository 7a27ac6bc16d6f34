#!/usr/bin/env node
// The two size habits Biome cannot enforce: no source line over 120 characters (Biome leaves long
// strings and JSX text alone) and no source file over 400 lines (tests excepted). Names every
// offender and exits 1, so that `npm test` and `npm run lint` stop on the first one.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MAX_LINE = 120;
const MAX_FILE_LINES = 400;

// TEMPORARY exceptions to the 400-line rule. Each entry goes when its file is split; an entry
// whose file is already short enough (or gone) fails the check, so that the list cannot outlive
// its reason. Add nothing else here: a new long file is split, not excepted.
const BEING_SPLIT = [];
const TEMPORARY_LONG_FILES = new Set(BEING_SPLIT);

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|css|json)$/;
// Generated or vendor-shaped files: migrations and the Prisma client are written by tools, the
// lockfile by npm.
const NOT_OURS = [/^prisma\/migrations\//, /^lib\/generated\//, /^node_modules\//, /(^|\/)package-lock\.json$/];
const TEST = /\.(test|spec)\.[cm]?[jt]sx?$/;

/** Tracked files and new ones not yet added (but not ignored ones), relative to the root. */
function sourceFiles() {
  const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...new Set(out.split("\0"))]
    .filter((f) => SOURCE.test(f) && !NOT_OURS.some((re) => re.test(f)))
    .filter((f) => fs.existsSync(path.join(root, f)))
    .sort();
}

const longLines = [];
const longFiles = [];
const excepted = [];
const staleExceptions = new Set(TEMPORARY_LONG_FILES);

for (const file of sourceFiles()) {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  lines.forEach((line, i) => {
    // Characters, not bytes or UTF-16 units: a line of Chinese text counts one per character.
    const length = [...line.replace(/\r$/, "")].length;
    if (length > MAX_LINE) longLines.push(`${file}:${i + 1} is ${length} characters`);
  });
  if (file.endsWith(".json") || TEST.test(file)) continue;
  if (lines.length > MAX_FILE_LINES) {
    if (TEMPORARY_LONG_FILES.has(file)) {
      staleExceptions.delete(file);
      excepted.push(`${file} (${lines.length})`);
    } else longFiles.push(`${file} has ${lines.length} lines`);
  }
}

const problems = [
  [`Lines over ${MAX_LINE} characters (break them by hand; Biome does not split strings or JSX text):`, longLines],
  [`Source files over ${MAX_FILE_LINES} lines (split them along their own seams):`, longFiles],
  [
    "Temporary exceptions in scripts/check-habits.mjs whose file is now short enough or gone (remove them):",
    [...staleExceptions],
  ],
].filter(([, list]) => list.length > 0);

if (problems.length === 0) {
  const others = excepted.length ? " outside the temporary exceptions" : "";
  console.log(
    `check-habits: no line over ${MAX_LINE} characters, no source file over ${MAX_FILE_LINES} lines${others}.`,
  );
  if (excepted.length) console.log(`check-habits: still to split: ${excepted.join(", ")}`);
  process.exit(0);
}
for (const [title, list] of problems) console.error(`\n${title}\n${list.map((p) => `  ${p}`).join("\n")}`);
console.error("\ncheck-habits: failed.");
process.exit(1);
