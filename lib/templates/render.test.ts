// Rendering card templates into Udesk answers (PROTOCOLS §3): shapes per kind, paging, drawer limits,
// empty sources, rich-text sanitizing, the variables source, answer extras and field mapping.
import type { ZodType } from "zod";
import { describe, expect, it } from "vitest";
import type { CustomerView } from "@/lib/customers/customers";
import type { OrderView } from "@/lib/customers/orders";
import {
  defaultConfig,
  savableTemplateConfig,
  TEMPLATE_KINDS,
  templateConfig,
  type TemplateConfigInput,
  type TemplateKind,
} from "@/lib/templates/config";
import { renderTemplate, sanitizeRichText, TemplateError, type RenderInput } from "@/lib/templates/render";
import { sampleInput } from "@/lib/templates/sample";
import { bubbleAnswer, customAnswer, drawerAnswer, logisticsAnswer } from "@/lib/vendors/udesk/schemas";
import { renderText } from "@/lib/vendors/udesk/text-template";

const SCHEMA: Record<TemplateKind, ZodType> = {
  bubble_list: bubbleAnswer,
  drawer_list: drawerAnswer,
  logistics: logisticsAnswer,
  custom_card: customAnswer,
  selective_list: customAnswer,
  selective_table: customAnswer,
  show_product: customAnswer,
};

const cfg = (kind: TemplateKind, over: Partial<TemplateConfigInput> = {}) =>
  templateConfig.parse({ ...defaultConfig(kind), ...over });

