// The card-template config schema: defaults, refusals, form-style coercions, and the per-kind starting points.
import { describe, expect, it } from "vitest";
import {
  defaultConfig,
  KIND_LABELS,
  TEMPLATE_KINDS,
  templateConfig,
  type TemplateConfigInput,
} from "@/lib/templates/config";
import { fieldErrorsOf } from "@/lib/field-errors";

const issuesOf = (input: unknown) => {
  const parsed = templateConfig.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.success ? [] : parsed.error.issues;
};

describe("templateConfig", () => {
  it("fills every default from just a kind", () => {
    expect(templateConfig.parse({ kind: "bubble_list" })).toEqual({
      kind: "bubble_list",
      title: "",
      subTitle: "",
      source: "orders",
      staticItems: [],
      itemsVariable: "",
      customerVariable: "",
      mapping: {},
      tabs: [],
      turnFlag: 0,
      cardType: 1,
      hitType: 3,
      faqText: "",
      faqQuestions: [],
      answerVariables: {},
      command: "",
    });
  });

  it("leaves the optional ints undefined when absent", () => {
    const c = templateConfig.parse({ kind: "custom_card" });
    for (const k of ["rowNumber", "columnNumber", "showSize", "pageSize", "toTaskNodeId", "routeType"] as const)
      expect(c[k]).toBeUndefined();
  });

  it("refuses a missing or unknown kind with its message", () => {
    expect(issuesOf({}).some((i) => i.path[0] === "kind")).toBe(true);
    const issues = issuesOf({ kind: "carousel" });
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toEqual(["kind"]);
    expect(issues[0].message).toBe("Pick a kind");
  });

  it("refuses an unknown source and an unknown mapping field", () => {
    expect(issuesOf({ kind: "bubble_list", source: "crm" })[0].path).toEqual(["source"]);
    expect(issuesOf({ kind: "bubble_list", mapping: { price: "{{order.amount}}" } })[0].path[0]).toBe("mapping");
  });

  it("turns empty strings and null into undefined for the optional ints", () => {
    const c = templateConfig.parse({
      kind: "selective_table",
      rowNumber: "",
      columnNumber: null,
      showSize: "",
      pageSize: "",
      toTaskNodeId: "",
      routeType: "",
    });
    for (const k of ["rowNumber", "columnNumber", "showSize", "pageSize", "toTaskNodeId", "routeType"] as const)
      expect(c[k]).toBeUndefined();
  });

  it("coerces numeric strings for the optional ints and the flags", () => {
    const c = templateConfig.parse({
      kind: "custom_card",
      pageSize: "7",
      toTaskNodeId: "0",
      routeType: "2",
      turnFlag: "1",
      cardType: "2",
      hitType: "1",
      showSize: "4",
    });
    expect(c).toMatchObject({
      pageSize: 7,
      toTaskNodeId: 0,
      routeType: 2,
      turnFlag: 1,
      cardType: 2,
      hitType: 1,
      showSize: 4,
    });
  });

  it("refuses optional ints out of range, fractional or not numbers", () => {
    expect(issuesOf({ kind: "bubble_list", pageSize: "0" })[0].path).toEqual(["pageSize"]);
    expect(issuesOf({ kind: "bubble_list", pageSize: 101 })[0].path).toEqual(["pageSize"]);
    expect(issuesOf({ kind: "bubble_list", pageSize: "abc" })[0].path).toEqual(["pageSize"]);
    expect(issuesOf({ kind: "bubble_list", routeType: 3 })[0].path).toEqual(["routeType"]);
    expect(issuesOf({ kind: "bubble_list", toTaskNodeId: -1 })[0].path).toEqual(["toTaskNodeId"]);
    const frac = issuesOf({ kind: "bubble_list", showSize: "2.5" });
    expect(frac[0].path).toEqual(["showSize"]);
    expect(frac[0].message).toBe("A whole number");
  });

  it("refuses flags out of range", () => {
    expect(issuesOf({ kind: "custom_card", turnFlag: 2 })[0].path).toEqual(["turnFlag"]);
    expect(issuesOf({ kind: "custom_card", cardType: 3 })[0].path).toEqual(["cardType"]);
    expect(issuesOf({ kind: "custom_card", hitType: 0 })[0].path).toEqual(["hitType"]);
  });

  it("accepts answer variable names of letters, digits, _ and Chinese", () => {
    const c = templateConfig.parse({
      kind: "selective_list",
      answerVariables: { city_2: "{{var.city}}", 城市: "x", A: "" },
    });
    expect(c.answerVariables).toEqual({ city_2: "{{var.city}}", 城市: "x", A: "" });
  });

  it.each(["my-var", "has space", "a.b", "", "x".repeat(65), "$"])("refuses the answer variable name %j", (name) => {
    const issues = issuesOf({ kind: "selective_list", answerVariables: { [name]: "v" } });
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toEqual(["answerVariables", name]);
    expect(issues[0].message).toBe(`Variable name "${name}": letters, digits, _ only`);
  });

  it("accepts a 64-character variable name", () => {
    expect(
      templateConfig.safeParse({ kind: "selective_list", answerVariables: { ["v".repeat(64)]: "x" } }).success,
    ).toBe(true);
  });

  it("enforces text lengths", () => {
    expect(templateConfig.safeParse({ kind: "bubble_list", title: "t".repeat(200) }).success).toBe(true);
    const issues = issuesOf({ kind: "bubble_list", title: "t".repeat(201) });
    expect(issues[0].path).toEqual(["title"]);
    expect(issues[0].message).toBe("At most 200 characters");
    expect(issuesOf({ kind: "bubble_list", mapping: { title: "x".repeat(2001) } })[0].path).toEqual([
      "mapping",
      "title",
    ]);
  });

  it("requires tab ids and names", () => {
    const issues = issuesOf({ kind: "drawer_list", tabs: [{ id: "", name: "" }] });
    expect(issues.map((i) => i.message).sort()).toEqual(["A tab needs a name", "A tab needs an id"]);
  });
});

