// Udesk's request and answer formats (seeds/udesk-robot-webhook.zh.txt) as zod schemas. Every
// answer Deskbridge sends is checked against these first. Answers are strict: a field the
// document does not define (a value that leaked into an answer) fails the check instead of
// being passed on or silently dropped. Requests stay loose: Udesk may add fields.
import { z } from "zod";
import { OUTCOMES } from "@/lib/calls/outcomes";

// Where the document types an id Integer, it is a JSON integer: Udesk's console drops (or
// fails on) a card whose id is text such as an order number.
const intId = z
  .number({ message: "Udesk reads this id as a whole number" })
  .int("Udesk reads this id as a whole number");
/** The drawer list's limits (2.2: 最多放五个分类,商品总数不超过20个). */
export const DRAWER_MAX_TABS = 5;
export const DRAWER_MAX_ITEMS = 20;
const str = z.string();
const optStr = z.string().nullish();

// ---- requests ----
const customerExtra = z
  .object({ customerId: z.union([z.number(), z.string()]).nullish(), callerNumber: optStr, dialogueDesc: optStr })
  .loose()
  .nullish();

export const messageRequest = z
  .object({
    timestamp: z.union([z.number(), z.string()]),
    sign: z.string(),
    integrationName: z.string(),
    regex: z.string().nullish(),
    questionContent: z.string().nullish(),
    extra: z.object({ weChatOpenId: optStr }).loose().nullish(),
    customerExtra,
  })
  .loose();

export const taskRequest = z
  .object({
    taskNodeId: z.union([z.number(), z.string()]).nullish(),
    sessionId: z.union([z.number(), z.string()]),
    timestamp: z.union([z.number(), z.string()]),
    sign: z.string(),
    variables: z.record(z.string(), z.unknown()).nullish(),
    pageNum: z.coerce.number().int().nullish(),
    pageSize: z.coerce.number().int().nullish(),
    customerExtra,
  })
  .loose();