const T0 = new Date("2026-03-04T05:06:00");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function customer(over: Partial<CustomerView> = {}): CustomerView {
  return {
    id: 7,
    uname: "tom",
    realname: "汤姆",
    emails: ["tom@example.com", "t2@example.com"],
    phones: ["13900000000"],
    remark: "",
    isVip: false,
    vipLevel: "",
    labels: ["vip", "new"],
    customFields: { tier: "A" },
    externalIds: [],
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

function order(n: number, over: Partial<OrderView> = {}): OrderView {
  return {
    id: n,
    customerId: 7,
    orderNo: `NO-${n}`,
    title: `商品 ${n}`,
    imageUrl: `https://img.example.com/${n}.png`,
    amountCents: 19900 * n,
    amount: (199 * n).toFixed(2),
    quantity: n,
    status: "paid",
    createdAt: T0,
    shipments: [],
    ...over,
  };
}

const input = (over: Partial<RenderInput> = {}): RenderInput => ({
  customer: customer(),
  orders: [order(1)],
  variables: {},
  ...over,
});
const orders = (count: number) => Array.from({ length: count }, (_, i) => order(i + 1));

function templateError(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }
  throw new Error("expected a TemplateError, nothing was thrown");
}

// biome-ignore lint/suspicious/noExplicitAny: answers are walked loosely here; the Udesk schemas check them elsewhere
type Obj = Record<string, any>;
const answerOf = (kind: TemplateKind, over: Partial<TemplateConfigInput>, inp: RenderInput): Obj =>
  renderTemplate(cfg(kind, over), inp).answer as Obj;

describe("default configs against the sample input", () => {
  it.each(TEMPLATE_KINDS)("%s renders an answer valid for Udesk", (kind) => {
    const { answer } = renderTemplate(templateConfig.parse(defaultConfig(kind)), sampleInput());
    const parsed = SCHEMA[kind].safeParse(answer);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    if (kind === "bubble_list" || kind === "drawer_list" || kind === "logistics")
      expect(answer).toMatchObject({ code: 200, message: "OK", visible: false });
    else
      expect(answer).toMatchObject({
        resCode: 0,
        resError: null,
        message: { msgType: kind },
        variables: null,
        toTaskNodeId: null,
        routeType: null,
        command: null,
      });
  });

  it("bubble_list: code 200, paging and data from the order mapping", () => {
    const r = renderTemplate(templateConfig.parse(defaultConfig("bubble_list")), sampleInput());
    expect(r).toMatchObject({ total: 3, pageNum: 1, pageSize: 5, itemCount: 3 });
    const a = r.answer as Obj;
    expect(a).toEqual({
      code: 200,
      message: "OK",
      visible: false,
      paging: { pageNum: 1, pageSize: 5, total: 3 },
      data: [1, 2, 3].map((n) => ({
        id: n,
        img: `https://img.example.com/sample-${n}.png`,
        title: `示例商品 ${n}`,
        subTitle: `SAMPLE-${n}`,
        attr1: (199 * n).toFixed(2),
        attr2: String(n),
        attr3: ["已支付", "已发货", "已送达"][n - 1],
        hitContent: `SAMPLE-${n}`,
      })),
    });
  });

  it("drawer_list: title, the configured tabs, items with their tabId, and paging as one page", () => {
    const a = renderTemplate(templateConfig.parse(defaultConfig("drawer_list")), sampleInput()).answer as Obj;
    expect(a.paging).toEqual({ pageNum: 1, pageSize: 20, total: 3 });
    expect(a.data.title).toBe("请选择您需要的商品");
    expect(a.data.tabList).toEqual([
      { id: "paid", name: "已支付" },
      { id: "shipped", name: "已发货" },
      { id: "delivered", name: "已送达" },
      { id: "completed", name: "已完成" },
    ]);
    expect(a.data.tabDataList.map((i: Obj) => [i.id, i.tabId, i.title, i.attr3])).toEqual([
      [1, "paid", "示例商品 1", "已支付"],
      [2, "shipped", "示例商品 2", "已发货"],
      [3, "delivered", "示例商品 3", "已送达"],
    ]);
  });

  it("logistics: the latest order's shipments, newest first", () => {
    const a = renderTemplate(templateConfig.parse(defaultConfig("logistics")), sampleInput()).answer as Obj;
    expect(a.data).toEqual({
      title: "物流信息",
      subTitle: "示例商品 1 SAMPLE-1",
      dataList: [
        { id: "1", status: "运输中", title: "运输中", subTitle: "2026-11-01 11:00" },
        { id: "2", status: "揽收", title: "已揽收", subTitle: "2026-11-01 10:00" },
      ],
    });
  });

  it("custom_card: resCode 0, one type-1 rich-text card per order with hitType 3", () => {
    const a = renderTemplate(templateConfig.parse(defaultConfig("custom_card")), sampleInput()).answer as Obj;
    expect(a.resCode).toBe(0);
    expect(a.message.msgType).toBe("custom_card");
    const content = a.message.msgContent;
    expect(content).toMatchObject({
      id: 1,
      name: null,
      turnFlag: 0,
      showSize: null,
      title: "请选择您要查看的订单",
      pageNum: 1,
      pageSize: 5,
      total: 3,
    });
    expect(content.cardList).toHaveLength(3);
    expect(content.cardList[0]).toEqual({
      id: 1,
      type: 1,
      isHit: 1,
      hitType: 3,
      hitContent: "SAMPLE-1",
      hitShowContent: "<div><strong>示例商品 1</strong><div>¥199.00 · 共1件 · 已支付</div></div>",
      content: "<div><strong>示例商品 1</strong><div>¥199.00 · 共1件 · 已支付</div></div>",
    });
    for (const card of content.cardList) {
      expect(card.type).toBe(1);
      expect(card.hitType).toBe(3);
      expect(card.content).not.toBe("");
    }
  });

  it("selective_list: options from the static items", () => {
    const a = renderTemplate(templateConfig.parse(defaultConfig("selective_list")), sampleInput()).answer as Obj;
    expect(a.message).toEqual({
      msgType: "selective_list",
      msgContent: {
        title: "请选择",
        optionList: [
          { id: "1", value: "查询订单" },
          { id: "2", value: "联系人工" },
        ],
      },
    });
  });

  it("selective_table: rows, columns and options from the static items", () => {
    const a = renderTemplate(templateConfig.parse(defaultConfig("selective_table")), sampleInput()).answer as Obj;
    expect(a.message).toEqual({
      msgType: "selective_table",
      msgContent: {
        title: "请选择",
        rowNumber: 2,
        columnNumber: 2,
        optionList: ["A", "B", "C", "D"].map((value, i) => ({ id: String(i + 1), value })),
      },
    });
  });

  it("show_product: one product per order, the first info line bold", () => {
    const a = renderTemplate(templateConfig.parse(defaultConfig("show_product")), sampleInput()).answer as Obj;
    const content = a.message.msgContent;
    expect(content).toMatchObject({ title: "为您推荐", showSize: 3, turnFlag: 0 });
    expect(content.productList).toHaveLength(3);
    expect(content.productList[0]).toEqual({
      id: 1,
      name: "示例商品 1",
      image: "https://img.example.com/sample-1.png",
      url: "https://img.example.com/sample-1.png",
      infoList: [
        { info: "SAMPLE-1", boldFlag: "1", url: null, color: null },
        { info: "199.00", boldFlag: "0", url: null, color: null },
        { info: "1", boldFlag: "0", url: null, color: null },
        { info: "已支付", boldFlag: "0", url: null, color: null },
      ],
    });
  });
});

describe("paging", () => {
  const twelve = input({ orders: orders(12) });
  const bubble = (over: Partial<RenderInput>) =>
    renderTemplate(cfg("bubble_list", { pageSize: 5 }), { ...twelve, ...over });

  it("page 1 of 12 by 5: five items", () => {
    const r = bubble({ pageNum: 1 });
    const a = r.answer as Obj;
    expect(a.paging).toEqual({ pageNum: 1, pageSize: 5, total: 12 });
    expect(a.data.map((d: Obj) => d.id)).toEqual([1, 2, 3, 4, 5]);
    expect(r).toMatchObject({ total: 12, pageNum: 1, pageSize: 5, itemCount: 5 });
  });

  it("page 2 continues where page 1 stopped", () => {
    expect((bubble({ pageNum: 2 }).answer as Obj).data.map((d: Obj) => d.id)).toEqual([6, 7, 8, 9, 10]);
  });

  it("page 3: the last two", () => {
    const a = bubble({ pageNum: 3 }).answer as Obj;
    expect(a.paging).toEqual({ pageNum: 3, pageSize: 5, total: 12 });
    expect(a.data.map((d: Obj) => d.id)).toEqual([11, 12]);
  });

  it("a page past the end is clamped to the last page", () => {
    const r = bubble({ pageNum: 9 });
    const a = r.answer as Obj;
    expect(a.paging).toEqual({ pageNum: 3, pageSize: 5, total: 12 });
    expect(a.data.map((d: Obj) => d.id)).toEqual([11, 12]);
    expect(r.pageNum).toBe(3);
  });

  it.each([0, -4, null, undefined])("page %s is page 1", (pageNum) => {
    const a = bubble({ pageNum }).answer as Obj;
    expect(a.paging.pageNum).toBe(1);
    expect(a.data[0].id).toBe(1);
  });

  it("the request's pageSize overrides the template's", () => {
    const a = bubble({ pageNum: 2, pageSize: 4 }).answer as Obj;
    expect(a.paging).toEqual({ pageNum: 2, pageSize: 4, total: 12 });
    expect(a.data.map((d: Obj) => d.id)).toEqual([5, 6, 7, 8]);
  });

  it("without any pageSize, pages by 5; a huge pageSize is capped at 20", () => {
    const none = renderTemplate(cfg("bubble_list", { pageSize: "" }), { ...twelve, pageSize: null });
    expect(none).toMatchObject({ pageSize: 5, itemCount: 5 });
    const many = input({ orders: orders(120) });
    const huge = renderTemplate(cfg("bubble_list"), { ...many, pageSize: 1000 });
    expect(huge).toMatchObject({ pageSize: 20, itemCount: 20, total: 120 });
    expect((huge.answer as Obj).paging).toEqual({ pageNum: 1, pageSize: 20, total: 120 });
  });

  it("custom cards are paged too, with pageNum/pageSize/total in msgContent", () => {
    const a = answerOf("custom_card", { pageSize: 5 }, { ...twelve, pageNum: 3 });
    expect(a.message.msgContent).toMatchObject({ pageNum: 3, pageSize: 5, total: 12 });
    expect(a.message.msgContent.cardList.map((c: Obj) => c.hitContent)).toEqual(["NO-11", "NO-12"]);
  });

  it("option lists and products are not paged", () => {
    expect(
      answerOf("show_product", { pageSize: 5 }, { ...twelve, pageNum: 2 }).message.msgContent.productList,
    ).toHaveLength(12);
    const list = answerOf(
      "selective_list",
      { source: "orders", mapping: { id: "{{order.orderNo}}", title: "{{order.title}}" }, pageSize: 5 },
      twelve,
    );
    expect(list.message.msgContent.optionList).toHaveLength(12);
  });
});

describe("drawer_list limits", () => {
  const tabs = [
    { id: "paid", name: "已支付" },
    { id: "shipped", name: "已发货" },
  ];

  it("leaves out items whose tabId is not a tab", () => {
    const list = [
      order(1, { status: "paid" }),
      order(2, { status: "pending" }),
      order(3, { status: "shipped" }),
      order(4, { status: "cancelled" }),
    ];
    const a = answerOf("drawer_list", { tabs }, input({ orders: list }));
    const r = renderTemplate(cfg("drawer_list", { tabs }), input({ orders: list }));
    expect(a.data.tabDataList.map((i: Obj) => [i.id, i.tabId])).toEqual([
      [1, "paid"],
      [3, "shipped"],
    ]);
    expect(drawerAnswer.safeParse(a).success).toBe(true);
    expect(r.notes).toEqual(["2 item(s) in no shown tab left out"]);
  });

  it("a template with 6 tabs is refused, naming the tabs field", () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ id: `t${i}`, name: `Tab ${i}` }));
    const parsed = savableTemplateConfig.safeParse({ ...defaultConfig("drawer_list"), tabs: six });
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["tabs", "A drawer list has at most 5 tabs (Udesk's limit)"],
    ]);
  });

  it("one stored before the limit sends its first 5 tabs and says the rest were left out", () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ id: i === 0 ? "paid" : `t${i}`, name: `Tab ${i}` }));
    const stored = { ...cfg("drawer_list"), tabs: six };
    const r = renderTemplate(stored, input());
    expect((r.answer as Obj).data.tabList.map((t: Obj) => t.id)).toEqual(["paid", "t1", "t2", "t3", "t4"]);
    expect(r.notes).toContain("1 tab(s) beyond Udesk's 5 left out");
  });

  it("accepts 5 tabs", () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ id: i === 0 ? "paid" : `t${i}`, name: `Tab ${i}` }));
    expect((renderTemplate(cfg("drawer_list", { tabs: five }), input()).answer as Obj).data.tabList).toHaveLength(5);
  });

  it("refuses no tabs at all", () => {
    expect(templateError(() => renderTemplate(cfg("drawer_list", { tabs: [] }), input())).message).toContain(
      "At least one tab",
    );
  });

  it("sends 20 items; of 25, the first 20 (newest first), and says 5 were left out", () => {
    const twenty = renderTemplate(cfg("drawer_list", { tabs }), input({ orders: orders(20) }));
    expect((twenty.answer as Obj).data.tabDataList).toHaveLength(20);
    expect(twenty.notes).toEqual([]);
    const r = renderTemplate(cfg("drawer_list", { tabs }), input({ orders: orders(25) }));
    const a = r.answer as Obj;
    expect(a.data.tabDataList.map((i: Obj) => i.id)).toEqual(orders(20).map((o) => o.id));
    expect(a.paging).toEqual({ pageNum: 1, pageSize: 20, total: 25 });
    expect(r.notes).toEqual(["5 of 25 item(s) left out (Udesk's drawer holds 20)"]);
    expect(r.itemCount).toBe(20);
  });

  it("counts only the items that belong to a tab against the 20", () => {
    const list = [...orders(20), ...Array.from({ length: 5 }, (_, i) => order(100 + i, { status: "pending" }))];
    expect(
      (renderTemplate(cfg("drawer_list", { tabs }), input({ orders: list })).answer as Obj).data.tabDataList,
    ).toHaveLength(20);
  });

  it("is not paged, whatever the request asks", () => {
    const r = renderTemplate(cfg("drawer_list", { tabs }), input({ orders: orders(12), pageNum: 2, pageSize: 5 }));
    expect((r.answer as Obj).data.tabDataList).toHaveLength(12);
  });
});

