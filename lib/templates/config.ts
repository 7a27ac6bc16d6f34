// What an operator configures in a card template (stored as JSON), validated with zod.
import { z } from "zod";
import { DRAWER_MAX_TABS } from "@/lib/vendors/udesk/schemas";
import { URL_FIELDS, urlTemplateProblem } from "@/lib/templates/urls";
import { integerTemplateProblem, INTEGER_ID_KINDS } from "@/lib/templates/integer-fields";

export const TEMPLATE_KINDS = [
  "bubble_list",
  "drawer_list",
  "logistics",
  "custom_card",
  "selective_list",
  "selective_table",
  "show_product",
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const KIND_LABELS: Record<TemplateKind, string> = {
  bubble_list: "Bubble list / horizontal cards (paged)",
  drawer_list: "Drawer list (tabs, at most 5 tabs and 20 items)",
  logistics: "Logistics nodes",
  custom_card: "Custom cards (rich text and FAQ)",
  selective_list: "Option list",
  selective_table: "Option table",
  show_product: "Product cards",
};

export const ITEM_FIELDS = [
  "id",
  "title",
  "subTitle",
  "img",
  "attr1",
  "attr2",
  "attr3",
  "hitContent",
  "tabId",
  "status",
  "url",
  "content",
] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

const text = (max = 2000) => z.string().max(max, `At most ${max} characters`);
const optionalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === null || v === undefined || (typeof v === "string" && v.trim() === "") ? undefined : v),
    z.coerce.number().int(`A whole number`).min(min).max(max).optional(),
  );

export const templateConfig = z
  .object({
    kind: z.enum(TEMPLATE_KINDS, { message: "Pick a kind" }),
    title: text(200).default(""),
    subTitle: text(200).default(""),
    /** Where the items come from. */
    source: z.enum(["static", "orders", "variables"]).default("orders"),
    /** static: typed-in items (field → text, templates allowed). */
    staticItems: z.array(z.record(z.string(), text())).max(200).default([]),
    /** variables: the request variable holding a JSON array of objects (or "a|b|c"). */
    itemsVariable: text(64).default(""),
    /** orders: the customer is customerExtra.customerId (udesk-customer), or this variable's value
     *  (a phone, an email or an external id collected by the robot). */
    customerVariable: text(64).default(""),
    /** Per item: output field → text template ({{order.title}}, {{item.name}}, …). */
    mapping: z.partialRecord(z.enum(ITEM_FIELDS), text()).default({}),
    tabs: z
      .array(z.object({ id: text(50).min(1, "A tab needs an id"), name: text(50).min(1, "A tab needs a name") }))
      .max(20)
      .default([]),
    rowNumber: optionalInt(1, 20),
    columnNumber: optionalInt(1, 10),
    showSize: optionalInt(1, 50),
    turnFlag: z.coerce.number().int().min(0).max(1).default(0),
    /** custom_card: 1 rich-text card per item, 2 one FAQ card. */
    cardType: z.coerce.number().int().min(1).max(2).default(1),
    hitType: z.coerce.number().int().min(1).max(4).default(3),
    faqText: text(500).default(""),
    faqQuestions: z.array(text(200)).max(20).default([]),
    pageSize: optionalInt(1, 100),
    // Keys are checked below, so the message can name the bad one.
    answerVariables: z.record(z.string(), text(500)).default({}),
    toTaskNodeId: optionalInt(0, 2_147_483_647),
    routeType: optionalInt(1, 2),
    command: text(200).default(""),
  })
  .superRefine((c, ctx) => {
    // Image and link fields take http(s) URLs only: a javascript: or //host URL would run or lead
    // anywhere from inside the chat.
    for (const field of URL_FIELDS) {
      const inMapping = urlTemplateProblem(c.mapping[field] ?? "");
      if (inMapping) ctx.addIssue({ code: "custom", path: ["mapping", field], message: inMapping });
      c.staticItems.forEach((item, i) => {
        const problem = urlTemplateProblem(item[field] ?? "");
        if (problem) ctx.addIssue({ code: "custom", path: ["staticItems", i, field], message: problem });
      });
    }
    for (const key of Object.keys(c.answerVariables)) {
      if (!/^[A-Za-z0-9_\u4e00-\u9fff]{1,64}$/.test(key))
        ctx.addIssue({
          code: "custom",
          path: ["answerVariables", key],
          message: `Variable name "${key}": letters, digits, _ only`,
        });
    }
  });
