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
    expect(zh('"P1": sobot-partner P1 is listed twice')).toBe("“P1”：sobot-partner P1 重复填写");
    expect(zh("sobot-partner P1 is listed twice")).toBe("sobot-partner P1 重复填写");
    expect(zh('"maybe" is not true or false')).toBe("“maybe”不是 true 或 false");
    expect(zh('Not a JSON object like {"city":"上海"}')).toBe('不是 {"city":"上海"} 这样的 JSON 对象');
    expect(zh("3 cells, but the header has 2 columns")).toBe("有 3 个单元格，但表头有 2 列");
  });

  it("translates a replay's answer, naming the new call when there is one", () => {
    expect(zh("Replayed: HTTP 401 — call #12")).toBe("已重放：HTTP 401，新调用 #12");
    expect(zh("Replayed: HTTP 503")).toBe("已重放：HTTP 503");
  });
});
