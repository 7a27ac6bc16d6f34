// Chinese for the sobot messages the domain layer writes in English (see index.ts for the format).
import type { Phrases } from "./phrase";

export const phrases: Phrases = [
  ["Choose a kind.", "请选择类型。"],
  ["Tag, VIP level or custom field", "标签、VIP 等级或自定义字段"],
  ["The dictionary entries are invalid.", "字典条目有误。"],
  ["The Sobot company id (at most 64 characters)", "智齿公司 ID（最多 64 个字符）"],
  ["label, vipLevel or field", "label、vipLevel 或 field"],
  ["A name is required", "名称为必填项"],
  [
    "A label of at most {n} characters, without commas, semicolons or line breaks",
    "标签最多 {n} 个字符，不能包含逗号、分号或换行",
  ],
  ["At most {n} characters", "最多 {n} 个字符"],
  ["A field key: letters, digits, _ . - only (at most 64)", "字段键：只能包含字母、数字和 _ . -（最多 64 个）"],
  ["A Sobot id: letters, digits, _ . - only (at most 64)", "智齿 ID：只能包含字母、数字和 _ . -（最多 64 个）"],
  // Sending a Sobot rule trigger (lib/vendors/sobot/api/trigger.ts).
  ["The body must be a JSON object.", "请求体必须是 JSON 对象。"],
  ['The integration "{name}" is disabled.', "对接“{name}”已停用。"],
  ['The trigger "{name}" has no secret.', "触发器“{name}”没有设置密钥。"],
  ["Sobot could not be reached after {n} attempt(s): {error} ({why})", "尝试 {n} 次后仍无法连接智齿：{error}（{why}）"],
  ["Sobot refused it over the QPS limit without running the canvas", "智齿因超出 QPS 限制而拒绝，未执行画布"],
];
