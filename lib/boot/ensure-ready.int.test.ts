// First start on real, empty databases: migrations, the first admin and its password, the session secret, demo data.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureReady } from "@/lib/boot/ensure-ready";
import { readConfig } from "@/lib/config";
import { authenticate } from "@/lib/users/users";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`first start on ${provider.name}`, () => {
    let t: TestDatabase;
    let dataDir: string;
    const tempDirs: string[] = [];

    /** A config from exactly these variables (never the test process's own), with a throwaway data dir. */
    const config = (env: Record<string, string> = {}) =>
      readConfig({ DATABASE_URL: t.url, DESKBRIDGE_DATA_DIR: dataDir, ...env });

    /** Runs ensureReady, returning what it logged. */
    async function boot(env: Record<string, string> = {}): Promise<string[]> {
      const lines: string[] = [];
      await ensureReady(t.db, config(env), (line) => lines.push(line));
      return lines;
    }

    beforeEach(async () => {
      t = await createDatabase(provider.name, false);
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-boot-"));
      tempDirs.push(dataDir);
    });
    afterEach(async () => {
      await t?.drop();
    });
    afterAll(() => {
      for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("creates the admin from ADMIN_EMAIL and ADMIN_PASSWORD without ever logging the password", async () => {
      const password = "Adm1n-from-env";
      const lines = await boot({ ADMIN_EMAIL: "Boss@Example.com", ADMIN_PASSWORD: password, DESKBRIDGE_DEMO: "0" });

      const admin = await authenticate(t.db, "boss@example.com", password);
      expect(admin).toMatchObject({ email: "boss@example.com", role: "admin" });
      expect(await t.db.user.count()).toBe(1);
      expect(lines.join("\n")).not.toContain(password);
      expect(lines.join("\n").toLowerCase()).toContain("created the first admin boss@example.com");
    });

    it("without ADMIN_* creates admin@deskbridge.local, its generated password in exactly one log line", async () => {
      const lines = await boot({ DESKBRIDGE_DEMO: "0" });
      const password = lines.join("\n").match(/password:\s+(\S+)/)?.[1];
      expect(password, "the generated password is logged").toBeDefined();
      expect(password!.length).toBeGreaterThanOrEqual(16);
      const showing = lines.filter((line) => line.includes(password!));
      expect(showing).toHaveLength(1);
      expect(showing[0]).toContain("admin@deskbridge.local");

      expect(await authenticate(t.db, "admin@deskbridge.local", password!)).toMatchObject({
        email: "admin@deskbridge.local",
        role: "admin",
      });

      // A restart: no new password, no second admin.
      const again = await boot({ DESKBRIDGE_DEMO: "0" });
      expect(again.join("\n")).not.toContain(password!);
      expect(again.join("\n")).not.toMatch(/password/i);
      expect(await t.db.user.count()).toBe(1);
      expect(await authenticate(t.db, "admin@deskbridge.local", password!)).not.toBeNull();
    });

    it("applies the migrations on the first start only", async () => {
      const first = await boot({ DESKBRIDGE_DEMO: "0" });
      expect(first.some((line) => line.includes("0001_init"))).toBe(true);
      const second = await boot({ DESKBRIDGE_DEMO: "0" });
      expect(second.some((line) => line.includes("applied migrations"))).toBe(false);
    });

    it("creates the session secret once and keeps it across restarts", async () => {
      await boot({ DESKBRIDGE_DEMO: "0" });
      const secret = await t.db.setting.findUnique({ where: { key: "auth.secret" } });
      expect(secret?.value.length).toBeGreaterThanOrEqual(32);
      await boot({ DESKBRIDGE_DEMO: "0" });
      expect((await t.db.setting.findUnique({ where: { key: "auth.secret" } }))?.value).toBe(secret?.value);
    });

    it("loads 50 demo customers by default, with Sobot's documented partnerId customer, and never again", async () => {
      const lines = await boot();
      expect(await t.db.customer.count()).toBe(50);
      expect(await t.db.order.count()).toBeGreaterThan(0);
      expect(lines.some((line) => line.includes("50 demo customers"))).toBe(true);

      const partner = await t.db.externalId.findUnique({
        where: { kind_value: { kind: "sobot-partner", value: "partnerId" } },
        include: { customer: true },
      });
      expect(partner?.customer.uname).toBe("su0012");

      // An operator empties the list; a restart must not bring the demo back.
      await t.db.customer.deleteMany();
      await boot();
      expect(await t.db.customer.count()).toBe(0);
    });

    it("loads no demo data with DESKBRIDGE_DEMO=0, and a later start with demo data on keeps it empty", async () => {
      await boot({ DESKBRIDGE_DEMO: "0" });
      expect(await t.db.customer.count()).toBe(0);
      await boot();
      expect(await t.db.customer.count()).toBe(0);
    });
  });
}
