// The configuration pages' domain messages in Chinese: Udesk's limits, placeholders written with
// braces, and the lab's longer sentences chosen before their shorter look-alikes.
import { describe, expect, it } from "vitest";
import { translateMessage } from "@/lib/i18n/domain";
import { unknownPlaceholder } from "@/lib/templates/editor-checks";
import { integerTemplateProblem } from "@/lib/templates/integer-fields";

const zh = (message: string) => translateMessage("zh-CN", message);

describe("configuration messages in Chinese", () => {
  it("names Udesk's limits and formats", () => {
    expect(zh("A drawer list has at most 5 tabs (Udesk's limit)")).toBe("抽屉列表最多 5 个标签页（Udesk 的限制）");
    expect(zh("A title is required")).toBe("标题为必填项");
    expect(zh("Udesk reads this id as a whole number")).toBe("Udesk 把此 ID 当作整数读取");
    expect(zh(integerTemplateProblem("{{order.orderNo}}")!)).toBe(
      "Udesk 把此 ID 当作整数读取：请使用 {{order.id}}、{{index}} 或数字，不能用 {{order.orderNo}} 这样的文本（请把它放在展示字段中）",
    );
  });

  it("keeps placeholders written with braces", () => {
    expect(zh(unknownPlaceholder("order.titel")!)).toBe("{{order.titel}} 不是 order 的字段：是不是 {{order.title}}？");
    expect(zh(unknownPlaceholder("ordr.title")!)).toMatch(/^\{\{ordr\.title\}\} 没有指向任何内容/);
    expect(zh("When no rule matches. Templates: {{question}}, {{customer.uname}}, {{order.title}}.")).toBe(
      "没有规则匹配时使用。模板：{{question}}、{{customer.uname}}、{{order.title}}。",
    );
  });

  it("chooses the longer of two look-alike sentences", () => {
    expect(zh("Sent: HTTP 200, logged as call #7 (ok).")).toBe("已发送：HTTP 200，记录为调用记录 #7（ok）。");
    expect(zh("Sent: HTTP 502.")).toBe("已发送：HTTP 502。");
    expect(zh("wrong key: the sign matches neither the current nor the previous key (expected a, received b)")).toBe(
      "密钥错误：签名与当前和旧的 key 都不一致（应为 a，收到 b）",
    );
    expect(zh("Pick a Sobot CRM or Hyphenate integration.")).toBe("请选择一个智齿 CRM 或环信对接。");
    expect(zh("Pick a udesk integration.")).toBe("请选择一个 udesk 对接。");
  });
});