describe("invalid answers are errors", () => {
  it("selective_list without a title", () => {
    const error = templateError(() => renderTemplate(cfg("selective_list", { title: "" }), input()));
    expect(error.problems.length).toBeGreaterThan(0);
    expect(error.problems).toContain("message.msgContent.title: A title is required");
    expect(error.message).toContain("A title is required");
  });

  it("a title made only of an unknown placeholder is missing too", () => {
    expect(
      templateError(() => renderTemplate(cfg("show_product", { title: "{{var.nope}}" }), input())).problems.length,
    ).toBeGreaterThan(0);
  });

  it("a bubble item without a title", () => {
    const error = templateError(() => renderTemplate(cfg("bubble_list"), input({ orders: [order(1, { title: "" })] })));
    expect(error.problems[0]).toContain("data.0.title");
  });

  describe("no customer and no orders", () => {
    const empty = input({ customer: null, orders: [] });

    it("selective_list from orders: no options", () => {
      const c = cfg("selective_list", {
        source: "orders",
        mapping: { id: "{{order.orderNo}}", title: "{{order.title}}" },
      });
      const error = templateError(() => renderTemplate(c, empty));
      expect(error.problems.join("\n")).toContain("At least one option");
    });

    it("show_product: no products", () => {
      expect(templateError(() => renderTemplate(cfg("show_product"), empty)).problems.join("\n")).toContain(
        "At least one product",
      );
    });

    it("custom_card: no cards", () => {
      expect(templateError(() => renderTemplate(cfg("custom_card"), empty)).problems.join("\n")).toContain(
        "At least one card",
      );
    });

    it("bubble_list: an empty page", () => {
      const r = renderTemplate(cfg("bubble_list"), empty);
      expect(r.answer).toEqual({
        code: 200,
        message: "OK",
        visible: false,
        paging: { pageNum: 1, pageSize: 5, total: 0 },
        data: [],
      });
      expect(r).toMatchObject({ total: 0, itemCount: 0, pageNum: 1 });
    });

    it("logistics: no nodes", () => {
      const a = answerOf("logistics", {}, empty);
      expect(a.data.dataList).toEqual([]);
      expect(a.data.title).toBe("物流信息");
    });
  });
});

