// The audit log's summaries in Chinese: one example of every form the domain layer writes, the
// field lists inside them, and English left exactly as stored.
import { describe, expect, it } from "vitest";
import { translateMessage } from "@/lib/i18n/domain";
import { FIELD_LABELS, translateNames } from "@/lib/i18n/domain/names";
import { KINDS } from "@/lib/integrations/kinds";

const zh = (message: string) => translateMessage("zh-CN", message);

const EXAMPLES: [string, string][] = [
  // Customers and orders.
  ["created customer alice", "创建了客户 alice"],
  ["deleted customer #12", "删除了客户 #12"],
  ["changed realname, phones of alice", "修改了 alice 的真实姓名、手机号"],
  ["changed isVip, vipLevel, customFields of 张三", "修改了 张三 的VIP 客户、VIP 等级、自定义字段"],
  ["imported new customer 李四", "导入了新客户 李四"],
  ["import changed emails, labels, externalIds of 李四", "导入时修改了 李四 的邮箱、标签、外部 ID"],
  ["added order DB-1001", "添加了订单 DB-1001"],
  ["changed status, shipments of order DB-1001", "修改了订单 DB-1001 的状态、物流轨迹"],
  ["deleted order DB-1001", "删除了订单 DB-1001"],
  // Templates.
  ['created template "订单卡片" (bubble_list)', "创建了模板“订单卡片”（bubble_list）"],
  ['changed name, taskNodeId, config of template "订单卡片"', "修改了模板“订单卡片”的名称、任务节点 ID、卡片内容"],
  ['duplicated template "订单卡片" as "订单卡片 (copy)"', "将模板“订单卡片”复制为“订单卡片 (copy)”"],
  ['deleted template "订单卡片"', "删除了模板“订单卡片”"],
  // Integrations, their secrets and triggers, and the Sobot dictionary.
  [
    'created Sobot CRM docking integration "主站" with secretKey set',
    "创建了对接“主站”（智齿 CRM 对接），已设置 secretKey",
  ],
  ['created Sobot open API (rule triggers) integration "开放"', "创建了对接“开放”（智齿开放接口（规则触发器））"],
  [
    'created Udesk robot webhooks integration "机器人" from a configuration file, without secrets',
    "从配置文件创建了对接“机器人”（Udesk 机器人 webhook），未含密钥",
  ],
  ['changed name, enabled, companyId of "主站"', "修改了对接“主站”的名称、启用状态、公司 ID"],
  ['deleted sobot-crm integration "主站"', "删除了对接“主站”（sobot-crm）"],
  [
    'secret rotated: secretKey of "主站", the previous one valid for 3600 s',
    "更换了对接“主站”的 secretKey，旧值在 3600 秒内仍然有效",
  ],
  ['secret rotated: key of "主站"', "更换了对接“主站”的 key"],
  ['added trigger 回访 (a1b2c3) to "开放"; its secret set', "为对接“开放”添加了触发器 回访（a1b2c3），并设置了其密钥"],
  ['removed trigger 回访 from "开放"', "从对接“开放”移除了触发器 回访"],
  ['Sobot company 42: label 7 is "老客户"', "智齿公司 42：标签 7 命名为“老客户”"],
  [
    'Sobot company 42: vipLevel 2 is "金卡" (renamed on 1 customer)',
    "智齿公司 42：VIP 等级 2 命名为“金卡”（1 个客户随之改名）",
  ],
  [
    'Sobot company 42: field 9 is "城市" (renamed on 3 customers)',
    "智齿公司 42：自定义字段 9 命名为“城市”（3 个客户随之改名）",
  ],
  ["Sobot company 42: label 7 removed", "智齿公司 42：移除了标签 7"],
  // Udesk's answer rules and knowledge entries.
  ["added answer rule #1 (question 退货)", "添加了答案规则 #1（question 退货）"],
  ["changed answer rule #2 (always)", "修改了答案规则 #2（always）"],
  ["moved answer rule (regex 物流) to #1", "把答案规则（regex 物流）移到了 #1"],
  ["deleted answer rule 5", "删除了答案规则 5"],
  ["added knowledge entry for datum 11 / attribute 22", "添加了知识库条目：知识点 11 / 模板属性 22"],
  ["added knowledge entry for datum any / attribute 22", "添加了知识库条目：任意知识点 / 模板属性 22"],
  ["added knowledge entry for datum 11 / attribute any", "添加了知识库条目：知识点 11 / 任意模板属性"],
  ["deleted knowledge entry 8", "删除了知识库条目 8"],
  // Users, their passwords, sessions and two-factor sign-in.
  ["added user a@b.c as operator", "添加了用户 a@b.c，角色为操作员"],
  ["changed the role of a@b.c", "修改了 a@b.c 的角色"],
  ["disabled a@b.c", "停用了 a@b.c"],
  ["enabled a@b.c", "启用了 a@b.c"],
  ["reset the password of a@b.c", "重置了 a@b.c 的密码"],
  ["a@b.c changed their password", "a@b.c 修改了自己的密码"],
  ["a@b.c changed their language and time zone", "a@b.c 修改了自己的语言和时区"],
  ["a@b.c signed out everywhere", "a@b.c 退出了全部会话"],
  ["signed a@b.c out everywhere", "让 a@b.c 退出了全部会话"],
  ["a@b.c turned on two-factor sign-in", "a@b.c 开启了两步验证登录"],
  ["a@b.c turned off two-factor sign-in", "a@b.c 关闭了两步验证登录"],
  ["turned off two-factor sign-in of a@b.c", "关闭了 a@b.c 的两步验证登录"],
  ["a@b.c made new recovery codes", "a@b.c 生成了新的恢复码"],
  ["two-factor sign-in required for: nobody", "两步验证登录改为可选"],
  ["two-factor sign-in required for: admins", "管理员必须使用两步验证登录"],
  ["two-factor sign-in required for: everyone", "所有用户必须使用两步验证登录"],
  ["failed sign-in from 127.0.0.1: too many attempts", "从 127.0.0.1 登录失败：尝试次数过多"],
  ["failed sign-in from 127.0.0.1: no such account", "从 127.0.0.1 登录失败：账号不存在"],
  ["failed sign-in from 127.0.0.1: wrong password", "从 127.0.0.1 登录失败：密码错误"],
  ["failed sign-in from an unknown address: account disabled", "从 未知地址 登录失败：账号已停用"],
  ["failed sign-in from ::1: wrong two-factor code", "从 ::1 登录失败：两步验证码错误"],
  ["signed in from 127.0.0.1", "从 127.0.0.1 登录"],
  ["signed in from 127.0.0.1 with a two-factor code", "从 127.0.0.1 登录（使用两步验证码）"],
  ["signed in from 127.0.0.1 with a recovery code (9 left)", "从 127.0.0.1 登录（使用恢复码，剩余 9 个）"],
  // Calls.
  ["call bodies kept for 30 day(s)", "调用正文保留 30 天"],
  [
    "replayed call #7 (re-signed with the current key) as call #9: HTTP 200",
    "重放了调用 #7（用当前密钥重新签名），新调用 #9：HTTP 200",
  ],
  ["replayed call #7 (original bytes) as call #10: HTTP 409", "重放了调用 #7（原样重发），新调用 #10：HTTP 409"],
];