/**
 * What a template must be to be saved (and what the editor's preview marks): on top of the stored
 * shape, Udesk's limits. Stored templates are read with templateConfig alone, so one saved before
 * a limit existed still loads and answers (render.ts keeps its answer within the limits).
 */
export const savableTemplateConfig = templateConfig.superRefine((c, ctx) => {
  // Where Udesk's document types the item id Integer, text (an order number) is refused here,
  // with the field named, rather than making a card Udesk cannot read.
  if (INTEGER_ID_KINDS.has(c.kind)) {
    const problem = integerTemplateProblem(c.mapping.id ?? "");
    if (problem) ctx.addIssue({ code: "custom", path: ["mapping", "id"], message: problem });
    if (c.source === "static")
      c.staticItems.forEach((item, i) => {
        const own = integerTemplateProblem(item.id ?? "");
        if (own) ctx.addIssue({ code: "custom", path: ["staticItems", i, "id"], message: own });
      });
  }
  if (c.kind === "drawer_list" && c.tabs.length > DRAWER_MAX_TABS)
    ctx.addIssue({
      code: "custom",
      path: ["tabs"],
      message: `A drawer list has at most ${DRAWER_MAX_TABS} tabs (Udesk's limit)`,
    });
});
export type TemplateConfig = z.output<typeof templateConfig>;
export type TemplateConfigInput = z.input<typeof templateConfig>;

/** Sensible starting points per kind, so a new template answers something at once. */
export function defaultConfig(kind: TemplateKind): TemplateConfigInput {
  // The id is the order's own number in Deskbridge (an integer, as Udesk reads it); the order
  // number is shown in the display fields.
  const orderMapping = {
    id: "{{order.id}}",
    title: "{{order.title}}",
    subTitle: "{{order.orderNo}}",
    img: "{{order.imageUrl}}",
    attr1: "{{order.amount}}",
    attr2: "{{order.quantity}}",
    attr3: "{{order.statusText}}",
    hitContent: "{{order.orderNo}}",
  };
  switch (kind) {
    case "bubble_list":
      return { kind, title: "请选择您要查看的订单", source: "orders", mapping: orderMapping, pageSize: 5 };
    case "drawer_list":
      return {
        kind,
        title: "请选择您需要的商品",
        source: "orders",
        mapping: { ...orderMapping, tabId: "{{order.status}}" },
        tabs: [
          { id: "paid", name: "已支付" },
          { id: "shipped", name: "已发货" },
          { id: "delivered", name: "已送达" },
          { id: "completed", name: "已完成" },
        ],
      };
    case "logistics":
      return {
        kind,
        title: "物流信息",
        subTitle: "{{order.title}} {{order.orderNo}}",
        source: "orders",
        mapping: { status: "{{shipment.status}}", title: "{{shipment.text}}", subTitle: "{{shipment.time}}" },
      };
    case "custom_card":
      return {
        kind,
        title: "请选择您要查看的订单",
        source: "orders",
        cardType: 1,
        hitType: 3,
        mapping: {
          content:
            "<div><strong>{{order.title}}</strong>" +
            "<div>¥{{order.amount}} · 共{{order.quantity}}件 · {{order.statusText}}</div></div>",
          hitContent: "{{order.orderNo}}",
        },
        pageSize: 5,
      };
    case "selective_list":
      return {
        kind,
        title: "请选择",
        source: "static",
        staticItems: [
          { id: "1", title: "查询订单" },
          { id: "2", title: "联系人工" },
        ],
        mapping: { id: "{{item.id}}", title: "{{item.title}}" },
      };
    case "selective_table":
      return {
        kind,
        title: "请选择",
        source: "static",
        rowNumber: 2,
        columnNumber: 2,
        staticItems: [{ title: "A" }, { title: "B" }, { title: "C" }, { title: "D" }],
        mapping: { title: "{{item.title}}" },
      };
    case "show_product":
      return {
        kind,
        title: "为您推荐",
        source: "orders",
        showSize: 3,
        turnFlag: 0,
        mapping: { ...orderMapping, url: "{{order.imageUrl}}" },
      };
  }
}
