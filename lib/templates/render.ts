// Rendering a card template into exactly what Udesk receives, for a task-push call or a preview:
// items from the source, mapped through text templates, paged, shaped per kind, sanitized, and
// validated against Udesk's formats. An invalid result is an error, never sent.
import type { ZodType } from "zod";
import type { CustomerView } from "@/lib/customers/customers";
import type { OrderView } from "@/lib/customers/orders";
import { renderText, type TemplateContext } from "@/lib/vendors/udesk/text-template";
import {
  bubbleAnswer,
  customAnswer,
  DRAWER_MAX_ITEMS,
  DRAWER_MAX_TABS,
  drawerAnswer,
  logisticsAnswer,
} from "@/lib/vendors/udesk/schemas";
import { asInteger } from "@/lib/templates/integer-fields";
import type { ItemField, TemplateConfig } from "@/lib/templates/config";
import { sanitizeRichText } from "@/lib/templates/rich-text";
import { httpUrlOrEmpty } from "@/lib/templates/urls";
import { formatDateTimeField } from "@/lib/datetime";

export { sanitizeRichText } from "@/lib/templates/rich-text";

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
  }
}

export type RenderInput = {
  customer: CustomerView | null;
  orders: OrderView[];
  variables: Record<string, unknown>;
  /** What the task push says about the session: {{call.dialogueDesc}}, {{call.callerNumber}}, … */
  call?: Record<string, unknown>;
  pageNum?: number | null;
  pageSize?: number | null;
};

export type Rendered = {
  answer: unknown;
  total: number;
  pageNum: number;
  pageSize: number;
  itemCount: number;
  /** What was left out or replaced to fit Udesk's limits and types, for the call's detail. */
  notes: string[];
};

/** The most items one page of a paged card carries, whatever page size the request asks for. */
export const MAX_PAGE_SIZE = 20;

const STATUS_TEXT: Record<string, string> = {
  pending: "待支付",
  paid: "已支付",
  shipped: "已发货",
  delivered: "已送达",
  completed: "已完成",
  cancelled: "已取消",
  refunded: "已退款",
};
// A card's time value is the template's text to place: UTC, without a label of its own.
const when = (d: Date) => formatDateTimeField(d);

function orderContext(o: OrderView) {
  const latest = o.shipments.at(-1);
  return {
    ...o,
    createdAt: when(o.createdAt),
    statusText: STATUS_TEXT[o.status] ?? o.status,
    latestShipment: latest ? `${latest.status} ${latest.text}` : "",
  };
}

export function customerContext(c: CustomerView | null) {
  if (!c) return {};
  return {
    ...c,
    email: c.emails[0] ?? "",
    phone: c.phones[0] ?? "",
    labels: c.labels.join(","),
    fields: c.customFields,
  };
}

/** The raw rows a template iterates over, each with its own template context. */
function sourceRows(config: TemplateConfig, input: RenderInput): TemplateContext[] {
  const base = { customer: customerContext(input.customer), var: input.variables, call: input.call ?? {} };
  if (config.source === "static") {
    // Static items may use templates themselves ({{customer.realname}}, {{var.city}}).
    return config.staticItems.map((item, i) => ({
      ...base,
      item: {
        id: String(i + 1),
        ...Object.fromEntries(Object.entries(item).map(([k, v]) => [k, renderText(v, base)])),
      },
      index: i + 1,
    }));
  }
  if (config.source === "variables") {
    const raw = input.variables[config.itemsVariable];
    let list: unknown[] = [];
    if (Array.isArray(raw)) list = raw;
    else if (typeof raw === "string") {
      try {
        const parsed = JSON.parse(raw);
        list = Array.isArray(parsed) ? parsed : [parsed];
      } catch {
        list = raw
          .split("|")
          .map((s) => s.trim())
          .filter(Boolean);
      }
    }
    return list.map((entry, i) => ({
      ...base,
      item:
        typeof entry === "object" && entry !== null
          ? { id: String(i + 1), ...entry }
          : { id: String(i + 1), value: String(entry), title: String(entry) },
      index: i + 1,
    }));
  }
  if (config.kind === "logistics") {
    // Logistics nodes: the shipment events of the customer's latest order, newest first.
    const order = input.orders[0];
    if (!order) return [];
    return [...order.shipments]
      .reverse()
      .map((s, i) => ({ ...base, order: orderContext(order), shipment: { ...s, time: when(s.time) }, index: i + 1 }));
  }
  return input.orders.map((o, i) => ({ ...base, order: orderContext(o), index: i + 1 }));
}

