// Names inside a domain message: the audit log writes the fields a change touched by their model
// names ("changed realname, phones of alice"). A phrase names such a list with a placeholder listed
// here; in Chinese each name shows as the label its form uses, joined with "、", and a name with no
// label stays as written.
import customers from "@/lib/i18n/messages/zh-CN/customers.json";
import sobot from "@/lib/i18n/messages/zh-CN/sobot.json";
import templates from "@/lib/i18n/messages/zh-CN/templates.json";
import nav from "@/lib/i18n/messages/zh-CN/nav.json";

const customer = customers.form;
const order = customers.order;

/** Model field names (customers, orders, templates, integrations) → the Chinese label of their form field. */
export const FIELD_LABELS: Record<string, string> = {
  // Customers (AUDITED in lib/customers/customers.ts).
  uname: customer.nickname,
  realname: customer.realName,
  emails: customer.emails,
  phones: customer.phones,
  remark: customer.remark,
  isVip: customer.vip,
  vipLevel: customer.vipLevel,
  labels: customer.labels,
  customFields: customer.customFields,
  externalIds: customer.externalIds,
  // Orders (ORDER_FIELDS in lib/customers/orders.ts); the form's label names the time zone after it.
  orderNo: order.number,
  title: order.title,
  imageUrl: order.imageUrl,
  amount: order.amount,
  quantity: order.quantity,
  status: order.status,
  createdAt: order.created.replace(/（\{zone\}）$/, ""),
  shipments: order.shipments,
  // Templates (lib/templates/templates.ts).
  name: templates.name,
  integrationId: templates.integration,
  taskNodeId: templates.editor.taskNodeId,
  isDefault: templates.defaultTemplate,
  form: templates.form,
  config: "卡片内容",
  // Integrations: the name, whether enabled, and each vendor kind's settings (lib/integrations/kinds.ts,
  // the labels its form shows in Chinese; a test keeps them the same).
  enabled: "启用状态",
  companyId: "公司 ID",
  timestampTolerance: "时间戳容差（秒）",
  refuseDuplicates: "拒绝重复调用",
  matchParam: "识别客户的参数",
  matchKind: "识别客户的 ID 类型",
  encryptSystemParams: "同时加密系统参数",
  frameAncestors: "允许嵌入面板的来源",
  authMode: "附加认证",
  headerName: "请求头名称",
  basicUser: "Basic 用户名",
  mergeByContact: "合并到按邮箱或手机号找到的客户",
  baseUrl: "基础 URL",
  appid: "应用 ID",
  triggers: "触发器",
  integrationName: "Udesk 中的对接名称",
  defaultAnswer: "默认答案（消息触发型）",
  knowledgeFallback: "知识库兜底答案",
};

/**
 * Placeholders whose text is a list of names ("a, b, c"), and the labels of those names: `fields`
 * for model fields, `secrets` for an integration's secret names (shown as written: they are the
 * names the vendors' consoles use), `entryType` for the kinds of Sobot dictionary entries, `role`
 * and `yourRole` for users' roles, `idKind` and `idKinds` for the kinds of external ids.
 */
/** admin → 管理员, as the navigation's role select says it. */
export const ROLE_LABELS: Record<string, string> = Object.fromEntries(
  [...nav.role.matchAll(/(\w+) \{([^{}]+)\}/g)]
    .filter(([, role]) => role !== "other")
    .map(([, role, label]) => [role, label]),
);

export const NAME_LISTS: Record<string, Record<string, string>> = {
  fields: FIELD_LABELS,
  secrets: {},
  entryType: sobot.typeLabel,
  // A user's role ("needs the admin role; you are viewer"), and the kind of an external id
  // (sobot-partner → 智齿对接 ID), as the users and customer forms show them.
  role: ROLE_LABELS,
  yourRole: ROLE_LABELS,
  idKind: customers.kinds,
  idKinds: customers.kinds,
};

/** A list placeholder matches names without spaces, so "changed {fields} of …" never swallows a sentence. */
export const NAME_LIST_PATTERN = "([^\\s,]+(?:, [^\\s,]+)*)";

/** "realname, phones, nickname" → "真实姓名、手机号、nickname". */
export function translateNames(labels: Record<string, string>, list: string): string {
  return list
    .split(", ")
    .map((name) => (Object.hasOwn(labels, name) ? labels[name] : name))
    .join("、");
}
