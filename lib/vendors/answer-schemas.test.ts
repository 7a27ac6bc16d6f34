// Every answer a vendor reads has a strict schema: the documents' own samples fit, and a field
// they do not define (a value that leaked into an answer), at the top or nested, fails. Each
// callback's refusals, for every outcome, fit their vendor's refusal schema.
import { describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import { OUTCOMES } from "@/lib/calls/outcomes";
import type { CallbackDefinition } from "@/lib/callbacks/types";
import { sobotCrm } from "@/lib/vendors/sobot/crm";
import docExamples from "@/lib/vendors/udesk/doc-examples.json";
import { crmAnswer, crmProfile, crmRefusal, webhookAnswer, webhookRefusal } from "@/lib/vendors/sobot/schemas";
import { sobotWebhook } from "@/lib/vendors/sobot/webhook";
import { udeskKnowledge, udeskMessage, udeskTask } from "@/lib/vendors/udesk/handlers";
import {
  bubbleAnswer,
  customAnswer,
  drawerAnswer,
  knowledgeAnswer,
  logisticsAnswer,
  messageAnswer,
  udeskRefusal,
} from "@/lib/vendors/udesk/schemas";

type Json = Record<string, unknown>;

const PROFILE = {
  customer_fields: '{"4a069df0fd4d49298041240bf15e47c8":"123"}',
  email: "55612609866@163.com",
  is_vip: "1",
  realname: "su0012",
  remark: "Regular customer, interested in premium services.",
  tel: "55612609866",
  uname: "su0012",
  user_label: "0fd208364e3a4c67954027680002a89e",
  vip_level: "",
};
const item = {
  id: 1,
  img: "",
  title: "Order 1",
  subTitle: null,
  attr1: null,
  attr2: null,
  attr3: null,
  hitContent: null,
};

/** Schema, a valid answer, and the path of a nested object to plant a stray field in. */
const ANSWERS: [string, ZodType, Json, string[]][] = [
  ["Sobot CRM profile", crmProfile, PROFILE, []],
  ["Sobot CRM answer", crmAnswer, { data: "8DD8EF1E" }, []],
  ["Sobot webhook answer", webhookAnswer, { code: 0, status: 0 }, []],
  ["Udesk message answer", messageAnswer, { answerContent: "您好" }, []],
  [
    "Udesk knowledge answer",
    knowledgeAnswer,
    { resCode: 0, resError: "", message: { msgType: "text", msgContent: "退货地址" } },
    ["message"],
  ],
  [
    "Udesk bubble list",
    bubbleAnswer,
    { code: 200, message: "OK", visible: false, paging: { pageNum: 1, pageSize: 3, total: 1 }, data: [item] },
    ["data", "0"],
  ],
  [
    "Udesk drawer list",
    drawerAnswer,
    {
      code: 200,
      message: "OK",
      visible: false,
      paging: { pageNum: 1, pageSize: 20, total: 1 },
      data: { title: "Orders", tabList: [{ id: "t", name: "All" }], tabDataList: [{ ...item, tabId: "t" }] },
    },
    ["data", "tabDataList", "0"],
  ],
  [
    "Udesk logistics",
    logisticsAnswer,
    {
      code: 200,
      message: "OK",
      visible: false,
      data: { title: "Parcel", subTitle: "", dataList: [{ id: "1", status: "Shipped", title: "Hub", subTitle: "" }] },
    },
    ["data", "dataList", "0"],
  ],
  [
    "Udesk selective list",
    customAnswer,
    {
      resCode: 0,
      resError: null,
      message: { msgType: "selective_list", msgContent: { title: "Pick", optionList: [{ id: "1", value: "A" }] } },
      variables: null,
      toTaskNodeId: null,
      routeType: null,
      command: null,
    },
    ["message", "msgContent", "optionList", "0"],
  ],
  [
    "Udesk custom card",
    customAnswer,
    {
      resCode: 0,
      resError: null,
      message: {
        msgType: "custom_card",
        msgContent: {
          id: 1,
          name: null,
          turnFlag: 0,
          showSize: null,
          title: null,
          cardList: [{ id: 1, type: 1, isHit: 0, hitType: null, hitContent: null, hitShowContent: null, content: "x" }],
        },
      },
      variables: null,
      toTaskNodeId: null,
      routeType: null,
      command: null,
    },
    ["message", "msgContent", "cardList", "0"],
  ],
];

function withStray(value: Json, path: string[]): Json {
  const copy = structuredClone(value);
  let at: Json = copy;
  for (const step of path) at = at[step] as Json;
  at.passwordHash = "leaked";
  return copy;
}

describe("vendor answers are strict", () => {
  it.each(ANSWERS)("%s: the sample fits", (_, schema, sample) => {
    expect(schema.safeParse(sample).error?.issues).toBeUndefined();
  });

  it.each(ANSWERS)("%s: a stray field fails, at the top and nested", (_, schema, sample, nested) => {
    const top = schema.safeParse(withStray(sample, []));
    expect(top.success).toBe(false);
    expect(top.error?.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: ["passwordHash"] });
    expect(schema.safeParse(withStray(sample, nested)).success).toBe(false);
  });
});

