// Chinese for the messages every area shares (see index.ts for the format).
import type { Phrases } from "./phrase";

export const phrases: Phrases = [
  ["Some fields are invalid.", "部分字段有误。"],
  ["Something went wrong on the server; nothing was saved. Try again.", "服务器出错,未保存任何内容。请重试。"],
  ["Set up two-factor sign-in first (your account page asks for it).", "请先设置两步验证登录(在“我的账号”页)。"],
  ["This needs the {role} role; you are {current}.", "此操作需要 {role} 角色;你的角色是 {current}。"],
];