describe("rich text", () => {
  const dirty =
    `<div onclick="x()">{{customer.realname}}<script>alert(1)</script>` +
    `<img src="javascript:alert(1)"><a href="javascript:alert(2)">x</a></div>`;

  it("sanitizes custom card content and escapes values in it", () => {
    const a = answerOf(
      "custom_card",
      { mapping: { content: dirty, hitContent: "{{order.orderNo}}" } },
      input({ customer: customer({ realname: "<b>Tom</b>" }) }),
    );
    const card = a.message.msgContent.cardList[0];
    for (const html of [card.content, card.hitShowContent]) {
      expect(html).not.toContain("<script");
      expect(html).not.toContain("alert(1)");
      expect(html).not.toContain("onclick");
      expect(html).not.toContain("javascript:");
      expect(html).not.toContain("<b>");
      expect(html).toContain("&lt;b&gt;Tom&lt;/b&gt;");
      expect(html).toMatch(/^<div>/);
    }
  });

  it("keeps allowed markup", () => {
    const a = answerOf(
      "custom_card",
      {
        mapping: {
          content:
            "<div><strong>{{order.title}}</strong>" +
            '<a href="https://x.example/{{order.orderNo}}" target="_blank">go</a></div>',
        },
      },
      input(),
    );
    expect(a.message.msgContent.cardList[0].content).toBe(
      '<div><strong>商品 1</strong><a href="https://x.example/NO-1" target="_blank" ' +
        'rel="noopener noreferrer">go</a></div>',
    );
  });

  it("sanitizeRichText keeps colour and drops background:url()", () => {
    const out = sanitizeRichText(`<div style="color:red;background:url(http://evil.example/x.png)">a</div>`);
    expect(out).toContain("color:red");
    expect(out).not.toContain("url(");
    expect(out).not.toContain("background");
    expect(out).toBe(`<div style="color:red">a</div>`);
  });

  it("sanitizeRichText keeps layout styles and refuses bad values", () => {
    const kept =
      '<p style="text-align:center;font-size:14px;display:flex;background-color:#fff;font-weight:bold;' +
      'padding:0 10px">x</p>';
    expect(sanitizeRichText(kept)).toBe(kept);
    expect(sanitizeRichText(`<p style="text-align:justify;font-size:large;position:fixed">x</p>`)).toBe(`<p>x</p>`);
    // No expressions or URLs in colours.
    expect(sanitizeRichText(`<div style="color:expression(alert(1));background-color:url(evil.png)">a</div>`)).toBe(
      "<div>a</div>",
    );
  });

  it("sanitizeRichText strips every way out of the card: positioning, offsets and negative margins", () => {
    for (const style of [
      "position:fixed;top:0;left:0",
      "position:absolute;top:50%;left:50%;transform:translate(-50%, -50%)",
      "position:relative;top:-900px",
      "position:sticky;bottom:0;right:0;z-index:9999",
      "margin:-9999px 0 0 0",
      "margin-top:-50px",
      "inset:0",
    ]) {
      const out = sanitizeRichText(`<div style="${style}"><img src="https://img.example.com/a.png"></div>`);
      expect(out, style).not.toMatch(/position|top|left|right|bottom|transform|z-index|inset|margin/);
      expect(out, style).toBe(`<div><img src="https://img.example.com/a.png"></div>`);
    }
    expect(sanitizeRichText(`<div style="margin:0 auto;padding:4px">x</div>`)).toBe(
      `<div style="margin:0 auto;padding:4px">x</div>`,
    );
  });

  it("sanitizeRichText keeps links inside the chat or in a new window, never the page around it", () => {
    for (const target of ["_top", "_parent", "_self", "someframe", "_TOP"]) {
      const out = sanitizeRichText(`<a href="https://shop.example.com/o/1" target="${target}">o</a>`);
      expect(out, target).toBe(`<a href="https://shop.example.com/o/1">o</a>`);
    }
    expect(sanitizeRichText(`<a href="https://shop.example.com/o/1" target="_blank">o</a>`)).toBe(
      `<a href="https://shop.example.com/o/1" target="_blank" rel="noopener noreferrer">o</a>`,
    );
  });

  it("sanitizeRichText refuses protocol-relative and script links and images", () => {
    for (const url of [
      "//evil.example/phish",
      "\\\\evil.example/x",
      "javascript:alert(1)",
      " javascript:alert(1)",
      "vbscript:x",
    ]) {
      const out = sanitizeRichText(`<a href="${url}">x</a><img src="${url}">`);
      expect(out, url).toBe("<a>x</a><img>");
    }
    expect(sanitizeRichText(`<a href="https://ok.example/">x</a>`)).toBe(`<a href="https://ok.example/">x</a>`);
  });

  it("image and link fields carry only http(s) URLs, whatever an order or a variable held", () => {
    const bad = input({
      orders: [order(1, { imageUrl: "javascript:alert(1)" }), order(2, { imageUrl: "//evil.example/x.png" })],
    });
    const bubbles = answerOf("bubble_list", {}, bad) as { data: { img: string }[] };
    expect(bubbles.data.map((d) => d.img)).toEqual(["", ""]);
    const products = answerOf(
      "show_product",
      { mapping: { title: "t", img: "{{var.pic}}", url: "{{var.link}}" } },
      {
        ...input({ orders: orders(1) }),
        variables: { pic: "https://img.example.com/p.png", link: "javascript:alert(document.cookie)" },
      },
    );
    const product = JSON.stringify(products);
    expect(product).toContain("https://img.example.com/p.png");
    expect(product).not.toContain("javascript:");
  });

  it("sanitizeRichText drops frames, forms and styles blocks but keeps their harmless text", () => {
    const out = sanitizeRichText(
      `<iframe src="https://x.example"></iframe><style>body{}</style><form><input></form><span>ok</span>`,
    );
    expect(out).not.toMatch(/<iframe|<style|<form|<input/);
    expect(out).toContain("<span>ok</span>");
  });

  it("sanitizeRichText keeps the card closed: a stray end tag is dropped and an open element is closed", () => {
    const out = sanitizeRichText(`</div></div><div style="position:fixed"><b>prize`);
    expect(out).toBe("<div><b>prize</b></div>");
    expect(sanitizeRichText("</td></tr></table></div>after")).toBe("after");
  });

  it("sanitizeRichText keeps text that only looks like markup as text", () => {
    expect(sanitizeRichText("price < 100 & stock > 0")).toBe("price &lt; 100 &amp; stock &gt; 0");
  });

  it("sanitizeRichText refuses javascript: however it is spelled", () => {
    for (const url of [
      "JaVaScRiPt:alert(1)",
      "&#106;avascript:alert(1)",
      "java&#x09;script:alert(1)",
      "java\nscript:x",
    ]) {
      expect(sanitizeRichText(`<a href="${url}">x</a>`), url).toBe("<a>x</a>");
    }
    expect(sanitizeRichText(`<a href="mailto:a@example.com">m</a>`)).toBe("<a>m</a>");
    expect(sanitizeRichText(`<a href="/orders/1">o</a>`)).toBe(`<a href="/orders/1">o</a>`);
  });

  it("sanitizeRichText allows an attribute only on its own element, and sets rel itself", () => {
    expect(sanitizeRichText(`<div href="https://x.example" src="https://x.example" title="t">d</div>`)).toBe(
      "<div>d</div>",
    );
    expect(sanitizeRichText(`<a href="https://x.example" target="_blank" rel="opener">o</a>`)).toBe(
      `<a href="https://x.example" target="_blank" rel="noopener noreferrer">o</a>`,
    );
    expect(sanitizeRichText(`<img src=x onerror=alert(1)><svg onload=alert(1)></svg>`)).toBe(`<img src="x">`);
  });

  it("sanitizeRichText allows data: images but not data: links", () => {
    expect(sanitizeRichText(`<img src="data:image/png;base64,AAAA">`)).toContain(`src="data:image/png;base64,AAAA"`);
    expect(sanitizeRichText(`<a href="data:text/html,hi">x</a>`)).not.toContain("data:");
  });

  it("only the content field is treated as HTML", () => {
    const a = answerOf(
      "bubble_list",
      { mapping: { title: "{{customer.realname}}" } },
      input({ customer: customer({ realname: "A & B" }) }),
    );
    expect(a.data[0].title).toBe("A & B");
  });
});

