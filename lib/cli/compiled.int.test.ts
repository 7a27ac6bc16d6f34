// The compiled command line (.next/cli, scripts/build-cli.mjs): bin/deskbridge.mjs runs it only
// while none of the files it was built from has changed, and it answers as the sources do.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentCli } from "../../bin/cli-current.mjs";
import { CLI_DIR } from "../../scripts/build-cli.mjs";
import { createDatabase, type TestDatabase } from "@/lib/testing/databases";

const root = path.resolve(import.meta.dirname, "..", "..");

describe("the compiled CLI", () => {
  let t: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    t = await createDatabase("sqlite");
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-compiled-"));
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (entry: string[], ...args: string[]) => {
    const result = spawnSync(process.execPath, ["--conditions=react-server", ...entry, ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: t.url, DESKBRIDGE_DEMO: "0", DESKBRIDGE_DATA_DIR: dataDir },
      encoding: "utf8",
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it("is what bin/deskbridge.mjs runs after the build, and answers as the sources do", () => {
    expect(currentCli(CLI_DIR, root)).toBe(path.join(CLI_DIR, "main.mjs"));
    const sources = ["--import", "tsx", path.join(root, "lib", "cli", "main.ts")];
    const compiled = [path.join(CLI_DIR, "main.mjs")];
    // The first command also generates the master key (and says so on stderr).
    expect(run(compiled, "db", "migrate").status).toBe(0);
    for (const args of [
      ["db", "migrate", "--json"],
      ["db", "status", "--json"],
      ["customers", "list", "--json"],
    ]) {
      const fromSources = run(sources, ...args);
      expect(fromSources.status, fromSources.stderr).toBe(0);
      expect(run(compiled, ...args)).toEqual(fromSources);
    }
    const added = run(compiled, "customers", "add", "--uname", "编译", "--email", "c@x.cn", "--json");
    expect(added.status, added.stderr).toBe(0);
    expect(JSON.parse(run(sources, "customers", "list", "--json").stdout)).toMatchObject([
      { uname: "编译", emails: ["c@x.cn"] },
    ]);
    // A wrong command fails alike: exit 2 and the same words.
    expect(run(compiled, "customers", "add", "--bogus")).toEqual(run(sources, "customers", "add", "--bogus"));
  });

  it("is passed over once a file it was built from changes or goes", () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-inputs-"));
    const build = path.join(project, "build");
    fs.mkdirSync(path.join(project, "lib"), { recursive: true });
    fs.mkdirSync(build);
    const source = path.join(project, "lib", "a.ts");
    fs.writeFileSync(source, "export {};\n");
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(source, past, past);
    fs.writeFileSync(path.join(build, "main.mjs"), "");
    fs.writeFileSync(path.join(build, "inputs.json"), JSON.stringify({ builtAt: Date.now(), inputs: ["lib/a.ts"] }));
    try {
      expect(currentCli(build, project)).toBe(path.join(build, "main.mjs"));
      fs.writeFileSync(source, "export const changed = 1;\n");
      expect(currentCli(build, project)).toBeUndefined();
      fs.utimesSync(source, past, past);
      expect(currentCli(build, project)).toBe(path.join(build, "main.mjs"));
      fs.rmSync(source);
      expect(currentCli(build, project)).toBeUndefined();
      expect(currentCli(path.join(project, "no-build"), project)).toBeUndefined();
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