describe("audit summaries in Chinese", () => {
  it.each(EXAMPLES)("%s", (english, chinese) => {
    expect(zh(english)).toBe(chinese);
  });

  it("shows English summaries exactly as stored", () => {
    for (const [english] of EXAMPLES) expect(translateMessage("en", english)).toBe(english);
  });

  it("names known fields by their form's label and keeps unknown ones as written", () => {
    expect(translateNames(FIELD_LABELS, "uname, realname, emails, remark")).toBe("昵称、真实姓名、邮箱、备注");
    expect(translateNames(FIELD_LABELS, "orderNo, amount, createdAt")).toBe("订单号、金额、下单时间");
    expect(translateNames(FIELD_LABELS, "realname, nickname, toString")).toBe("真实姓名、nickname、toString");
    expect(zh("changed realname, loyaltyPoints of alice")).toBe("修改了 alice 的真实姓名、loyaltyPoints");
    expect(zh('changed frameAncestors, newSetting of "面板"')).toBe("修改了对接“面板”的允许嵌入面板的来源、newSetting");
  });

  it("reads a field list only where names are, not a sentence that starts alike", () => {
    // "the role" is not a list of field names: the user's sentence is chosen, not the customer's.
    expect(zh("changed the role of alice@x.cn")).toBe("修改了 alice@x.cn 的角色");
    // A customer's name may contain " of ": the list stops at the first one.
    expect(zh("changed remark of friend of 张三")).toBe("修改了 friend of 张三 的备注");
  });

  it("labels each integration setting as its form does", () => {
    const shortened = new Set(["matchKind", "headerName", "basicUser"]);
    for (const kind of Object.values(KINDS))
      for (const field of kind.settingFields) {
        expect(FIELD_LABELS, field.name).toHaveProperty(field.name);
        if (!shortened.has(field.name)) expect(FIELD_LABELS[field.name], field.name).toBe(zh(field.label));
      }
  });
});
