// Chinese for the messages every area shares (see index.ts for the format).
import type { Phrases } from "./phrase";

export const phrases: Phrases = [
  ["Some fields are invalid.", "部分字段有误。"],
  ["Something went wrong on the server; nothing was saved. Try again.", "服务器出错，未保存任何内容。请重试。"],
  ["Set up two-factor sign-in first (your account page asks for it).", "请先设置两步验证登录（在“我的账号”页）。"],
  ["This needs the {role} role; you are {yourRole}.", "此操作需要{role}角色；你的角色是{yourRole}。"],
  ["Sign in first.", "请先登录。"],
  ["Your role does not allow this.", "你的角色不允许此操作。"],
  // Settings: call log retention.
  ["Bodies are now kept for {days} day(s).", "正文现在保留 {days} 天。"],
  [
    "Deleted the bodies of {pruned} call(s) older than {days} day(s).",
    "已删除 {pruned} 条超过 {days} 天的调用的正文。",
  ],
  ["Retention must be a whole number of days from 1 to 3650.", "保留期必须是 1 到 3650 之间的整数天。"],
  ["A whole number of days from 1 to 3650", "1 到 3650 之间的整数天"],
];