/** The mapped fields, and the order the item came from (its id is a stable Integer fallback). */
type Item = Partial<Record<ItemField, string>> & { orderId?: number };

function mapItem(config: TemplateConfig, row: TemplateContext): Item {
  // Static items without a mapping show their own fields; they still go through the same path,
  // so rich text is always sanitized.
  const mapping =
    config.source === "static" && Object.keys(config.mapping).length === 0
      ? Object.fromEntries(Object.keys(row.item as Item).map((f) => [f, `{{item.${f}}}`]))
      : config.mapping;
  const out: Item = {};
  for (const [field, template] of Object.entries(mapping) as [ItemField, string][]) {
    if (!template) continue;
    // Values are escaped in HTML, except a static item's own markup, which is the operator's.
    const html = field === "content";
    const value = html && config.source === "static" ? renderText(template, row) : renderText(template, row, { html });
    // Image and link fields carry http(s) URLs only, whatever the order or variable held.
    out[field] = html ? sanitizeRichText(value) : field === "img" || field === "url" ? httpUrlOrEmpty(value) : value;
  }
  const order = row.order as { id?: unknown } | undefined;
  if (typeof order?.id === "number") out.orderId = order.id;
  return out;
}

function check<T>(schema: ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "answer"}: ${i.message}`);
    throw new TemplateError(`The answer would not be valid for Udesk: ${problems[0]}`, problems);
  }
  return parsed.data;
}

export function renderTemplate(config: TemplateConfig, input: RenderInput): Rendered {
  const base = { customer: customerContext(input.customer), var: input.variables, call: input.call ?? {} };
  const all = sourceRows(config, input).map((row) => mapItem(config, row));
  const paged = config.kind === "bubble_list" || config.kind === "custom_card";
  const notes: string[] = [];
  let sentCount: number | undefined;
  const pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, input.pageSize || config.pageSize || 5));
  const pages = Math.max(1, Math.ceil(all.length / pageSize));
  const pageNum = Math.min(Math.max(1, input.pageNum || 1), pages);
  const offset = paged ? (pageNum - 1) * pageSize : 0;
  const items = paged ? all.slice(offset, offset + pageSize) : all;
  const title = renderText(config.title, base);
  const extras = {
    variables: Object.keys(config.answerVariables).length
      ? Object.fromEntries(Object.entries(config.answerVariables).map(([k, v]) => [k, renderText(v, base)]))
      : null,
    toTaskNodeId: config.toTaskNodeId ?? null,
    routeType: (config.routeType ?? null) as 1 | 2 | null,
    command: config.command || null,
  };
  // A fallback id counts across pages, so page 2 never repeats page 1's ids.
  const id = (item: Item, i: number) => item.id || String(offset + i + 1);
  // Where Udesk reads an Integer: the mapped id when it is a whole number, else the position.
  let notInteger = 0;
  const intId = (item: Item, i: number) => {
    const own = asInteger(item.id);
    if (own === null && item.id) notInteger++;
    // A template saved before ids had to be whole numbers (one mapping the order number) still
    // answers: with the order's own id, else the position.
    return own ?? item.orderId ?? offset + i + 1;
  };
  // One bubble (the bubble list's items and the drawer's): Udesk's fields, absent ones empty.
  const bubble = (it: Item, i: number) => ({
    id: intId(it, i),
    img: it.img ?? "",
    title: it.title ?? "",
    subTitle: it.subTitle ?? null,
    attr1: it.attr1 ?? null,
    attr2: it.attr2 ?? null,
    attr3: it.attr3 ?? null,
    hitContent: it.hitContent ?? null,
  });
  let answer: unknown;
  switch (config.kind) {
    case "bubble_list":
      answer = check(bubbleAnswer, {
        code: 200,
        message: "OK",
        visible: false,
        paging: { pageNum, pageSize, total: all.length },
        data: items.map(bubble),
      });
      break;
    case "drawer_list": {
      // Udesk shows at most 5 tabs and 20 items and does not page a drawer: the first items
      // (newest first) are sent, and what was left out is said in the call's detail.
      const tabs = config.tabs.slice(0, DRAWER_MAX_TABS);
      if (config.tabs.length > tabs.length)
        notes.push(`${config.tabs.length - tabs.length} tab(s) beyond Udesk's ${DRAWER_MAX_TABS} left out`);
      // Items whose tab is not shown are left out rather than failing the whole answer.
      const inTabs = items.filter((it) => tabs.some((t) => t.id === it.tabId));
      if (inTabs.length < items.length) notes.push(`${items.length - inTabs.length} item(s) in no shown tab left out`);
      const sent = inTabs.slice(0, DRAWER_MAX_ITEMS);
      sentCount = sent.length;
      if (sent.length < inTabs.length)
        notes.push(
          `${inTabs.length - sent.length} of ${inTabs.length} item(s) left out ` +
            `(Udesk's drawer holds ${DRAWER_MAX_ITEMS})`,
        );
      answer = check(drawerAnswer, {
        code: 200,
        message: "OK",
        visible: false,
        // The drawer is one page: everything sent, out of the total there was.
        paging: { pageNum: 1, pageSize: DRAWER_MAX_ITEMS, total: inTabs.length },
        data: {
          title,
          tabList: tabs,
          tabDataList: sent.map((it, i) => ({ ...bubble(it, i), tabId: it.tabId! })),
        },
      });
      break;
    }
    case "logistics":
      answer = check(logisticsAnswer, {
        code: 200,
        message: "OK",
        visible: false,
        data: {
          title,
          subTitle: renderText(config.subTitle, {
            ...base,
            order: input.orders[0] ? orderContext(input.orders[0]) : {},
          }),
          dataList: items.map((it, i) => ({
            id: id(it, i),
            status: it.status ?? "",
            title: it.title ?? "",
            subTitle: it.subTitle ?? "",
          })),
        },
      });
      break;
    case "selective_list":
    case "selective_table":
      answer = check(customAnswer, {
        resCode: 0,
        resError: null,
        message: {
          msgType: config.kind,
          msgContent: {
            title,
            ...(config.kind === "selective_table"
              ? {
                  rowNumber: config.rowNumber ?? Math.ceil(items.length / (config.columnNumber ?? 2)),
                  columnNumber: config.columnNumber ?? 2,
                }
              : {}),
            optionList: items.map((it, i) => ({ id: id(it, i), value: it.title ?? "" })),
          },
        },
        ...extras,
      });
      break;
    case "show_product":
      answer = check(customAnswer, {
        resCode: 0,
        resError: null,
        message: {
          msgType: "show_product",
          msgContent: {
            title,
            showSize: config.showSize ?? Math.min(3, Math.max(1, items.length)),
            turnFlag: config.turnFlag as 0 | 1,
            productList: items.map((it, i) => ({
              id: intId(it, i),
              name: it.title ?? "",
              image: it.img ?? "",
              url: it.url ?? "",
              infoList: [it.subTitle, it.attr1, it.attr2, it.attr3]
                .filter((x): x is string => Boolean(x))
                .map((info, k) => ({ info, boldFlag: k === 0 ? "1" : "0", url: null, color: null })),
            })),
          },
        },
        ...extras,
      });
      break;
    case "custom_card": {
      const cards =
        config.cardType === 2
          ? [
              {
                id: 1,
                type: 2 as const,
                suggestContent: renderText(config.faqText, base),
                suggestList: config.faqQuestions
                  .filter(Boolean)
                  .map((q, i) => ({ id: i + 1, content: renderText(q, base), type: 1 })),
              },
            ]
          : items.map((it, i) => ({
              id: intId(it, i),
              type: 1 as const,
              isHit: it.hitContent ? (1 as const) : (0 as const),
              hitType: it.hitContent ? (config.hitType as 1 | 2 | 3 | 4) : null,
              hitContent: it.hitContent ?? null,
              hitShowContent: config.hitType === 3 ? (it.content ?? null) : null,
              content: it.content ?? "",
            }));
      answer = check(customAnswer, {
        resCode: 0,
        resError: null,
        message: {
          msgType: "custom_card",
          msgContent: {
            id: 1,
            name: null,
            turnFlag: config.turnFlag as 0 | 1,
            showSize: config.showSize ?? null,
            title: title || null,
            pageNum,
            pageSize,
            total: config.cardType === 2 ? 1 : all.length,
            cardList: cards,
          },
        },
        ...extras,
      });
      break;
    }
  }
  if (notInteger) notes.push(`${notInteger} id(s) not a whole number: the order's id or the position was sent`);
  return { answer, total: all.length, pageNum, pageSize, itemCount: sentCount ?? items.length, notes };
}
