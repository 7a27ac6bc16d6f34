// Card templates on real databases: validation (fields, the Udesk integration, answers that
// Udesk would refuse), one template per task node and one default per integration, update,
// duplicate, delete, the lookup a task-push call uses, and the list.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appError } from "@/lib/testing/app-error";
import { createIntegration, deleteIntegration, type IntegrationView } from "@/lib/integrations/integrations";
import { defaultConfig, type TemplateConfigInput } from "@/lib/templates/config";
import {
  createTemplate,
  deleteTemplate,
  duplicateTemplate,
  getTemplate,
  listTemplates,
  templateFor,
  updateTemplate,
  type TemplateInput,
} from "@/lib/templates/templates";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`card templates on ${provider.name}`, () => {
    let t: TestDatabase;
    const masterKey = crypto.randomBytes(32);
    let udesk: IntegrationView;
    let sobot: IntegrationView;

    const newUdesk = (name: string) =>
      createIntegration(t.db, masterKey, {
        vendor: "udesk",
        name,
        settings: { integrationName: name },
        secrets: { key: "k" },
      });

    beforeAll(async () => {
      t = await createDatabase(provider.name);
      udesk = await newUdesk("Udesk A");
      sobot = await createIntegration(t.db, masterKey, {
        vendor: "sobot-crm",
        name: "Sobot",
        settings: { companyId: "1" },
        secrets: { secretKey: "secretKey" },
      });
    });
    afterAll(async () => {
      await t?.drop();
    });

    const input = (over: Partial<TemplateInput> = {}): TemplateInput => ({
      integrationId: udesk.id,
      name: "Orders",
      taskNodeId: "100",
      config: defaultConfig("bubble_list"),
      ...over,
    });

    describe("createTemplate validation", () => {
      it("creates a template with its config filled in", async () => {
        const integration = await newUdesk("Create");
        const created = await createTemplate(t.db, input({ integrationId: integration.id, name: "  Orders  " }));
        expect(created).toMatchObject({
          integrationId: integration.id,
          integrationName: "Create",
          name: "Orders",
          taskNodeId: "100",
          isDefault: false,
        });
        expect(created.config.kind).toBe("bubble_list");
        expect(created.config.source).toBe("orders");
        expect(created.config.pageSize).toBe(5);
        expect(created.updatedAt).toBeInstanceOf(Date);
        expect(await getTemplate(t.db, created.id)).toEqual(created);
        expect(await getTemplate(t.db, 9_999_999)).toBeNull();
      });

      it("creates one of each kind from its default config", async () => {
        const integration = await newUdesk("Kinds");
        const kinds = [
          "bubble_list",
          "drawer_list",
          "logistics",
          "custom_card",
          "selective_list",
          "selective_table",
          "show_product",
        ] as const;
        for (const [i, kind] of kinds.entries()) {
          const created = await createTemplate(t.db, {
            integrationId: integration.id,
            name: kind,
            taskNodeId: String(i + 1),
            config: defaultConfig(kind),
          });
          expect(created.config.kind).toBe(kind);
        }
      });

      it("requires a name", async () => {
        for (const name of ["", "   "]) {
          const e = await appError(createTemplate(t.db, input({ name })));
          expect(e.code).toBe("validation");
          expect(e.fieldErrors.name).toEqual(["A name is required"]);
        }
        const long = await appError(createTemplate(t.db, input({ name: "x".repeat(101) })));
        expect(long.fieldErrors.name).toBeDefined();
      });

      it("requires a task node id unless the template is the default", async () => {
        for (const taskNodeId of [undefined, null, "", "  "]) {
          const e = await appError(createTemplate(t.db, input({ taskNodeId, isDefault: false })));
          expect(e.code).toBe("validation");
          expect(e.fieldErrors.taskNodeId).toEqual([expect.stringMatching(/task node id/)]);
        }
        const letters = await appError(createTemplate(t.db, input({ taskNodeId: "node-1" })));
        expect(letters.fieldErrors.taskNodeId).toEqual(["A task node id is a number"]);
      });

      it("collects the problems of every field at once", async () => {
        const e = await appError(
          createTemplate(
            t.db,
            input({ name: "", taskNodeId: null, config: { kind: "nope" } as unknown as TemplateConfigInput }),
          ),
        );
        expect(e.code).toBe("validation");
        expect(Object.keys(e.fieldErrors).sort()).toEqual(["kind", "name", "taskNodeId"]);
      });

      it("refuses an integration that is not Udesk, or does not exist", async () => {
        const other = await appError(createTemplate(t.db, input({ integrationId: sobot.id })));
        expect(other.code).toBe("validation");
        expect(other.fieldErrors.integrationId).toEqual(["Pick a Udesk integration"]);
        const missing = await appError(createTemplate(t.db, input({ integrationId: crypto.randomUUID() })));
        expect(missing.fieldErrors.integrationId).toBeDefined();
        expect(await t.db.cardTemplate.count({ where: { integrationId: sobot.id } })).toBe(0);
      });

      it("refuses a drawer list with 6 tabs, naming the limit of 5", async () => {
        const config = defaultConfig("drawer_list");
        const tabs = ["paid", "shipped", "delivered", "completed", "pending", "refunded"].map((id) => ({
          id,
          name: id,
        }));
        const e = await appError(createTemplate(t.db, input({ taskNodeId: "600", config: { ...config, tabs } })));
        expect(e.code).toBe("validation");
        // Refused on the tabs field itself, before any sample is rendered.
        expect(e.fieldErrors.tabs).toEqual(["A drawer list has at most 5 tabs (Udesk's limit)"]);
        // 5 tabs is fine.
        const five = await createTemplate(
          t.db,
          input({ taskNodeId: "601", config: { ...config, tabs: tabs.slice(0, 5) } }),
        );
        expect(five.config.tabs).toHaveLength(5);
      });

      it("refuses a selective list with an empty title", async () => {
        const e = await appError(
          createTemplate(t.db, input({ taskNodeId: "700", config: { ...defaultConfig("selective_list"), title: "" } })),
        );
        expect(e.code).toBe("validation");
        expect(e.message).toMatch(/title/i);
        expect(e.fieldErrors.config).toEqual(expect.arrayContaining([expect.stringMatching(/title is required/)]));
        const noOptions = await appError(
          createTemplate(
            t.db,
            input({ taskNodeId: "701", config: { ...defaultConfig("selective_list"), staticItems: [] } }),
          ),
        );
        expect(noOptions.fieldErrors.config).toEqual(expect.arrayContaining([expect.stringMatching(/option/)]));
        expect(await t.db.cardTemplate.count({ where: { taskNodeId: { in: ["700", "701"] } } })).toBe(0);
      });
    });

    describe("one template per node, one default per integration", () => {
      it("refuses a second template for the same node, but not on another integration", async () => {
        const a = await newUdesk("Unique A");
        const b = await newUdesk("Unique B");
        const first = await createTemplate(t.db, input({ integrationId: a.id, name: "First", taskNodeId: "42" }));
        const e = await appError(
          createTemplate(t.db, input({ integrationId: a.id, name: "Second", taskNodeId: "42" })),
        );
        expect(e.code).toBe("conflict");
        expect(e.message).toMatch(/"First" already answers task node 42/);
        expect(e.fieldErrors.taskNodeId).toBeDefined();
        const elsewhere = await createTemplate(t.db, input({ integrationId: b.id, name: "Second", taskNodeId: "42" }));
        expect(elsewhere.taskNodeId).toBe("42");
        expect(await templateFor(t.db, a.id, "42")).toMatchObject({ id: first.id });
      });

      it("refuses a second default, but not on another integration", async () => {
        const a = await newUdesk("Default A");
        const b = await newUdesk("Default B");
        const first = await createTemplate(
          t.db,
          input({ integrationId: a.id, name: "Default", taskNodeId: null, isDefault: true }),
        );
        expect(first).toMatchObject({ isDefault: true, taskNodeId: null });
        const e = await appError(
          createTemplate(
            t.db,
            input({ integrationId: a.id, name: "Another default", taskNodeId: null, isDefault: true }),
          ),
        );
        expect(e.code).toBe("conflict");
        expect(e.message).toMatch(/"Default" is already this integration's default/);
        expect(e.fieldErrors.isDefault).toBeDefined();
        // A default given a node too is still a default, and still one too many.
        const withNode = await appError(
          createTemplate(
            t.db,
            input({ integrationId: a.id, name: "Default with node", taskNodeId: "5", isDefault: true }),
          ),
        );
        expect(withNode.code).toBe("conflict");
        const other = await createTemplate(
          t.db,
          input({ integrationId: b.id, name: "Default", taskNodeId: "5", isDefault: true }),
        );
        // The default answers every node, so it is stored without one.
        expect(other).toMatchObject({ isDefault: true, taskNodeId: null });
      });
    });

    describe("update, duplicate, delete", () => {
      it("updates a template's name, node and config", async () => {
        const integration = await newUdesk("Update");
        const tpl = await createTemplate(
          t.db,
          input({ integrationId: integration.id, name: "Before", taskNodeId: "1" }),
        );
        const updated = await updateTemplate(
          t.db,
          tpl.id,
          input({
            integrationId: integration.id,
            name: "After",
            taskNodeId: "2",
            config: defaultConfig("custom_card"),
          }),
        );
        expect(updated).toMatchObject({ id: tpl.id, name: "After", taskNodeId: "2", isDefault: false });
        expect(updated.config.kind).toBe("custom_card");
        expect((await t.db.cardTemplate.findUnique({ where: { id: tpl.id } }))?.kind).toBe("custom_card");
        expect(await templateFor(t.db, integration.id, "1")).toBeNull();
        expect(await templateFor(t.db, integration.id, "2")).toMatchObject({ id: tpl.id });
        // Saving it again on its own node is no clash.
        const again = await updateTemplate(
          t.db,
          tpl.id,
          input({ integrationId: integration.id, name: "After again", taskNodeId: "2" }),
        );
        expect(again.name).toBe("After again");
      });

      it("refuses an update that is invalid, takes a taken slot, or names no template", async () => {
        const integration = await newUdesk("Update refusals");
        const one = await createTemplate(t.db, input({ integrationId: integration.id, name: "One", taskNodeId: "1" }));
        const two = await createTemplate(t.db, input({ integrationId: integration.id, name: "Two", taskNodeId: "2" }));
        await createTemplate(
          t.db,
          input({ integrationId: integration.id, name: "Default", taskNodeId: null, isDefault: true }),
        );

        const taken = await appError(
          updateTemplate(t.db, two.id, input({ integrationId: integration.id, name: "Two", taskNodeId: "1" })),
        );
        expect(taken.code).toBe("conflict");
        const secondDefault = await appError(
          updateTemplate(t.db, two.id, input({ integrationId: integration.id, name: "Two", isDefault: true })),
        );
        expect(secondDefault.code).toBe("conflict");
        const invalid = await appError(
          updateTemplate(t.db, two.id, input({ integrationId: integration.id, name: "" })),
        );
        expect(invalid.code).toBe("validation");
        const badConfig = await appError(
          updateTemplate(
            t.db,
            two.id,
            input({
              integrationId: integration.id,
              name: "Two",
              taskNodeId: "2",
              config: { ...defaultConfig("selective_list"), title: "" },
            }),
          ),
        );
        expect(badConfig.code).toBe("validation");
        const missing = await appError(updateTemplate(t.db, 9_999_999, input({ integrationId: integration.id })));
        expect(missing.code).toBe("not_found");

        // Nothing changed.
        expect(await getTemplate(t.db, two.id)).toMatchObject({ name: "Two", taskNodeId: "2", isDefault: false });
        expect(await getTemplate(t.db, one.id)).toMatchObject({ name: "One", taskNodeId: "1" });
      });

      it("duplicates a template as a copy with no node, not the default", async () => {
        const integration = await newUdesk("Duplicate");
        const config = { ...defaultConfig("selective_list"), title: "请选择服务" };
        const original = await createTemplate(
          t.db,
          input({ integrationId: integration.id, name: "Menu", taskNodeId: null, isDefault: true, config }),
        );
        const copy = await duplicateTemplate(t.db, original.id);
        expect(copy.id).not.toBe(original.id);
        expect(copy).toMatchObject({
          integrationId: integration.id,
          integrationName: "Duplicate",
          name: "Menu (copy)",
          taskNodeId: null,
          isDefault: false,
        });
        expect(copy.config).toEqual(original.config);
        // The original keeps its place; the copy answers nothing until it gets a node.
        expect(await templateFor(t.db, integration.id, "1")).toMatchObject({ id: original.id });
        // A copy of a copy; a long name stays within 100 characters.
        expect((await duplicateTemplate(t.db, copy.id)).name).toBe("Menu (copy) (copy)");
        const long = await createTemplate(
          t.db,
          input({ integrationId: integration.id, name: "n".repeat(100), taskNodeId: "77" }),
        );
        expect((await duplicateTemplate(t.db, long.id)).name).toHaveLength(100);
        // The copy can be given a node.
        const placed = await updateTemplate(
          t.db,
          copy.id,
          input({ integrationId: integration.id, name: copy.name, taskNodeId: "3", config }),
        );
        expect(await templateFor(t.db, integration.id, "3")).toMatchObject({ id: placed.id });
        expect((await appError(duplicateTemplate(t.db, 9_999_999))).code).toBe("not_found");
      });

      it("deletes a template, once", async () => {
        const integration = await newUdesk("Delete");
        const tpl = await createTemplate(t.db, input({ integrationId: integration.id, taskNodeId: "9" }));
        await deleteTemplate(t.db, tpl.id);
        expect(await getTemplate(t.db, tpl.id)).toBeNull();
        expect(await templateFor(t.db, integration.id, "9")).toBeNull();
        expect((await appError(deleteTemplate(t.db, tpl.id))).code).toBe("not_found");
        // The node is free again.
        expect((await createTemplate(t.db, input({ integrationId: integration.id, taskNodeId: "9" }))).taskNodeId).toBe(
          "9",
        );
      });

      it("deletes an integration's templates with it", async () => {
        const integration = await newUdesk("Cascade");
        const tpl = await createTemplate(t.db, input({ integrationId: integration.id, taskNodeId: "1" }));
        await deleteIntegration(t.db, integration.id);
        expect(await getTemplate(t.db, tpl.id)).toBeNull();
      });
    });

    describe("templateFor and listTemplates", () => {
      it("finds the node's template first, then the default", async () => {
        const integration = await newUdesk("Lookup");
        const other = await newUdesk("Lookup other");
        expect(await templateFor(t.db, integration.id, "10")).toBeNull();
        expect(await templateFor(t.db, integration.id, null)).toBeNull();
        // Another integration's templates never answer.
        await createTemplate(t.db, input({ integrationId: other.id, name: "Other node", taskNodeId: "10" }));
        await createTemplate(
          t.db,
          input({ integrationId: other.id, name: "Other default", taskNodeId: null, isDefault: true }),
        );
        expect(await templateFor(t.db, integration.id, "10")).toBeNull();

        const node = await createTemplate(
          t.db,
          input({ integrationId: integration.id, name: "Node 10", taskNodeId: "10" }),
        );
        expect(await templateFor(t.db, integration.id, "10")).toMatchObject({ id: node.id });
        expect(await templateFor(t.db, integration.id, "11")).toBeNull();

        const def = await createTemplate(
          t.db,
          input({
            integrationId: integration.id,
            name: "Default",
            taskNodeId: null,
            isDefault: true,
            config: defaultConfig("custom_card"),
          }),
        );
        expect(await templateFor(t.db, integration.id, "10")).toMatchObject({ id: node.id });
        expect(await templateFor(t.db, integration.id, "11")).toMatchObject({ id: def.id, isDefault: true });
        expect(await templateFor(t.db, integration.id, null)).toMatchObject({ id: def.id });
        expect((await templateFor(t.db, integration.id, null))!.config.kind).toBe("custom_card");
      });

      it("never lets two templates take the same node or the default, even saved at once", async () => {
        const integration = await newUdesk("Racing");
        const nodes = await Promise.allSettled(
          [1, 2, 3].map((n) =>
            createTemplate(t.db, input({ integrationId: integration.id, name: `Race ${n}`, taskNodeId: "500" })),
          ),
        );
        expect(nodes.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        for (const r of nodes) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "conflict" });
        const defaults = await Promise.allSettled(
          [1, 2, 3].map((n) =>
            createTemplate(
              t.db,
              input({ integrationId: integration.id, name: `Default ${n}`, taskNodeId: null, isDefault: true }),
            ),
          ),
        );
        expect(defaults.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      });

      it("refuses to move a template onto a non-Udesk or missing integration", async () => {
        const integration = await newUdesk("Mover");
        const created = await createTemplate(
          t.db,
          input({ integrationId: integration.id, name: "Mover", taskNodeId: "600" }),
        );
        await expect(
          updateTemplate(
            t.db,
            created.id,
            input({ integrationId: "no-such-integration", name: "Mover", taskNodeId: "600" }),
          ),
        ).rejects.toMatchObject({ code: "validation" });
      });

      it("lists every template with its integration's name, the default first", async () => {
        const integration = await newUdesk("Listing");
        await createTemplate(t.db, input({ integrationId: integration.id, name: "Node 3", taskNodeId: "3" }));
        await createTemplate(
          t.db,
          input({ integrationId: integration.id, name: "Default", taskNodeId: null, isDefault: true }),
        );
        await createTemplate(t.db, input({ integrationId: integration.id, name: "Node 1", taskNodeId: "1" }));
        const all = await listTemplates(t.db);
        expect(all.length).toBe(await t.db.cardTemplate.count());
        const mine = all.filter((x) => x.integrationId === integration.id);
        expect(mine.map((x) => x.name)).toEqual(["Default", "Node 1", "Node 3"]);
        expect(mine.every((x) => x.integrationName === "Listing")).toBe(true);
        // Grouped by integration (ordered by name), nodes in numeric order.
        const groups = all.map((x) => x.integrationId).filter((id, i, a) => i === 0 || a[i - 1] !== id);
        expect(new Set(groups).size).toBe(groups.length);
        await createTemplate(t.db, input({ integrationId: integration.id, name: "Node 20", taskNodeId: "20" }));
        await createTemplate(t.db, input({ integrationId: integration.id, name: "Node 100", taskNodeId: "0100" }));
        const again = (await listTemplates(t.db)).filter((x) => x.integrationId === integration.id);
        expect(again.map((x) => x.name)).toEqual(["Default", "Node 1", "Node 3", "Node 20", "Node 100"]);
        expect(again.at(-1)!.taskNodeId).toBe("100");
      });
    });
  });
}
