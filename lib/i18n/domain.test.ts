import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, isTimeZone } from "@/lib/i18n/config";
import { translateFieldErrors, translateMessage } from "@/lib/i18n/domain";

describe("dashboard languages", () => {
  it("chooses Chinese for any Chinese browser and English otherwise", () => {
    expect(localeFromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("zh-TW,zh;q=0.9")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("zh")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,zh-CN;q=0.5")).toBe("en");
    expect(localeFromAcceptLanguage("fr-FR")).toBe("en");
    expect(localeFromAcceptLanguage("")).toBe("en");
    expect(localeFromAcceptLanguage("not a header;;q=x")).toBe("en");
  });

  it("knows a time zone from text that only looks like one", () => {
    expect(isTimeZone("Asia/Shanghai")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });

  it("shows domain messages in Chinese, placeholders carried over, and unknown ones as written", () => {
    expect(translateMessage("zh-CN", "Some fields are invalid.")).toBe("部分字段有误。");
    expect(translateMessage("zh-CN", "This needs the admin role; you are viewer.")).toBe(
      "此操作需要管理员角色；你的角色是只读。",
    );
    expect(translateMessage("zh-CN", "A message nobody translated.")).toBe("A message nobody translated.");
    expect(translateMessage("en", "Some fields are invalid.")).toBe("Some fields are invalid.");
    expect(translateMessage("zh-CN", 'The trigger could not be sent: The trigger "回访" has no secret.')).toBe(
      "触发器发送失败：触发器“回访”没有设置密钥。",
    );
    expect(translateFieldErrors("zh-CN", { name: ["Some fields are invalid."] })).toEqual({ name: ["部分字段有误。"] });
    // A placeholder may be empty (a custom field written "=x").
    expect(translateMessage("zh-CN", 'Field key "": letters, digits, _ . - only (at most 64)')).not.toMatch(
      /Field key/,
    );
  });
});