const REFUSALS: [CallbackDefinition, ZodType][] = [
  [sobotCrm, crmRefusal],
  [sobotWebhook, webhookRefusal],
  [udeskMessage, udeskRefusal],
  [udeskTask, udeskRefusal],
  [udeskKnowledge, udeskRefusal],
];

describe("refusals fit their vendor's strict schema", () => {
  it.each(REFUSALS.map(([def, schema]) => [`${def.vendor}/${def.kind}`, def, schema] as const))(
    "%s, for every outcome and method",
    (_, def, schema) => {
      for (const outcome of OUTCOMES)
        for (const method of ["POST", "GET"]) {
          const refusal = def.refusal!(outcome, "Refused.", new Request("http://x/cb", { method }));
          const parsed = schema.safeParse(refusal.body);
          expect([outcome, method, parsed.error?.issues]).toEqual([outcome, method, undefined]);
        }
    },
  );
});

describe("the Udesk document's own example answers", () => {
  const examples = docExamples as Record<string, unknown>;
  it.each([
    ["message", messageAnswer],
    ["bubble_list", bubbleAnswer],
    ["drawer_list", drawerAnswer],
    ["logistics", logisticsAnswer],
    ["knowledge", knowledgeAnswer],
  ] as [string, ZodType][])("%s fits its schema", (name, schema) => {
    expect(schema.safeParse(examples[name]).error?.issues).toBeUndefined();
  });

  it("custom_card fits, except where the example writes its Integer card ids as text", () => {
    const example = structuredClone(examples.custom_card) as Json;
    const issues = customAnswer.safeParse(example).error?.issues ?? [];
    // The table types cardList[].id Integer; the example sends "21", "20", …: only those differ.
    expect(issues.map((i) => i.path.join("."))).toEqual(
      [0, 1, 2, 3, 4].map((n) => `message.msgContent.cardList.${n}.id`),
    );
    const cards = (example.message as Json).msgContent as { cardList: Json[] };
    for (const card of cards.cardList) card.id = Number(card.id);
    expect(customAnswer.safeParse(example).error?.issues).toBeUndefined();
  });

  it("an id the document types Integer refuses text such as an order number", () => {
    const bubble = structuredClone(examples.bubble_list) as { data: Json[] };
    bubble.data[0].id = "DB20261000";
    expect(bubbleAnswer.safeParse(bubble).error?.issues.map((i) => i.path.join("."))).toEqual(["data.0.id"]);
    const drawer = structuredClone(examples.drawer_list) as { data: { tabDataList: Json[] } };
    drawer.data.tabDataList[3].id = 18.5;
    expect(drawerAnswer.safeParse(drawer).error?.issues.map((i) => i.path.join("."))).toEqual([
      "data.tabDataList.3.id",
    ]);
  });
});
