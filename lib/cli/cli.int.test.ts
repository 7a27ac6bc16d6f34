// The deskbridge command line, run as a real process against real databases: customers, users, db status,
// errors and exit codes.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

const root = path.resolve(import.meta.dirname, "..", "..");
const CLI_TIMEOUT = 60_000;

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`deskbridge CLI on ${provider.name}`, () => {
    let t: TestDatabase;
    let dataDir: string;

    /** Runs `node bin/deskbridge.mjs ...args` against the test database (or the one given). */
    function cli(...args: string[]) {
      return cliOn(t.url, ...args);
    }
    function cliOn(url: string, ...args: string[]) {
      const result = spawnSync(process.execPath, [path.join(root, "bin", "deskbridge.mjs"), ...args], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url, DESKBRIDGE_DEMO: "0", DESKBRIDGE_DATA_DIR: dataDir },
        encoding: "utf8",
        timeout: CLI_TIMEOUT,
      });
      if (result.error) throw result.error;
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    }

    beforeAll(async () => {
      t = await createDatabase(provider.name);
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-cli-"));
    });
    afterAll(async () => {
      await t?.drop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    });

    let customerId: number;

    // The first command on a fresh data directory also generates the master key; scripts piping --json must
    // still get JSON.
    it("prints only JSON on stdout with --json, even on the first run", () => {
      const run = cli("db", "migrate", "--json");
      expect(run.status).toBe(0);
      expect(() => JSON.parse(run.stdout), `stdout was:\n${run.stdout}`).not.toThrow();
      expect(JSON.parse(run.stdout)).toEqual({ applied: [] });
    });

    it("adds a customer with every option and prints it as JSON", () => {
      const run = cli(
        "customers",
        "add",
        "--uname",
        "U",
        "--realname",
        "R",
        "--email",
        "a@x.com",
        "--email",
        "b@x.com",
        "--tel",
        "13800000000",
        "--vip",
        "--vip-level",
        "gold",
        "--label",
        "l1",
        "--field",
        "city=上海",
        "--external-id",
        "sobot-partner=P1",
        "--json",
      );
      expect(run.status, run.stderr).toBe(0);
      const customer = JSON.parse(run.stdout);
      expect(customer).toMatchObject({
        uname: "U",
        realname: "R",
        emails: ["a@x.com", "b@x.com"],
        phones: ["13800000000"],
        isVip: true,
        vipLevel: "gold",
        labels: ["l1"],
        customFields: { city: "上海" },
        externalIds: [{ kind: "sobot-partner", value: "P1" }],
      });
      expect(Number.isInteger(customer.id)).toBe(true);
      customerId = customer.id;
    });

    it("lists customers matching a search, as JSON", () => {
      const other = cli("customers", "add", "--uname", "someone-else", "--email", "c@x.com", "--json");
      expect(other.status).toBe(0);

      const run = cli("customers", "list", "--search", "b@x.com", "--json");
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout).map((c: { id: number }) => c.id)).toEqual([customerId]);
    });

    it("refuses a second customer with a taken external id, naming the owner", () => {
      const run = cli("customers", "add", "--uname", "copy", "--external-id", "sobot-partner=P1", "--json");
      expect(run.status).toBe(1);
      expect(run.stdout).toBe("");
      const error = JSON.parse(run.stderr);
      expect(error.error).toBe("conflict");
      expect(error.fields["externalIds.0"].join(" ")).toContain(`#${customerId}`);
    });

    it("fails on an invalid email, naming the field, and adds nothing", () => {
      const run = cli("customers", "add", "--uname", "X", "--email", "nope", "--json");
      expect(run.status).not.toBe(0);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain("emails.0");
      expect(JSON.parse(run.stderr)).toMatchObject({ error: "validation", fields: { "emails.0": expect.any(Array) } });

      const human = cli("customers", "add", "--uname", "X", "--email", "nope");
      expect(human.status).not.toBe(0);
      expect(human.stderr).toMatch(/emails\.0: Not an email address/);
    });

    // Wrong arguments are refused before the database is opened: checked once, on SQLite.
    it.runIf(provider.name === "sqlite")("exits 2 with a message on stderr for an unknown option", () => {
      const run = cli("customers", "add", "--uname", "X", "--colour", "red");
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain("--colour");
    });

    it.runIf(provider.name === "sqlite")("exits 2 for an unknown command", () => {
      const run = cli("customers", "frobnicate");
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("customers frobnicate");
    });

    it("adds a user and never prints the password or its hash", () => {
      const run = cli("users", "add", "--email", "e@x.com", "--role", "operator", "--password", "secret123", "--json");
      expect(run.status, run.stderr).toBe(0);
      const user = JSON.parse(run.stdout);
      expect(user).toMatchObject({ email: "e@x.com", role: "operator", disabled: false });
      expect(typeof user.id).toBe("string");
      expect(Object.keys(user).filter((key) => /password|hash/i.test(key))).toEqual([]);
      expect(run.stdout + run.stderr).not.toContain("secret123");
      expect(run.stdout + run.stderr).not.toContain("scrypt$");
    });

    it("refuses a user with an unknown role, naming the role field", () => {
      const run = cli("users", "add", "--email", "boss@x.com", "--role", "boss", "--password", "secret123", "--json");
      expect(run.status).not.toBe(0);
      expect(JSON.parse(run.stderr)).toMatchObject({ error: "validation", fields: { role: expect.any(Array) } });
      expect(run.stderr).not.toContain("secret123");
    });

    it("says which migrations db migrate applied to a new database, then that it is up to date", async () => {
      const fresh = await createDatabase(provider.name, false);
      try {
        const first = cliOn(fresh.url, "db", "migrate", "--json");
        expect(first.status, first.stderr).toBe(0);
        const { applied } = JSON.parse(first.stdout);
        expect(applied[0]).toBe("0001_init");
        const status = JSON.parse(cliOn(fresh.url, "db", "status", "--json").stdout);
        expect(applied).toEqual(status.applied);
        const again = cliOn(fresh.url, "db", "migrate");
        expect(again.status, again.stderr).toBe(0);
        expect(again.stdout.trim()).toBe("The database is up to date.");
      } finally {
        await fresh.drop();
      }
    });

    it("reports no pending migrations", () => {
      const run = cli("db", "status", "--json");
      expect(run.status).toBe(0);
      const status = JSON.parse(run.stdout);
      expect(status.pending).toEqual([]);
      expect(status.modified).toEqual([]);
      expect(status.applied).toContain("0001_init");
    });

    it("sets Sobot dictionary entries and prints the whole dictionary", () => {
      const run = cli(
        "sobot",
        "dictionary",
        "--company-id",
        "C1",
        "--label",
        "VIP=581dfa5ff16644619d8a7e1a45632a79",
        "--label",
        "新客户=33d090699539491d9a0cc75f896453bc",
        "--vip-level",
        "gold=a1b2c3",
        "--field",
        "city=4a069df0fd4d49298041240bf15e47c8",
        "--json",
      );
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({
        companyId: "C1",
        labels: { VIP: "581dfa5ff16644619d8a7e1a45632a79", 新客户: "33d090699539491d9a0cc75f896453bc" },
        vipLevels: { gold: "a1b2c3" },
        fields: { city: "4a069df0fd4d49298041240bf15e47c8" },
        unnamed: [],
      });
      const bad = cli("sobot", "dictionary", "--company-id", "C1", "--label", "no-id", "--json");
      expect(bad.status).toBe(2);
      const invalid = cli("sobot", "dictionary", "--company-id", "C1", "--field", "a b=x1", "--json");
      expect(invalid.status).toBe(1);
      expect(JSON.parse(invalid.stderr).fields).toHaveProperty(["entries.0.name"]);
    });
  });
}
