// Chinese for the users messages the domain layer writes in English (see index.ts for the format).
import type { Phrases } from "./phrase";

export const phrases: Phrases = [
  ["User {email} added as {role}.", "已添加用户 {email}，角色为{role}。"],
  ["Role changed.", "角色已修改。"],
  ["User disabled: they can no longer sign in.", "用户已停用：该用户无法再登录。"],
  ["User enabled.", "用户已启用。"],
  ["Password reset. Give it to the user through a safe channel.", "密码已重置。请通过安全的渠道告知该用户。"],
  ["The two new passwords differ.", "两次输入的新密码不一致。"],
  ["Does not match the new password", "与新密码不一致"],
  ["Your password was changed. Your other sessions are signed out.", "密码已修改。你的其他会话已退出登录。"],
  [
    "Two-factor sign-in turned off: the user signs in with the password and can set it up again.",
    "已关闭两步验证登录：该用户用密码登录，并可重新设置。",
  ],
  ["User {id} does not exist.", "用户 {id} 不存在。"],
  [
    "This is the last enabled admin: make someone else admin first.",
    "这是最后一个启用的管理员：请先将其他人设为管理员。",
  ],
  ["The last admin cannot lose the role", "最后一个管理员不能失去该角色"],
  ["role must be one of viewer, operator, admin", "角色只能是 viewer、operator、admin 之一"],
  ["One of viewer, operator, admin", "只能是 viewer、operator、admin 之一"],
  ["You cannot disable your own account.", "你不能停用自己的账号。"],
  ["The new password is too weak.", "新密码太弱。"],
  ["The current password is wrong.", "当前密码错误。"],
  ["At least 8 characters", "至少 8 个字符"],
  ["At most 200 characters", "最多 200 个字符"],
  ["Not an email address", "不是有效的邮箱地址"],
  ["The user has invalid fields.", "用户信息有误。"],
  ["A user with email {email} already exists.", "邮箱为 {email} 的用户已存在。"],
  ["Already used", "已被使用"],
  // The account page's language and time zone.
  ["Language and time zone saved.", "语言和时区已保存。"],
  ["Choose a language and a time zone from the lists.", "请从列表中选择语言和时区。"],
  ["One of zh-CN, en", "只能是 zh-CN、en 之一"],
  ["Not a known time zone", "不是已知的时区"],
];