describe("variables source", () => {
  const list = (over: Partial<TemplateConfigInput>, variables: Record<string, unknown>) =>
    answerOf(
      "selective_list",
      {
        source: "variables",
        itemsVariable: "items",
        mapping: { id: "{{item.code}}", title: "{{item.name}}" },
        ...over,
      },
      input({ variables }),
    ).message.msgContent.optionList;

  it("reads a JSON string array of objects", () => {
    expect(list({}, { items: JSON.stringify([{ code: "a1", name: "Apple" }, { name: "Banana" }]) })).toEqual([
      { id: "a1", value: "Apple" },
      { id: "2", value: "Banana" },
    ]);
  });

  it("reads an actual array", () => {
    expect(
      list(
        {},
        {
          items: [
            { code: "x", name: "X" },
            { code: "y", name: "Y" },
          ],
        },
      ),
    ).toEqual([
      { id: "x", value: "X" },
      { id: "y", value: "Y" },
    ]);
  });

  it("gives each object a 1-based id unless it has its own", () => {
    const m = { mapping: { id: "{{item.id}}", title: "{{item.name}}" } };
    expect(list(m, { items: [{ name: "A" }, { id: "own", name: "B" }] })).toEqual([
      { id: "1", value: "A" },
      { id: "own", value: "B" },
    ]);
  });

  it("splits a|b|c, trimming and dropping blanks", () => {
    const m = { mapping: { id: "{{item.id}}", title: "{{item.title}}", subTitle: "{{item.value}}" } };
    expect(list(m, { items: "a|b|c" })).toEqual([
      { id: "1", value: "a" },
      { id: "2", value: "b" },
      { id: "3", value: "c" },
    ]);
    expect(list(m, { items: " a | b || c " }).map((o: Obj) => o.value)).toEqual(["a", "b", "c"]);
  });

  it("takes a single JSON object as one item", () => {
    expect(list({}, { items: JSON.stringify({ code: "only", name: "Only" }) })).toEqual([
      { id: "only", value: "Only" },
    ]);
  });

  it("has no items when the variable is missing", () => {
    expect(templateError(() => list({}, {})).problems.join()).toContain("At least one option");
    const bubble = answerOf("bubble_list", { source: "variables", itemsVariable: "items" }, input({ variables: {} }));
    expect(bubble.data).toEqual([]);
  });

  it("does not read orders or the customer's list when the source is variables", () => {
    const bubble = answerOf(
      "bubble_list",
      { source: "variables", itemsVariable: "items", mapping: { title: "{{item.title}}" } },
      input({ orders: orders(3), variables: { items: "x" } }),
    );
    expect(bubble.data.map((d: Obj) => d.title)).toEqual(["x"]);
  });
});

