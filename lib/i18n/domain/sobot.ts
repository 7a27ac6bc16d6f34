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
];
