// Chinese for the auth messages the domain layer writes in English (see index.ts for the format).
import type { Phrases } from "./phrase";

export const phrases: Phrases = [
  // Two-factor sign-in (account page and the set-up page).
  ["Two-factor sign-in is on.", "两步验证登录已开启。"],
  ["Two-factor sign-in is off.", "两步验证登录已关闭。"],
  ["New recovery codes: the old ones no longer work.", "已生成新的恢复码：旧的恢复码已失效。"],
  ["Two-factor sign-in is already on.", "两步验证登录已经开启。"],
  ["Start the set-up first.", "请先开始设置。"],
  ["Start the set-up first", "请先开始设置"],
  [
    "That code is not right: check the app's clock and type the code it shows now.",
    "验证码不正确：请检查应用的时钟，并输入它当前显示的验证码。",
  ],
  ["Not the code the app shows now", "不是应用当前显示的验证码"],
  ["The password is wrong.", "密码错误。"],
  ["Wrong password", "密码错误"],
  ["Two-factor sign-in is off: there is nothing to recover.", "两步验证登录未开启：没有可恢复的内容。"],
  [
    "Two-factor sign-in is required for your role; it cannot be turned off.",
    "你的角色必须使用两步验证登录，无法关闭。",
  ],
  // Settings: who must use two-factor sign-in.
  ["Two-factor sign-in is optional.", "两步验证登录为可选。"],
  [
    "Two-factor sign-in is required for admins: whoever has not set it up is asked to before anything else.",
    "管理员必须使用两步验证登录：尚未设置的人会先被要求完成设置。",
  ],
  [
    "Two-factor sign-in is required for everyone: whoever has not set it up is asked to before anything else.",
    "所有用户必须使用两步验证登录：尚未设置的人会先被要求完成设置。",
  ],
  ["Two-factor sign-in must be one of off, admins, everyone.", "两步验证登录只能是 off、admins、everyone 之一。"],
  ["One of off, admins, everyone", "只能是 off、admins、everyone 之一"],
];