describe("answer extras for fully custom answers", () => {
  const extras: Partial<TemplateConfigInput> = {
    answerVariables: { city: "{{var.city}}", who: "{{customer.realname}}", fixed: "1" },
    toTaskNodeId: 42,
    routeType: 2,
    command: "transfer",
  };
  const inp = input({ variables: { city: "上海" } });

  it.each(["selective_list", "selective_table", "show_product", "custom_card"] as const)(
    "%s carries variables, toTaskNodeId, routeType and command",
    (kind) => {
      const a = answerOf(kind, extras, inp);
      expect(a.variables).toEqual({ city: "上海", who: "汤姆", fixed: "1" });
      expect(a.toTaskNodeId).toBe(42);
      expect(a.routeType).toBe(2);
      expect(a.command).toBe("transfer");
    },
  );

  it.each(["selective_list", "selective_table", "show_product", "custom_card"] as const)(
    "%s has them null when not configured",
    (kind) => {
      const a = answerOf(kind, {}, inp);
      expect(a).toMatchObject({ variables: null, toTaskNodeId: null, routeType: null, command: null });
    },
  );

  it("keeps toTaskNodeId 0 and routeType 1", () => {
    const a = answerOf("selective_list", { toTaskNodeId: 0, routeType: 1 }, inp);
    expect(a.toTaskNodeId).toBe(0);
    expect(a.routeType).toBe(1);
  });

  it("renders a variable whose source is missing as an empty string", () => {
    expect(
      answerOf("selective_list", { answerVariables: { city: "{{var.city}}" } }, input({ customer: null })).variables,
    ).toEqual({ city: "" });
  });

  it("system presets carry none of them", () => {
    const a = answerOf("bubble_list", extras, inp);
    for (const k of ["variables", "toTaskNodeId", "routeType", "command", "resCode"]) expect(a).not.toHaveProperty(k);
  });

  it("renders the title with the customer and the variables", () => {
    expect(
      answerOf("selective_list", { title: "{{customer.realname}}，{{var.city}}的选项" }, inp).message.msgContent.title,
    ).toBe("汤姆，上海的选项");
  });
});

