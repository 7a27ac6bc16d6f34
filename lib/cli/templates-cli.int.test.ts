// deskbridge templates add / list, run as a real process against real databases: templates for a
// task node, the default and forms (with the URL to paste), from the built-in mapping or a file,
// and the refusals a script needs to tell apart (usage: exit 2; invalid template: exit 1).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

const root = path.resolve(import.meta.dirname, "..", "..");
const PUBLIC = "https://deskbridge.example.com";

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`deskbridge templates on ${provider.name}`, () => {
    let t: TestDatabase;
    let dataDir: string;
    let integrationId: string;
    let slug: string;

    function cli(...args: string[]) {
      const result = spawnSync(process.execPath, [path.join(root, "bin", "deskbridge.mjs"), ...args], {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: t.url,
          DESKBRIDGE_DEMO: "0",
          DESKBRIDGE_DATA_DIR: dataDir,
          DESKBRIDGE_PUBLIC_URL: PUBLIC,
        },
        encoding: "utf8",
        timeout: 60_000,
      });
      if (result.error) throw result.error;
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    }
    const json = (run: ReturnType<typeof cli>) => {
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout);
    };

    beforeAll(async () => {
      t = await createDatabase(provider.name);
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-templates-cli-"));
      const added = json(
        cli("integrations", "add", "udesk", "--name", "Robot", "--integration-name", "对接一", "--key", "k", "--json"),
      );
      integrationId = added.id;
      slug = added.endpoints.task.split("/").pop();
    });
    afterAll(async () => {
      await t?.drop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it("adds a template for a task node with the kind's built-in mapping (integer ids)", () => {
      const made = json(
        cli("templates", "add", "Robot", "--name", "Orders", "--kind", "drawer_list", "--task-node", "0100", "--json"),
      );
      expect(made).toMatchObject({
        integrationId,
        name: "Orders",
        kind: "drawer_list",
        answers: "task node 100",
        taskNodeId: "100",
        isDefault: false,
        form: false,
      });
      expect(made.config.mapping.id).toBe("{{order.id}}");
      expect(made).not.toHaveProperty("formUrl");
    });

    it("adds a form template and prints the URL to paste into the form", () => {
      const made = json(
        cli("templates", "add", integrationId, "--name", "Survey", "--kind", "bubble_list", "--form", "--json"),
      );
      expect(made).toMatchObject({ answers: "form", form: true, taskNodeId: null, isDefault: false });
      expect(made.formUrl).toBe(`${PUBLIC}/api/callbacks/udesk/task/${slug}?template=${made.id}`);
      const human = cli("templates", "add", "Robot", "--name", "Survey 2", "--kind", "custom_card", "--form");
      expect(human.status, human.stderr).toBe(0);
      expect(human.stdout).toMatch(
        /paste into the Udesk form's webhook: https:\/\/deskbridge\.example\.com\/.*template=\d+/,
      );
    });

    it("adds the default from a file, and lists every template with the form URLs", () => {
      const file = path.join(dataDir, "faq.json");
      fs.writeFileSync(
        file,
        JSON.stringify({ cardType: 2, title: "常见问题", faqText: "您想问：", faqQuestions: ["退货"] }),
      );
      const made = json(
        cli(
          "templates",
          "add",
          "Robot",
          "--name",
          "FAQ",
          "--kind",
          "custom_card",
          "--default",
          "--from-file",
          file,
          "--json",
        ),
      );
      expect(made).toMatchObject({
        answers: "default",
        isDefault: true,
        config: { cardType: 2, faqQuestions: ["退货"] },
      });
      const listed = json(cli("templates", "list", "Robot", "--json"));
      expect(listed.map((l: { name: string; answers: string }) => [l.name, l.answers])).toEqual([
        ["FAQ", "default"],
        ["Orders", "task node 100"],
        ["Survey", "form"],
        ["Survey 2", "form"],
      ]);
      expect(listed.filter((l: { formUrl?: string }) => l.formUrl)).toHaveLength(2);
    });

    it("refuses, naming the field, a file that puts the order number in an integer id (exit 1)", () => {
      const file = path.join(dataDir, "text-id.json");
      fs.writeFileSync(
        file,
        JSON.stringify({ title: "x", mapping: { id: "{{order.orderNo}}", title: "{{order.title}}" } }),
      );
      const run = cli(
        "templates",
        "add",
        "Robot",
        "--name",
        "Bad",
        "--kind",
        "bubble_list",
        "--task-node",
        "7",
        "--from-file",
        file,
        "--json",
      );
      expect(run.status).toBe(1);
      const error = JSON.parse(run.stderr);
      expect(error.error).toBe("validation");
      expect(error.fields["mapping.id"][0]).toContain("Udesk reads this id as a whole number");
      expect(json(cli("templates", "list", "Robot", "--json")).map((l: { name: string }) => l.name)).not.toContain(
        "Bad",
      );
    });

    it("exits 2 when the integration named does not exist", () => {
      const run = cli("templates", "add", "Nope", "--name", "x", "--kind", "bubble_list", "--default");
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/no Udesk integration/);
    });

    // Wrong arguments are refused alike on either database: checked once, on SQLite.
    it.runIf(provider.name === "sqlite").each([
      [
        ["templates", "add", "Robot", "--name", "x", "--kind", "bubble_list"],
        /one of --task-node ID, --default or --form/,
      ],
      [
        ["templates", "add", "Robot", "--name", "x", "--kind", "bubble_list", "--default", "--form"],
        /one of --task-node/,
      ],
      [["templates", "add", "Robot", "--name", "x", "--kind", "table", "--default"], /--kind is one of bubble_list/],
      [["templates", "list"], /name the Udesk integration/],
    ])("exits 2 with the reason for %j", (args, message) => {
      const run = cli(...args);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(message);
    });
  });
}
