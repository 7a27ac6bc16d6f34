import { describe, expect, it } from "vitest";
import { translateMessage } from "@/lib/i18n/domain";

const zh = (message: string) => translateMessage("zh-CN", message);

describe("customers and calls messages in Chinese", () => {
  it("translates a field error the form prefixes with its entry, and the result of an order", () => {
    expect(zh("Entry 2: Not an email address")).toBe("第 2 项：不是有效的邮箱地址");
    expect(zh("Entry 1: Not a phone number (digits, optionally + ( ) - and spaces)")).toBe(
      "第 1 项：不是有效的电话号码（应为数字，可含 +、( )、- 和空格）",
    );
    expect(zh("Order DB-1001 added.")).toBe("订单 DB-1001 已添加。");
    expect(zh("Line 3: give a status after the first |")).toBe("第 3 行：请在第一个 | 之后填写状态");
  });

  it("translates an import row's problem with the value it names, before the plain message matches", () => {
    expect(zh('"not-an-email": Not an email address')).toBe("“not-an-email”：不是有效的邮箱地址");
    expect(zh('"P1": sobot-partner P1 is listed twice')).toBe("“P1”：智齿对接 ID P1 重复填写");
    expect(zh("sobot-partner P1 is listed twice")).toBe("智齿对接 ID P1 重复填写");
    expect(zh('"maybe" is not true or false')).toBe("“maybe”不是 true 或 false");
    expect(zh('Not a JSON object like {"city":"上海"}')).toBe('不是 {"city":"上海"} 这样的 JSON 对象');
    expect(zh("3 cells, but the header has 2 columns")).toBe("有 3 个单元格，但表头有 2 列");
  });

  it("names external-id kinds and roles as the forms do, and keeps a kind it does not know", () => {
    expect(zh('sobot-partner "P049" already belongs to customer #7')).toBe("智齿对接 ID“P049”已属于客户 #7");
    expect(zh('"x": wechat-openid "o1" already belongs to customer #3')).toBe("“x”：微信 OpenID“o1”已属于客户 #3");
    expect(zh("Customer #5 has no hyphenate-visitor id: the panel finds customers by it (visitorId).")).toBe(
      "客户 #5 没有环信访客 ID：面板按它查找客户（visitorId）。",
    );
    expect(zh("kind must be one of sobot-partner, udesk-customer")).toBe(
      "类型必须是以下之一：智齿对接 ID、Udesk 客户 ID",
    );
    expect(zh("mystery-id M1 is listed twice")).toBe("mystery-id M1 重复填写");
    expect(zh("This needs the operator role; you are viewer.")).toBe("此操作需要操作员角色；你的角色是只读。");
    expect(zh("User a@b.c added as admin.")).toBe("已添加用户 a@b.c，角色为管理员。");
  });

  it("translates a replay's answer, naming the new call when there is one", () => {
    expect(zh("Replayed: HTTP 401 — call #12")).toBe("已重放：HTTP 401，新调用 #12");
    expect(zh("Replayed: HTTP 503")).toBe("已重放：HTTP 503");
  });
});
