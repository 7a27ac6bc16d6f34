// deskbridge config export / import as real processes: the export goes to stdout with no secret
// in it, a dry run writes nothing, an import prints its changes and the secrets still to set, a
// second import prints that nothing changed, and integrations rotate sets a secret by name (and
// replaces a previous key still in use only when told to).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

const root = path.resolve(import.meta.dirname, "..", "..");
const SECRET = "cli-config-udesk-key-7f1e2a";

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`deskbridge config on ${provider.name}`, () => {
    let source: TestDatabase;
    let target: TestDatabase;
    let dir: string;

    function cli(db: TestDatabase, ...args: string[]) {
      const run = spawnSync(process.execPath, [path.join(root, "bin", "deskbridge.mjs"), ...args], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: db.url, DESKBRIDGE_DEMO: "0", DESKBRIDGE_DATA_DIR: dir },
        encoding: "utf8",
        timeout: 60_000,
      });
      if (run.error) throw run.error;
      return run;
    }

    beforeAll(async () => {
      source = await createDatabase(provider.name);
      target = await createDatabase(provider.name);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-config-"));
    });
    afterAll(async () => {
      await source?.drop();
      await target?.drop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("exports, dry-runs, imports, imports again and sets the secret by name", () => {
      expect(
        cli(source, "integrations", "add", "udesk", "--name", "Robot", "--integration-name", "对接一", "--key", SECRET)
          .status,
      ).toBe(0);
      const exported = cli(source, "config", "export");
      expect(exported.status, exported.stderr).toBe(0);
      expect(exported.stdout).not.toContain(SECRET);
      const file = path.join(dir, "deskbridge.json");
      fs.writeFileSync(file, exported.stdout);

      const dry = cli(target, "config", "import", file, "--dry-run");
      expect(dry.status, dry.stderr).toBe(0);
      expect(dry.stdout).toContain("Dry run: 1 change(s) would be made; nothing was changed.");
      expect(dry.stdout).toContain('create integration "Robot" (udesk)');
      expect(JSON.parse(cli(target, "integrations", "list", "--json").stdout)).toEqual([]);

      const applied = cli(target, "config", "import", file);
      expect(applied.status, applied.stderr).toBe(0);
      expect(applied.stdout).toContain('1 change(s):\n  create integration "Robot" (udesk)');
      expect(applied.stdout).toMatch(
        /Set the key of "Robot" \(udesk\): deskbridge integrations rotate \S+ --grace 0 --key …/,
      );

      const again = cli(target, "config", "import", file);
      expect(again.stdout).toContain("Nothing to change: the configuration already matches the file.");
      expect(cli(target, "config", "export").stdout).toBe(exported.stdout);

      const rotated = cli(target, "integrations", "rotate", "Robot", "--key", SECRET, "--grace", "0", "--json");
      expect(rotated.status, rotated.stderr).toBe(0);
      expect(JSON.parse(rotated.stdout).secrets[0].hint).toBe(`••••${SECRET.slice(-4)}`);
      const after = cli(target, "config", "import", file);
      expect(after.stdout).not.toContain("Set the key");
    }, 240_000);

    it("rotates again over a previous key still in use only with --replace-previous", async () => {
      const first = cli(target, "integrations", "rotate", "Robot", "--key", `${SECRET}-2`, "--grace", "24h");
      expect(first.status, first.stderr).toBe(0);
      // Calls arrived signed with the previous key (the callback pipeline records it so).
      await target.db.integrationSecret.updateMany({ where: { state: "previous" }, data: { lastUsedAt: new Date() } });
      const refused = cli(target, "integrations", "rotate", "Robot", "--key", `${SECRET}-3`);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`The previous key (••••${SECRET.slice(-4)}) still signs calls`);
      const replaced = cli(target, "integrations", "rotate", "Robot", "--key", `${SECRET}-3`, "--replace-previous");
      expect(replaced.status, replaced.stderr).toBe(0);
      const [robot] = JSON.parse(cli(target, "integrations", "list", "--json").stdout);
      expect(robot.secrets[0]).toMatchObject({ hint: "••••2a-3", previous: { hint: "••••2a-2" } });
    }, 120_000);

    it("refuses a file that is not JSON or not a configuration, changing nothing", () => {
      const bad = path.join(dir, "bad.json");
      fs.writeFileSync(bad, "{not json");
      const notJson = cli(target, "config", "import", bad);
      expect(notJson.status).toBe(2);
      expect(notJson.stderr).toContain("bad.json is not JSON");
      fs.writeFileSync(bad, JSON.stringify({ integrations: [] }));
      const notConfig = cli(target, "config", "import", bad);
      expect(notConfig.status).toBe(1);
      expect(notConfig.stderr).toContain("format: Not a Deskbridge configuration file");
      expect(cli(target, "config", "import").status).toBe(2);
    }, 120_000);
  });
}
