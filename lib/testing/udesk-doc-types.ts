// The types Udesk's robot webhook document (seeds/udesk-robot-webhook.zh.txt) gives each answer
// field, as its tables write them, for tests that walk a whole answer. A field the tables do not
// name fails the walk, as does a value of another type (null stands for "not given").
type DocType = "Integer" | "String" | "Boolean" | "Object" | "Array" | "Map";

const PRESET: Record<string, DocType> = {
  code: "Integer",
  message: "String",
  visible: "Boolean",
  paging: "Object",
  "paging.pageNum": "Integer",
  "paging.pageSize": "Integer",
  "paging.total": "Integer",
};
const ITEM = (prefix: string): Record<string, DocType> => ({
  [`${prefix}[].id`]: "Integer",
  [`${prefix}[].img`]: "String",
  [`${prefix}[].title`]: "String",
  [`${prefix}[].subTitle`]: "String",
  [`${prefix}[].attr1`]: "String",
  [`${prefix}[].attr2`]: "String",
  [`${prefix}[].attr3`]: "String",
  [`${prefix}[].hitContent`]: "String",
});

export const DOC_TYPES: Record<string, Record<string, DocType>> = {
  bubble_list: { ...PRESET, data: "Array", ...ITEM("data") },
  drawer_list: {
    ...PRESET,
    data: "Object",
    "data.title": "String",
    "data.tabList": "Array",
    "data.tabList[].id": "String",
    "data.tabList[].name": "String",
    "data.tabDataList": "Array",
    "data.tabDataList[].tabId": "String",
    ...ITEM("data.tabDataList"),
  },
  custom: {
    resCode: "Integer",
    resError: "String",
    message: "Object",
    "message.msgType": "String",
    "message.msgContent": "Object",
    variables: "Map",
    toTaskNodeId: "Integer",
    routeType: "Integer",
    command: "String",
    "message.msgContent.id": "Integer",
    "message.msgContent.name": "String",
    "message.msgContent.turnFlag": "Integer",
    "message.msgContent.showSize": "Integer",
    "message.msgContent.title": "String",
    "message.msgContent.pageNum": "Integer",
    "message.msgContent.pageSize": "Integer",
    "message.msgContent.total": "Integer",
    "message.msgContent.cardList": "Array",
    "message.msgContent.cardList[].id": "Integer",
    "message.msgContent.cardList[].type": "Integer",
    "message.msgContent.cardList[].isHit": "Integer",
    "message.msgContent.cardList[].hitType": "Integer",
    "message.msgContent.cardList[].hitContent": "String",
    "message.msgContent.cardList[].hitShowContent": "String",
    "message.msgContent.cardList[].content": "String",
    "message.msgContent.cardList[].suggestContent": "String",
    "message.msgContent.cardList[].suggestList": "Array",
    "message.msgContent.cardList[].suggestList[].id": "Integer",
    "message.msgContent.cardList[].suggestList[].content": "String",
    "message.msgContent.cardList[].suggestList[].type": "Integer",
    "message.msgContent.productList": "Array",
    "message.msgContent.productList[].id": "Integer",
    "message.msgContent.productList[].name": "String",
    "message.msgContent.productList[].image": "String",
    "message.msgContent.productList[].url": "String",
    "message.msgContent.productList[].infoList": "Array",
    "message.msgContent.productList[].infoList[].info": "String",
    "message.msgContent.productList[].infoList[].boldFlag": "String",
    "message.msgContent.productList[].infoList[].url": "Integer",
    "message.msgContent.productList[].infoList[].color": "String",
  },
};

function fits(type: DocType, value: unknown): boolean {
  if (value === null) return true;
  switch (type) {
    case "Integer":
      return Number.isInteger(value);
    case "String":
      return typeof value === "string";
    case "Boolean":
      return typeof value === "boolean";
    case "Array":
      return Array.isArray(value);
    case "Object":
      return typeof value === "object" && !Array.isArray(value);
    case "Map":
      return (
        typeof value === "object" &&
        !Array.isArray(value) &&
        Object.values(value as object).every((v) => typeof v === "string")
      );
  }
}

/** Every field of the answer, walked: the problems found (an empty list when it fits). */
export function docTypeProblems(answer: unknown, table: Record<string, DocType>): string[] {
  const problems: string[] = [];
  const walk = (value: unknown, path: string, docPath: string) => {
    // An array's elements are the objects whose fields the table lists (name[].field).
    if (path && !docPath.endsWith("[]")) {
      const type = table[docPath];
      if (!type) {
        problems.push(`${path}: not a field of the document`);
        return;
      }
      if (!fits(type, value)) {
        problems.push(`${path}: ${JSON.stringify(value)} is not ${type}`);
        return;
      }
      if (type === "Map") return;
    }
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${path}[${i}]`, `${docPath}[]`);
    } else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, docPath ? `${docPath}.${k}` : k);
  };
  walk(answer, "", "");
  return problems;
}