describe("field mapping", () => {
  const one = (mapping: TemplateConfigInput["mapping"], o: OrderView, inp: Partial<RenderInput> = {}) =>
    answerOf("bubble_list", { mapping: { title: "t", ...mapping } }, input({ orders: [o], ...inp })).data[0];

  it("renders amounts as formatted text", () => {
    expect(one({ attr1: "{{order.amount}}" }, order(1)).attr1).toBe("199.00");
    expect(one({ attr1: "¥{{order.amount}}" }, order(1, { amountCents: 12345, amount: "123.45" })).attr1).toBe(
      "¥123.45",
    );
  });

  it.each([
    ["pending", "待支付"],
    ["paid", "已支付"],
    ["shipped", "已发货"],
    ["delivered", "已送达"],
    ["completed", "已完成"],
    ["cancelled", "已取消"],
    ["refunded", "已退款"],
    ["lost", "lost"],
  ])("statusText of %s is %s", (status, text) => {
    expect(one({ attr3: "{{order.statusText}}", attr2: "{{order.status}}" }, order(1, { status }))).toMatchObject({
      attr3: text,
      attr2: status,
    });
  });

  it("formats createdAt and the latest shipment", () => {
    const o = order(1, {
      createdAt: T0,
      shipments: [
        { id: 1, status: "揽收", text: "已揽收", time: T0 },
        { id: 2, status: "派送中", text: "快递员已出发", time: later(90) },
      ],
    });
    expect(one({ attr1: "{{order.createdAt}}", attr2: "{{order.latestShipment}}" }, o)).toMatchObject({
      attr1: "2026-03-04 05:06",
      attr2: "派送中 快递员已出发",
    });
    expect(one({ attr2: "{{order.latestShipment}}" }, order(2)).attr2).toBe("");
  });

  it("exposes the customer's first email and phone, labels joined, custom fields, variables, the 1-based index", () => {
    const data = answerOf(
      "bubble_list",
      {
        mapping: {
          title: "{{order.title}}",
          subTitle: "{{customer.email}} {{customer.phone}} {{customer.labels}} {{customer.fields.tier}}",
          attr1: "{{var.city}}",
          attr2: "#{{index}}",
        },
      },
      input({ orders: orders(2), variables: { city: "杭州" } }),
    ).data;
    expect(data[0]).toMatchObject({ subTitle: "tom@example.com 13900000000 vip,new A", attr1: "杭州", attr2: "#1" });
    expect(data[1].attr2).toBe("#2");
  });

  it("leaves unmapped fields null (and img empty) and falls back to the order's own id", () => {
    expect(one({}, order(5))).toEqual({
      id: 5,
      img: "",
      title: "t",
      subTitle: null,
      attr1: null,
      attr2: null,
      attr3: null,
      hitContent: null,
    });
  });

  it("static items with no mapping are used as they are", () => {
    const a = answerOf(
      "selective_list",
      { mapping: {}, staticItems: [{ title: "Yes" }, { id: "n", title: "No" }] },
      input(),
    );
    expect(a.message.msgContent.optionList).toEqual([
      { id: "1", value: "Yes" },
      { id: "n", value: "No" },
    ]);
  });
});

describe("kind specifics", () => {
  it("logistics uses only the first (latest) order, newest node first", () => {
    const latest = order(2, {
      title: "新",
      shipments: [
        { id: 1, status: "揽收", text: "a", time: T0 },
        { id: 2, status: "运输中", text: "b", time: later(60) },
        { id: 3, status: "签收", text: "c", time: later(120) },
      ],
    });
    const older = order(1, { shipments: [{ id: 9, status: "旧", text: "old", time: T0 }] });
    const a = answerOf("logistics", {}, input({ orders: [latest, older] }));
    expect(a.data.subTitle).toBe("新 NO-2");
    expect(a.data.dataList).toEqual([
      { id: "1", status: "签收", title: "c", subTitle: "2026-03-04 07:06" },
      { id: "2", status: "运输中", title: "b", subTitle: "2026-03-04 06:06" },
      { id: "3", status: "揽收", title: "a", subTitle: "2026-03-04 05:06" },
    ]);
  });

  it("custom_card with cardType 2 is one FAQ card with the non-empty questions rendered", () => {
    const a = answerOf(
      "custom_card",
      { cardType: 2, faqText: "{{customer.realname}}，您想问：", faqQuestions: ["怎么退货", "", "{{var.city}}发货吗"] },
      input({ orders: orders(8), variables: { city: "上海" } }),
    );
    expect(a.message.msgContent.total).toBe(1);
    expect(a.message.msgContent.cardList).toEqual([
      {
        id: 1,
        type: 2,
        suggestContent: "汤姆，您想问：",
        suggestList: [
          { id: 1, content: "怎么退货", type: 1 },
          { id: 2, content: "上海发货吗", type: 1 },
        ],
      },
    ]);
  });

  it("custom_card with cardType 2 and no questions is an error", () => {
    expect(
      templateError(() => renderTemplate(cfg("custom_card", { cardType: 2, faqText: "x" }), input())).problems.join(),
    ).toContain("A FAQ card needs questions");
  });

  it("custom_card: a card without hitContent is not a hit; hitShowContent only for hitType 3", () => {
    const noHit = answerOf("custom_card", { mapping: { content: "<p>{{order.title}}</p>" } }, input()).message
      .msgContent.cardList[0];
    expect(noHit).toMatchObject({ isHit: 0, hitType: null, hitContent: null, content: "<p>商品 1</p>" });
    const link = answerOf(
      "custom_card",
      { hitType: 1, mapping: { content: "<p>x</p>", hitContent: "https://x.example/{{order.orderNo}}" } },
      input(),
    ).message.msgContent.cardList[0];
    expect(link).toMatchObject({ isHit: 1, hitType: 1, hitContent: "https://x.example/NO-1", hitShowContent: null });
  });

  it("custom_card: an empty title is null, turnFlag and showSize pass through", () => {
    const c = answerOf("custom_card", { title: "", turnFlag: 1, showSize: 2 }, input()).message.msgContent;
    expect(c).toMatchObject({ title: null, turnFlag: 1, showSize: 2 });
  });

  it("selective_table works out rows from the columns when rows are not set", () => {
    expect(answerOf("selective_table", { rowNumber: "", columnNumber: 4 }, input()).message.msgContent).toMatchObject({
      rowNumber: 1,
      columnNumber: 4,
    });
    expect(answerOf("selective_table", { rowNumber: "", columnNumber: 3 }, input()).message.msgContent).toMatchObject({
      rowNumber: 2,
      columnNumber: 3,
    });
    expect(answerOf("selective_table", { rowNumber: "", columnNumber: 1 }, input()).message.msgContent).toMatchObject({
      rowNumber: 4,
      columnNumber: 1,
    });
    expect(answerOf("selective_table", { rowNumber: 3, columnNumber: 4 }, input()).message.msgContent).toMatchObject({
      rowNumber: 3,
      columnNumber: 4,
    });
    expect(answerOf("selective_table", { rowNumber: "", columnNumber: "" }, input()).message.msgContent).toMatchObject({
      rowNumber: 2,
      columnNumber: 2,
    });
  });

  it("show_product: showSize defaults to min(items, 3), turnFlag passes through, empty info lines are skipped", () => {
    const two = answerOf(
      "show_product",
      { showSize: "", turnFlag: 1, mapping: { title: "{{order.title}}", attr2: "{{order.quantity}}" } },
      input({ orders: orders(2) }),
    ).message.msgContent;
    expect(two).toMatchObject({ showSize: 2, turnFlag: 1 });
    expect(two.productList[1]).toEqual({
      id: 2,
      name: "商品 2",
      image: "",
      url: "",
      infoList: [{ info: "2", boldFlag: "1", url: null, color: null }],
    });
    expect(answerOf("show_product", { showSize: "" }, input({ orders: orders(7) })).message.msgContent.showSize).toBe(
      3,
    );
  });
});

