// The call log's details in Chinese: every phrase of the table reachable (no earlier phrase takes
// its place), details as the pipeline and the handlers write them, and details of several parts.
import { describe, expect, it } from "vitest";
import { phrases } from "@/lib/i18n/domain/call-details";
import { translateDetail } from "@/lib/i18n/domain/detail";

const zh = (detail: string) => translateDetail("zh-CN", detail);

/** `text` with each {placeholder} replaced by a value of its own ("v1", "v2", …). */
function filled(text: string, names: string[]): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => `v${names.indexOf(name) + 1}`);
}

describe("call details in Chinese", () => {
  it("translates one example of each phrase to its own Chinese", () => {
    for (const [en, chinese] of phrases) {
      const names = [...new Set([...en.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))];
      expect(zh(filled(en, names)), en).toBe(filled(chinese, names));
    }
  });

  it("translates the refusals as the pipeline writes them", () => {
    expect(zh('no sobot-crm integration has the URL segment "x"')).toBe("没有 URL 段为“x”的 sobot-crm 对接");
    expect(zh('integration "主站" is disabled')).toBe("对接“主站”已停用");
    expect(zh("more than 600 calls per minute from 1.2.3.4; retry after 5 s")).toBe(
      "来自 1.2.3.4 的调用超过每分钟 600 次；请在 5 秒后重试",
    );
    expect(zh("Method GET is not allowed; use POST or PUT.")).toBe("不允许使用 GET 方法；请使用 POST 或 PUT。");
    expect(zh("timestamp 1700000000 is 400 s old; the tolerance is 300 s")).toBe(
      "时间戳 1700000000 已过去 400 秒；允许的误差为 300 秒",
    );
    expect(zh("TypeError: x is not a function")).toBe("内部错误（TypeError）：x is not a function");
  });

  it("translates a message inside a message once", () => {
    expect(zh("parameter: the ciphertext contains characters that are not hex digits")).toBe(
      "parameter 无法解密：密文包含非十六进制字符",
    );
    expect(
      zh(
        "sign abc does not match md5(companyId + timestamp + secretKey + parameter) " +
          'with companyId "c1" (tried the current key)',
      ),
    ).toBe("签名 abc 与 md5(companyId + timestamp + secretKey + parameter)（companyId 为“c1”） 不符（已尝试当前密钥）");
    expect(zh("answered before routing: The URL path is not valid percent-encoding.")).toBe(
      "路由前已应答：URL 路径不是有效的百分号编码。",
    );
  });

  it("translates a detail of several parts part by part", () => {
    expect(
      zh(
        'template "Orders" (bubble_list): 2 of 2 item(s), page 1; customer #249 by customerExtra.customerId "7000249"',
      ),
    ).toBe('模板“Orders”（bubble_list）：第 1 页，2/2 项；按 customerExtra.customerId "7000249" 找到客户 #249');
    expect(
      zh(
        "duplicate: sign 0a1b with timestamp 1700000000 and the same payload was already accepted at " +
          "2024-05-01T08:00:00.000Z; customer #3 found by phone",
      ),
    ).toBe(
      "重复调用：签名 0a1b、时间戳 1700000000 且内容相同的调用已于 2024-05-01T08:00:00.000Z 接受过；按电话找到客户 #3",
    );
    expect(zh('no entry matched; the fallback answered; no customer matched; tried customer.email "a@b.cn"')).toBe(
      '没有匹配的条目；已用兜底答案应答；没有匹配的客户；已尝试 customer.email "a@b.cn"',
    );
  });

  it("words the keys a lookup tried in Chinese, their values as written", () => {
    expect(
      zh('no customer matched; tried partner id "p-1", tel "13000000001" (as +8613000000001), tel "x" (as no digits)'),
    ).toBe('没有匹配的客户；已尝试 合作方 ID "p-1", tel "13000000001"（按 +8613000000001 查找）, tel "x"（没有数字）');
  });

  it("reads a part that itself holds a semicolon as one part", () => {
    expect(zh('updated customer #7; left out: uname (300 characters; at most 64); is_vip "2" (0 or 1)')).toBe(
      '已更新客户 #7；已略去：uname（300 个字符，最多 64 个）；is_vip "2"（应为 0 或 1）',
    );
    expect(zh('created customer #8; left out: tel "x" (v); remark (900 characters; at most 500)')).toBe(
      '已创建客户 #8；已略去：电话 "x"（v）；remark（900 个字符，最多 500 个）',
    );
  });

  it("translates a field's problem listed after the first", () => {
    expect(zh("invalid push: email: Not an email address; uname: At most 200 characters")).toBe(
      "推送的客户无效：email：不是有效的邮箱地址；uname：最多 200 个字符",
    );
  });

  it("keeps a part it has no Chinese for as written, and English as it is", () => {
    expect(zh("something new happened; retry after 5 s")).toBe("something new happened；请在 5 秒后重试");
    const english = "more than 600 calls per minute from 1.2.3.4; retry after 5 s";
    expect(translateDetail("en", english)).toBe(english);
  });
});
