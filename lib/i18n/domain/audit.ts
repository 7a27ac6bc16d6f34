// Chinese for the audit log's summaries (see index.ts for the format). The stored summary stays in
// English (the CLI and the API read it, and old rows keep it); the dashboard shows it translated.
// Where a sentence's tail varies, each variant has its phrase, the longer one first: the first
// phrase that matches wins. {fields}, {secrets} and {entryType} are lists of names (names.ts).
import type { Phrases } from "./phrase";

const customers: Phrases = [
  ["created customer {customer}", "创建了客户 {customer}"],
  ["deleted customer {customer}", "删除了客户 {customer}"],
  ["imported new customer {customer}", "导入了新客户 {customer}"],
  ["import changed {fields} of {customer}", "导入时修改了 {customer} 的{fields}"],
  ["added order {orderNo}", "添加了订单 {orderNo}"],
  ["changed {fields} of order {orderNo}", "修改了订单 {orderNo} 的{fields}"],
  ["deleted order {orderNo}", "删除了订单 {orderNo}"],
];

const templates: Phrases = [
  ['created template "{name}" ({kind})', "创建了模板“{name}”（{kind}）"],
  ['changed {fields} of template "{name}"', "修改了模板“{name}”的{fields}"],
  ['duplicated template "{name}" as "{copy}"', "将模板“{name}”复制为“{copy}”"],
  ['deleted template "{name}"', "删除了模板“{name}”"],
];

const integrations: Phrases = [
  [
    'created {kind} integration "{name}" from a configuration file, without secrets',
    "从配置文件创建了对接“{name}”（{kind}），未含密钥",
  ],
  ['created {kind} integration "{name}" with {secrets} set', "创建了对接“{name}”（{kind}），已设置 {secrets}"],
  ['created {kind} integration "{name}"', "创建了对接“{name}”（{kind}）"],
  ['changed {fields} of "{name}"', "修改了对接“{name}”的{fields}"],
  ['deleted {vendor} integration "{name}"', "删除了对接“{name}”（{vendor}）"],
  [
    'secret rotated: {secrets} of "{name}", the previous one valid for {n} s',
    "更换了对接“{name}”的 {secrets}，旧值在 {n} 秒内仍然有效",
  ],
  ['secret rotated: {secrets} of "{name}"', "更换了对接“{name}”的 {secrets}"],
  [
    'added trigger {trigger} ({triggerId}) to "{name}"; its secret set',
    "为对接“{name}”添加了触发器 {trigger}（{triggerId}），并设置了其密钥",
  ],
  ['removed trigger {trigger} from "{name}"', "从对接“{name}”移除了触发器 {trigger}"],
  [
    'Sobot company {company}: {entryType} {id} is "{name}" (renamed on 1 customer)',
    "智齿公司 {company}：{entryType} {id} 命名为“{name}”（1 个客户随之改名）",
  ],
  [
    'Sobot company {company}: {entryType} {id} is "{name}" (renamed on {n} customers)',
    "智齿公司 {company}：{entryType} {id} 命名为“{name}”（{n} 个客户随之改名）",
  ],
  ['Sobot company {company}: {entryType} {id} is "{name}"', "智齿公司 {company}：{entryType} {id} 命名为“{name}”"],
  ["Sobot company {company}: {entryType} {id} removed", "智齿公司 {company}：移除了{entryType} {id}"],
];

// Udesk's answer rules and knowledge entries; a rule is shown as its match type and pattern, an
// entry names a datum, an attribute or both ("any" for the one it leaves out).
const answers: Phrases = [
  ["added answer rule #{position} ({rule})", "添加了答案规则 #{position}（{rule}）"],
  ["changed answer rule #{position} ({rule})", "修改了答案规则 #{position}（{rule}）"],
  ["moved answer rule ({rule}) to #{position}", "把答案规则（{rule}）移到了 #{position}"],
  ["deleted answer rule {id}", "删除了答案规则 {id}"],
  [
    "added knowledge entry for datum any / attribute {attribute}",
    "添加了知识库条目：任意知识点 / 模板属性 {attribute}",
  ],
  ["added knowledge entry for datum {datum} / attribute any", "添加了知识库条目：知识点 {datum} / 任意模板属性"],
  [
    "added knowledge entry for datum {datum} / attribute {attribute}",
    "添加了知识库条目：知识点 {datum} / 模板属性 {attribute}",
  ],
  ["deleted knowledge entry {id}", "删除了知识库条目 {id}"],
];

const users: Phrases = [
  ["added user {email} as {role}", "添加了用户 {email}，角色为{role}"],
  ["changed the role of {email}", "修改了 {email} 的角色"],
  ["disabled {email}", "停用了 {email}"],
  ["enabled {email}", "启用了 {email}"],
  ["reset the password of {email}", "重置了 {email} 的密码"],
  ["{email} changed their password", "{email} 修改了自己的密码"],
  ["{email} changed their language and time zone", "{email} 修改了自己的语言和时区"],
  ["{email} signed out everywhere", "{email} 退出了全部会话"],
  ["signed {email} out everywhere", "让 {email} 退出了全部会话"],
  ["{email} turned on two-factor sign-in", "{email} 开启了两步验证登录"],
  ["{email} turned off two-factor sign-in", "{email} 关闭了两步验证登录"],
  ["turned off two-factor sign-in of {email}", "关闭了 {email} 的两步验证登录"],
  ["{email} made new recovery codes", "{email} 生成了新的恢复码"],
  ["two-factor sign-in required for: nobody", "两步验证登录改为可选"],
  ["two-factor sign-in required for: admins", "管理员必须使用两步验证登录"],
  ["two-factor sign-in required for: everyone", "所有用户必须使用两步验证登录"],
];

const sessions: Phrases = [
  ["failed sign-in from {from}: too many attempts", "从 {from} 登录失败：尝试次数过多"],
  ["failed sign-in from {from}: no such account", "从 {from} 登录失败：账号不存在"],
  ["failed sign-in from {from}: wrong password", "从 {from} 登录失败：密码错误"],
  ["failed sign-in from {from}: account disabled", "从 {from} 登录失败：账号已停用"],
  ["failed sign-in from {from}: wrong two-factor code", "从 {from} 登录失败：两步验证码错误"],
  ["signed in from {from} with a two-factor code", "从 {from} 登录（使用两步验证码）"],
  ["signed in from {from} with a recovery code ({n} left)", "从 {from} 登录（使用恢复码，剩余 {n} 个）"],
  ["signed in from {from}", "从 {from} 登录"],
  // The address of a sign-in whose request named none.
  ["an unknown address", "未知地址"],
];

const calls: Phrases = [
  ["call bodies kept for {days} day(s)", "调用正文保留 {days} 天"],
  [
    "replayed call #{id} (re-signed with the current key) as call #{replay}: HTTP {status}",
    "重放了调用 #{id}（用当前密钥重新签名），新调用 #{replay}：HTTP {status}",
  ],
  [
    "replayed call #{id} (original bytes) as call #{replay}: HTTP {status}",
    "重放了调用 #{id}（原样重发），新调用 #{replay}：HTTP {status}",
  ],
];

// The customer's "changed {fields} of {customer}" comes last: it would also read an order's,
// a template's or an integration's change with the rest taken as the customer's name.
export const phrases: Phrases = [
  ...templates,
  ...integrations,
  ...answers,
  ...users,
  ...sessions,
  ...calls,
  ...customers,
  ["changed {fields} of {customer}", "修改了 {customer} 的{fields}"],
];