describe("fixes found by review", () => {
  it("sanitizes a static item's own rich text and fills its placeholders", () => {
    const config = templateConfig.parse({
      kind: "custom_card",
      title: "t",
      source: "static",
      staticItems: [{ content: '<script>alert(1)</script><div onclick="x()">hi {{customer.realname}}</div>' }],
      mapping: {},
    });
    const answer = renderTemplate(config, sampleInput()).answer as {
      message: { msgContent: { cardList: { content: string }[] } };
    };
    const content = answer.message.msgContent.cardList[0].content;
    expect(content).not.toContain("<script");
    expect(content).not.toContain("onclick");
    expect(content).toContain("hi 张三");
  });

  it("counts fallback ids across pages", () => {
    const config = templateConfig.parse({
      kind: "bubble_list",
      title: "x",
      mapping: { title: "{{order.title}}" },
      pageSize: 2,
    });
    const answer = renderTemplate(config, sampleInput({ pageNum: 2 })).answer as { data: { id: number }[] };
    expect(answer.data.map((d) => d.id)).toEqual([3]);
  });

  it("renders built-in property names as empty", () => {
    expect(renderText("{{customer.toString}}|{{constructor}}", { customer: {} })).toBe("|");
  });
});

describe("ids Udesk reads as Integer", () => {
  it.each(["bubble_list", "drawer_list", "show_product", "custom_card"] as const)(
    "%s: a text id mapping such as the order number is refused at save, naming mapping.id",
    (kind) => {
      const parsed = savableTemplateConfig.safeParse({ ...defaultConfig(kind), mapping: { id: "{{order.orderNo}}" } });
      const issue = parsed.error?.issues.find((i) => i.path.join(".") === "mapping.id");
      expect(issue?.message).toContain("Udesk reads this id as a whole number");
      expect(issue?.message).toContain("{{order.orderNo}}");
    },
  );

  it.each(["{{order.id}}", "{{index}}", "42", "", "{{item.code}}"])("accepts %j as an integer id", (id) => {
    const parsed = savableTemplateConfig.safeParse({ ...defaultConfig("bubble_list"), mapping: { id, title: "t" } });
    expect(parsed.error?.issues).toBeUndefined();
  });

  it("text ids are still fine where the document types them String (options, logistics)", () => {
    const parsed = savableTemplateConfig.safeParse({
      ...defaultConfig("selective_list"),
      mapping: { id: "{{order.orderNo}}", title: "{{order.title}}" },
    });
    expect(parsed.success).toBe(true);
  });

  it("a static item with a text id in an integer kind is refused, naming the item", () => {
    const parsed = savableTemplateConfig.safeParse({
      kind: "bubble_list",
      title: "t",
      source: "static",
      staticItems: [
        { id: "1", title: "a" },
        { id: "b", title: "b" },
      ],
    });
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["staticItems.1.id"]);
  });

  it("a variable's item whose id is not a whole number gets its position, and the detail says so", () => {
    const c = cfg("bubble_list", {
      source: "variables",
      itemsVariable: "list",
      mapping: { id: "{{item.code}}", title: "{{item.name}}" },
    });
    const r = renderTemplate(
      c,
      input({
        variables: {
          list: [
            { code: "7", name: "a" },
            { code: "x9", name: "b" },
          ],
        },
      }),
    );
    expect((r.answer as Obj).data.map((d: Obj) => d.id)).toEqual([7, 2]);
    expect(r.notes).toEqual(["1 id(s) not a whole number: the order's id or the position was sent"]);
  });

  it("a template stored with the order number as id still loads, and answers the orders' own ids", () => {
    const stored = templateConfig.parse({
      ...defaultConfig("bubble_list"),
      mapping: { id: "{{order.orderNo}}", title: "t" },
    });
    const r = renderTemplate(stored, input({ orders: [order(41), order(42)] }));
    expect((r.answer as Obj).data.map((d: Obj) => d.id)).toEqual([41, 42]);
    expect(r.notes).toEqual(["2 id(s) not a whole number: the order's id or the position was sent"]);
  });

  it("the order number stays in the display fields", () => {
    const a = renderTemplate(cfg("bubble_list"), input({ orders: [order(9)] })).answer as Obj;
    expect(a.data[0]).toMatchObject({ id: 9, subTitle: "NO-9", hitContent: "NO-9" });
  });
});