describe("defaultConfig", () => {
  it("has a label for every kind", () => {
    expect(Object.keys(KIND_LABELS).sort()).toEqual([...TEMPLATE_KINDS].sort());
  });

  it.each(TEMPLATE_KINDS)("%s parses as its own kind with a title and a mapping", (kind) => {
    const input = defaultConfig(kind);
    const parsed = templateConfig.safeParse(input);
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data.kind).toBe(kind);
    expect(parsed.data.title).not.toBe("");
    expect(Object.keys(parsed.data.mapping).length).toBeGreaterThan(0);
  });

  it("pages bubble lists and custom cards by 5, gives drawers tabs and option lists static items", () => {
    expect(templateConfig.parse(defaultConfig("bubble_list")).pageSize).toBe(5);
    expect(templateConfig.parse(defaultConfig("custom_card")).pageSize).toBe(5);
    expect(templateConfig.parse(defaultConfig("drawer_list")).tabs.length).toBeGreaterThanOrEqual(1);
    expect(templateConfig.parse(defaultConfig("drawer_list")).tabs.length).toBeLessThanOrEqual(5);
    expect(templateConfig.parse(defaultConfig("selective_list")).source).toBe("static");
    expect(templateConfig.parse(defaultConfig("selective_list")).staticItems.length).toBeGreaterThan(0);
    expect(templateConfig.parse(defaultConfig("selective_table"))).toMatchObject({
      source: "static",
      rowNumber: 2,
      columnNumber: 2,
    });
  });
});

describe("URL fields take http(s) URLs only", () => {
  const parse = (over: Partial<TemplateConfigInput>) => templateConfig.safeParse({ kind: "bubble_list", ...over });
  const errors = (over: Partial<TemplateConfigInput>) => {
    const result = parse(over);
    return result.success ? {} : fieldErrorsOf(result.error);
  };

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x.png",
    "\\\\evil.example/x.png",
    "evil.example/x.png",
    "http:/evil.example",
    "javascript:{{order.imageUrl}}",
    "http{{order.imageUrl}}",
    "https://shop.example.com/a b.png",
  ])("refuses %j in a mapping's img and url, naming the field", (value) => {
    expect(errors({ mapping: { title: "{{order.title}}", img: value } })).toHaveProperty(["mapping.img"]);
    expect(errors({ kind: "show_product", mapping: { title: "t", url: value } })).toHaveProperty(["mapping.url"]);
    const found = errors({ source: "static", staticItems: [{ title: "a" }, { title: "b", img: value, url: value }] });
    expect(found).toHaveProperty(["staticItems.1.img"]);
    expect(found).toHaveProperty(["staticItems.1.url"]);
    expect(found["staticItems.1.img"][0]).toMatch(/http/);
  });

  it.each([
    "",
    "https://img.example.com/a.png",
    "HTTP://img.example.com/a.png",
    "https://img.example.com/{{order.orderNo}}.png",
    "{{order.imageUrl}}",
    " {{ item.img }} ",
  ])("accepts %j (a template's value is checked again when it is rendered)", (value) => {
    expect(parse({ mapping: { title: "t", img: value, url: value } }).success).toBe(true);
    expect(parse({ source: "static", staticItems: [{ title: "a", img: value }] }).success).toBe(true);
  });

  it("leaves other fields alone", () => {
    expect(parse({ mapping: { title: "javascript: is just text here", attr1: "//x" } }).success).toBe(true);
  });
});
