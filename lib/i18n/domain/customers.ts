// Chinese for the customers messages the domain layer writes in English (see index.ts for the format).
// A message one layer prefixes to another ("Entry 2: …", "\"x@y\": …") is listed whole, before the
// plain message, since the first phrase that matches wins.
import type { Phrases } from "./phrase";

const PHONE = "Not a phone number (digits, optionally + ( ) - and spaces)";
const PHONE_ZH = "不是有效的电话号码（应为数字，可含 +、( )、- 和空格）";
const LIST_ITEM = "cannot contain commas, semicolons or line breaks";
const SAVE_AS = 'save it from Excel as "CSV UTF-8 (Comma delimited)" and try again';
const SAVE_AS_ZH = "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重试";

export const phrases: Phrases = [
  // The form's multi-value fields, entry by entry (lib/customers/form.ts).
  ["Entry {n}: Not an email address", "第 {n} 项：不是有效的邮箱地址"],
  [`Entry {n}: ${PHONE}`, `第 {n} 项：${PHONE_ZH}`],
  ["Entry {n}: A label cannot be empty", "第 {n} 项：标签不能为空"],
  [`Entry {n}: A label ${LIST_ITEM}`, "第 {n} 项：标签不能包含逗号、分号或换行"],
  ["Entry {n}: At most {max} characters", "第 {n} 项：最多 {max} 个字符"],
  ["Entry {n}: {message}", "第 {n} 项：{message}"],
  ["Line {n}: start with a date and time, e.g. 2026-11-01 10:00", "第 {n} 行：请以日期时间开头，例如 2026-11-01 10:00"],
  ["Line {n}: give a status after the first |", "第 {n} 行：请在第一个 | 之后填写状态"],

  // An import row's cells (lib/customers/io), with the value they are about.
  ['"{value}": Not an email address', "“{value}”：不是有效的邮箱地址"],
  [`"{value}": ${PHONE}`, `“{value}”：${PHONE_ZH}`],
  ['"{value}": {idKind} {id} is listed twice', "“{value}”：{idKind} {id} 重复填写"],
  ['"{value}": An external id cannot be empty', "“{value}”：外部 ID 不能为空"],
  [`"{value}": An external id ${LIST_ITEM}`, "“{value}”：外部 ID 不能包含逗号、分号或换行"],
  ['"{value}": A label cannot be empty', "“{value}”：标签不能为空"],
  [`"{value}": A label ${LIST_ITEM}`, "“{value}”：标签不能包含逗号、分号或换行"],
  ['"{value}": At most {max} characters', "“{value}”：最多 {max} 个字符"],
  [
    '"{value}": {idKind} "{id}" already belongs to customer #{customer}',
    "“{value}”：{idKind}“{id}”已属于客户 #{customer}",
  ],
  ['Field "{key}": A custom field value cannot contain line breaks', "字段“{key}”：自定义字段的值不能包含换行"],
  ['Field "{key}": At most {max} characters', "字段“{key}”：最多 {max} 个字符"],
  ['Field "{key}": a text value, not an object or list', "字段“{key}”：应为文本值，不能是对象或列表"],
  ['Column {n} "{name}" is not one of {columns}', "第 {n} 列“{name}”不是可用的列：{columns}"],
  ['Column "{name}" appears twice', "列“{name}”重复出现"],
  ["The first line must name the columns: {columns}", "首行必须是列名：{columns}"],
  ["The file's header is not an export of Deskbridge customers.", "文件的表头不是 Deskbridge 客户导出的格式。"],
  ["{n} cells, but the header has {m} columns", "有 {n} 个单元格，但表头有 {m} 列"],
  ['"{value}" is not a customer id (a whole number, or empty)', "“{value}”不是客户 id（应为整数，或留空）"],
  ['"{value}" is not true or false', "“{value}”不是 true 或 false"],
  ['Not a JSON object like {"city":"上海"}', '不是 {"city":"上海"} 这样的 JSON 对象'],
  [
    '"{value}" belongs to customer #{b}, but {idKind} "{other}" belongs to customer #{a}',
    "“{value}”属于客户 #{b}，但{idKind}“{other}”属于客户 #{a}",
  ],
  [
    "Customer #{id} would have neither a nickname nor a real name: clear at most one of them",
    "客户 #{id} 将既没有昵称也没有真实姓名：两者最多只能清空一个",
  ],
  [
    "A new customer needs a nickname or a real name (this row's uname and realname are empty)",
    "新客户需要昵称或真实姓名（此行的 uname 和 realname 都为空）",
  ],
  [`is UTF-16 (Excel's "Unicode text"): ${SAVE_AS}`, `是 UTF-16 编码（Excel 的“Unicode 文本”）：${SAVE_AS_ZH}`],
  [`is neither UTF-8 nor GBK/GB18030: ${SAVE_AS}`, `既不是 UTF-8 也不是 GBK/GB18030 编码：${SAVE_AS_ZH}`],
  ["At most {max} rows per batch", "每批最多 {max} 行"],
  ["The batch sent to the server is malformed.", "发送到服务器的批次格式有误。"],

  // Field rules (lib/customers/schemas.ts).
  ["Not an email address", "不是有效的邮箱地址"],
  [PHONE, PHONE_ZH],
  ["Give a nickname or a real name", "请填写昵称或真实姓名"],
  ["A label cannot be empty", "标签不能为空"],
  [`A label ${LIST_ITEM}`, "标签不能包含逗号、分号或换行"],
  ["An external id cannot be empty", "外部 ID 不能为空"],
  [`An external id ${LIST_ITEM}`, "外部 ID 不能包含逗号、分号或换行"],
  ["A custom field value cannot contain line breaks", "自定义字段的值不能包含换行"],
  [
    'Field key "{key}": letters, digits, _ . - only (at most 64)',
    "字段名“{key}”只能包含字母、数字和 _ . -（最多 64 个）",
  ],
  ["kind must be one of {idKinds}", "类型必须是以下之一：{idKinds}"],
  ["{idKind} {id} is listed twice", "{idKind} {id} 重复填写"],
  ['{idKind} "{id}" already belongs to customer #{customer}', "{idKind}“{id}”已属于客户 #{customer}"],
  ["At most {max} characters", "最多 {max} 个字符"],
  ["At most {max} emails", "最多 {max} 个邮箱"],
  ["At most {max} phones", "最多 {max} 个电话号码"],
  ["At most {max} labels", "最多 {max} 个标签"],
  ["At most {max} custom fields", "最多 {max} 个自定义字段"],
  ["An amount like 199 or 199.00", "金额格式应如 199 或 199.00"],
  ["At most 21474836.47", "不能超过 21474836.47"],
  ["Not a date and time", "不是有效的日期时间"],
  ["A shipment event needs a status", "物流事件需要填写状态"],
  ["An order number is required", "请填写订单号"],
  ["Letters, digits and - _ . / # only", "只能包含字母、数字和 - _ . / #"],
  ["A title is required", "请填写商品名称"],
  ["An http(s) URL, or empty", "应为 http(s) URL，或留空"],
  ["A whole number", "应为整数"],
  ["At least 1", "至少为 1"],
  ["One of {values}", "应为以下之一：{values}"],

  // Refusals and results (lib/customers/customers.ts, orders.ts, the customers actions).
  ["The customer has invalid fields.", "客户信息中有无效的字段。"],
  ["An external id is already used by another customer.", "有外部 ID 已被其他客户使用。"],
  ["Already used by another customer", "已被其他客户使用"],
  ["Customer #{id} does not exist.", "客户 #{id} 不存在。"],
  ["The order has invalid fields.", "订单中有无效的字段。"],
  ["Order number {number} is already used.", "订单号 {number} 已被使用。"],
  ["This order number is already used", "此订单号已被使用"],
  ["Order #{id} does not exist.", "订单 #{id} 不存在。"],
  ["Missing or invalid id.", "ID 缺失或无效。"],
  ["The shipment timeline has invalid lines.", "物流轨迹中有无效的行。"],
  ["Order {number} added.", "订单 {number} 已添加。"],
  ["Order {number} saved.", "订单 {number} 已保存。"],
  ["Order deleted.", "订单已删除。"],

  // The Sobot rule trigger sent from a customer's page.
  ["Pick a trigger.", "请选择触发器。"],
  ["Pick a trigger", "请选择触发器"],
  ["The body is not valid JSON.", "请求体不是有效的 JSON。"],
  ["Not valid JSON", "不是有效的 JSON"],
  ["Sobot accepted the trigger (ret_code {code}).", "智齿已接受触发器（ret_code {code}）。"],
  ["Sobot refused the trigger: {message} (ret_code {code}).", "智齿拒绝了触发器：{message}（ret_code {code}）。"],
  ["The trigger could not be sent: {message}", "触发器发送失败：{message}"],
];