export const knowledgeRequest = z
  .object({
    timestamp: z.union([z.number(), z.string()]),
    sign: z.string(),
    datumId: z.union([z.number(), z.string()]).nullish(),
    datumName: optStr,
    sessionId: z.union([z.number(), z.string()]).nullish(),
    templateAttributeId: z.union([z.number(), z.string()]).nullish(),
    templateAttributeName: optStr,
    customer: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();

// ---- answers: fully custom (message.msgType + msgContent) ----
export const option = z.strictObject({ id: z.string().min(1), value: z.string().min(1, "An option needs a value") });

export const selectiveList = z.strictObject({
  title: str.min(1, "A title is required"),
  optionList: z.array(option).min(1, "At least one option"),
});
export const selectiveTable = selectiveList.extend({
  rowNumber: z.number().int().min(1),
  columnNumber: z.number().int().min(1),
});

const productInfo = z.strictObject({
  info: str,
  boldFlag: z.union([z.string(), z.number()]).nullish(),
  url: optStr,
  color: optStr,
});
export const showProduct = z.strictObject({
  title: str.min(1, "A title is required"),
  showSize: z.number().int().min(1),
  turnFlag: z.union([z.literal(0), z.literal(1)]),
  productList: z
    .array(
      z.strictObject({
        id: intId,
        name: str.min(1, "A product needs a name"),
        image: str,
        url: str,
        infoList: z.array(productInfo),
      }),
    )
    .min(1, "At least one product"),
});

// Fields the document's own example carries beyond its table (2.1's custom_card answer).
const exampleCardFields = {
  switchStaffInfo: z.strictObject({ orderNo: z.string().nullish() }).nullish(),
};
const richCard = z.strictObject({
  id: intId,
  type: z.literal(1),
  isHit: z.union([z.literal(0), z.literal(1)]),
  hitType: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).nullish(),
  hitContent: optStr,
  hitShowContent: optStr,
  content: str.min(1, "A rich-text card needs content"),
  ...exampleCardFields,
});
const faqCard = z.strictObject({
  id: intId,
  type: z.literal(2),
  suggestContent: str.min(1, "A FAQ card needs its text"),
  suggestList: z
    .array(z.strictObject({ id: intId, content: str.min(1), type: z.number().int() }))
    .min(1, "A FAQ card needs questions"),
  ...exampleCardFields,
});
const optInt = z.number().int().nullish();
export const customCard = z.strictObject({
  id: intId,
  name: optStr,
  // The table says "default 0"; the document's example sends null.
  turnFlag: z.union([z.literal(0), z.literal(1)]).nullable(),
  showSize: z.number().int().min(1).nullish(),
  title: optStr,
  pageNum: z.number().int().min(1).optional(),
  pageSize: z.number().int().min(1).optional(),
  total: z.number().int().min(0).optional(),
  // In the document's example only, without a description: accepted when null or whole numbers.
  pageType: optInt,
  subTitle: optStr,
  cardListType: optInt,
  chooseType: optInt,
  multipleChooseShowContent: optStr,
  chooseTime: optInt,
  cardList: z.array(z.discriminatedUnion("type", [richCard, faqCard])).min(1, "At least one card"),
});

export const customMessage = z.discriminatedUnion("msgType", [
  z.strictObject({ msgType: z.literal("selective_list"), msgContent: selectiveList }),
  z.strictObject({ msgType: z.literal("selective_table"), msgContent: selectiveTable }),
  z.strictObject({ msgType: z.literal("show_product"), msgContent: showProduct }),
  z.strictObject({
    msgType: z.literal("custom_card"),
    msgContent: customCard,
    // In the document's example, null, without a description.
    showType: z.null().optional(),
    cardListType: z.null().optional(),
  }),
]);

export const customAnswer = z.strictObject({
  resCode: z.union([z.literal(0), z.literal(-1)]),
  resError: z.string().nullable(),
  message: customMessage.nullable(),
  variables: z.record(z.string(), z.string()).nullable(),
  toTaskNodeId: z.number().int().nullable(),
  routeType: z.union([z.literal(1), z.literal(2)]).nullable(),
  command: z.string().nullable(),
});

// ---- answers: system presets ----
const paging = z.strictObject({
  pageNum: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  total: z.number().int().min(0),
});
export const bubbleItem = z.strictObject({
  id: intId,
  img: str,
  title: str.min(1, "An item needs a title"),
  subTitle: optStr,
  attr1: optStr,
  attr2: optStr,
  attr3: optStr,
  hitContent: optStr,
  // The document's bubble example sends "tabId": null.
  tabId: z.null().optional(),
});
export const bubbleAnswer = z.strictObject({
  code: z.literal(200),
  message: str,
  visible: z.boolean(),
  paging,
  data: z.array(bubbleItem),
});

export const drawerAnswer = z.strictObject({
  code: z.literal(200),
  message: str,
  visible: z.boolean(),
  // The table requires paging (Deskbridge always sends it); the document's own example has none.
  paging: paging.optional(),
  data: z
    .strictObject({
      title: str.min(1, "A title is required"),
      tabList: z
        .array(z.strictObject({ id: z.string().min(1), name: z.string().min(1) }))
        .min(1, "At least one tab")
        .max(DRAWER_MAX_TABS, `A drawer list has at most ${DRAWER_MAX_TABS} tabs`),
      tabDataList: z
        .array(bubbleItem.extend({ tabId: z.string().min(1) }))
        .max(DRAWER_MAX_ITEMS, `A drawer list has at most ${DRAWER_MAX_ITEMS} items`),
    })
    .superRefine((d, ctx) => {
      const tabs = new Set(d.tabList.map((t) => t.id));
      d.tabDataList.forEach((item, i) => {
        if (!tabs.has(item.tabId))
          ctx.addIssue({
            code: "custom",
            path: ["tabDataList", i, "tabId"],
            message: `Item "${item.title}" names tab ${item.tabId}, which does not exist`,
          });
      });
    }),
});

export const logisticsAnswer = z.strictObject({
  code: z.literal(200),
  message: str,
  visible: z.boolean(),
  data: z.strictObject({
    title: str.min(1, "A title is required"),
    subTitle: str,
    dataList: z.array(z.strictObject({ id: z.string(), status: str.min(1), title: str.min(1), subTitle: str })),
  }),
});

export const knowledgeAnswer = z.strictObject({
  resCode: z.union([z.literal(0), z.literal(-1)]),
  resError: z.string(),
  message: z.strictObject({ msgType: z.string(), msgContent: z.string() }),
});

export const messageAnswer = z.strictObject({ answerContent: z.string() });

/** A refusal, in the shape Udesk reads a failure from (resCode -1 and resError). */
export const udeskRefusal = z.strictObject({
  resCode: z.literal(-1),
  resError: z.string(),
  error: z.enum(OUTCOMES),
});
