// Text templates for robot answers: {{path}} lookups, unknown → "", objects → JSON, HTML escaping.
import { describe, expect, it } from "vitest";
import { placeholders, renderText } from "@/lib/vendors/udesk/text-template";

const context = {
  customer: {
    uname: "tom",
    realname: "Tom",
    emails: ["a@x.io", "b@x.io"],
    fields: { level: { name: "gold" } },
    isVip: true,
    zero: 0,
    nothing: null,
  },
  order: { title: "鞋", amount: "199.00", quantity: 2 },
  var: { city: "上海", 城市: "北京", "kebab-key": "k" },
  客户: { 姓名: "张三" },
  index: 3,
};

describe("renderText", () => {
  it("substitutes top-level and nested paths", () => {
    expect(renderText("Hi {{customer.uname}}, {{order.title}} ×{{order.quantity}} #{{index}}", context)).toBe(
      "Hi tom, 鞋 ×2 #3",
    );
    expect(renderText("{{customer.fields.level.name}}", context)).toBe("gold");
  });

  it("indexes arrays by position", () => {
    expect(renderText("{{customer.emails.1}}", context)).toBe("b@x.io");
  });

  it("tolerates spaces inside the braces and repeats", () => {
    expect(renderText("{{ var.city }}-{{var.city}}", context)).toBe("上海-上海");
  });

  it("renders unknown paths, paths through scalars and null values empty", () => {
    expect(
      renderText(
        "[{{nope}}][{{customer.nope}}][{{customer.uname.first}}][{{nope.deeper.still}}][{{customer.nothing}}]",
        context,
      ),
    ).toBe("[][][][][]");
  });

  it("renders falsy scalars as text", () => {
    expect(renderText("{{customer.zero}}/{{customer.isVip}}", context)).toBe("0/true");
  });

  it("renders objects and arrays as JSON", () => {
    expect(renderText("{{customer.fields}}", context)).toBe('{"level":{"name":"gold"}}');
    expect(renderText("{{customer.emails}}", context)).toBe('["a@x.io","b@x.io"]');
  });

  it("accepts Chinese and hyphenated keys", () => {
    expect(renderText("{{var.城市}} {{客户.姓名}} {{var.kebab-key}}", context)).toBe("北京 张三 k");
  });

  it("leaves text that is not a placeholder alone", () => {
    expect(renderText("{single} {{}} {{a b}} {{ }} plain", context)).toBe("{single} {{}} {{a b}} {{ }} plain");
    expect(renderText("", context)).toBe("");
  });

  it("does not escape in plain mode", () => {
    expect(renderText("{{x}}", { x: `<b>"Tom" & 'Jerry'</b>` })).toBe(`<b>"Tom" & 'Jerry'</b>`);
  });

  it("escapes values but not the template's own markup in html mode", () => {
    const out = renderText(`<div class="n">{{x}}</div>`, { x: `<b>"Tom" & 'Jerry'</b>` }, { html: true });
    expect(out).toBe(`<div class="n">&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</div>`);
  });

  it("escapes JSON renderings in html mode", () => {
    expect(renderText("{{o}}", { o: { a: "<" } }, { html: true })).toBe("{&quot;a&quot;:&quot;&lt;&quot;}");
  });

  it("does not re-interpret placeholders found inside values", () => {
    expect(renderText("{{a}}", { a: "{{b}}", b: "leak" })).toBe("{{b}}");
  });
});

describe("placeholders", () => {
  it("lists the paths a template uses, in order, with repeats", () => {
    expect(placeholders("{{customer.uname}} and {{ order.title }} and {{customer.uname}}")).toEqual([
      "customer.uname",
      "order.title",
      "customer.uname",
    ]);
  });

  it("includes Chinese paths and ignores non-placeholders", () => {
    expect(placeholders("{{var.城市}} {x} {{a b}} {{}}")).toEqual(["var.城市"]);
  });

  it("is empty for plain text", () => {
    expect(placeholders("no placeholders here")).toEqual([]);
  });
});
