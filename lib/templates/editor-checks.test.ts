// The editor's warnings: unknown and unclosed placeholders, and a task node id a role would drop.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "@/lib/templates/config";
import { editorWarnings, textWarnings } from "@/lib/templates/editor-checks";

const head = { taskNodeId: "100", isDefault: false, form: false };

describe("editor warnings", () => {
  it("the built-in templates raise none", () => {
    for (const kind of ["bubble_list", "drawer_list", "logistics", "custom_card", "show_product"] as const)
      expect(editorWarnings(defaultConfig(kind), head)).toEqual({});
  });

  it("names an unknown field and suggests the close one", () => {
    expect(textWarnings("{{order.titel}}")).toEqual([
      "{{order.titel}} is not a field of order: did you mean {{order.title}}?",
    ]);
    expect(textWarnings("{{ordr.title}}")[0]).toContain("names nothing");
    expect(textWarnings("{{var.city}} {{item.anything}} {{index}} {{customer.fields.tier}}")).toEqual([]);
  });

  it("finds an unclosed placeholder", () => {
    expect(textWarnings("Hello {{customer.realname")).toEqual([
      "A placeholder is not closed: write it as {{order.title}}, with both braces",
    ]);
    expect(textWarnings("{order.title}}")).toHaveLength(1);
    expect(textWarnings("{{order.title}} {{")).toHaveLength(1);
  });

  it("keys each warning by its field", () => {
    const config = { ...defaultConfig("bubble_list"), mapping: { id: "{{order.id}}", title: "{{order.titel}}" } };
    expect(Object.keys(editorWarnings(config, head))).toEqual(["mapping.title"]);
  });

  it("never drops a task node id silently", () => {
    const config = defaultConfig("bubble_list");
    expect(editorWarnings(config, { ...head, isDefault: true }).taskNodeId?.[0]).toContain(
      "Task node 100 will not be kept",
    );
    expect(editorWarnings(config, { ...head, form: true }).taskNodeId?.[0]).toContain("a form template");
    expect(editorWarnings(config, { ...head, taskNodeId: "", isDefault: true })).toEqual({});
  });
});
