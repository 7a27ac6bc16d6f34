import { describe, expect, it } from "vitest";
import { normalizePhone, phoneRegion, samePhone } from "@/lib/phones/normalize";

describe("normalizePhone (default region CN)", () => {
  const same: [string, string[]][] = [
    ["+8613800138000", ["13800138000", "008613800138000", "8613800138000", "86 138-0013-8000", "138 0013 8000"]],
    ["+8618610885415", ["18610885415", "+86 186 1088 5415", "0086-186-1088-5415", "(+86) 186 1088 5415"]],
    ["+861012345678", ["010-12345678", "+86 10 1234 5678", "01012345678", "(010) 1234 5678", "0086 10 1234 5678"]],
    ["+8613800138000", ["１３８００１３８０００", "138－0013－8000"]],
  ];
  for (const [normal, forms] of same)
    it(`gives ${normal} for ${forms.join(", ")}`, () => {
      expect(normalizePhone(normal, "CN")).toBe(normal);
      for (const form of forms) expect(normalizePhone(form, "CN")).toBe(normal);
    });

  it("keeps a number it cannot place as its digits, which still match themselves", () => {
    expect(normalizePhone("95555", "CN")).toBe("95555");
    expect(normalizePhone("9-5555", "CN")).toBe("95555");
    expect(samePhone("95555", "95 555", "CN")).toBe(true);
    expect(samePhone("95555", "95556", "CN")).toBe(false);
  });

  it("keeps a number with another country code in that country", () => {
    expect(normalizePhone("+1 415 555 2671", "CN")).toBe("+14155552671");
    expect(normalizePhone("+1 415 555 2671", "CN")).not.toBe(normalizePhone("4155552671", "CN"));
  });

  it("reads national numbers in the configured region", () => {
    expect(normalizePhone("(415) 555-2671", "US")).toBe("+14155552671");
    expect(phoneRegion({ DESKBRIDGE_PHONE_REGION: "us" })).toBe("US");
    expect(phoneRegion({})).toBe("CN");
    expect(phoneRegion({ DESKBRIDGE_PHONE_REGION: "XX" })).toBe("CN");
  });

  it("gives nothing for a value without digits, which matches nothing", () => {
    expect(normalizePhone("", "CN")).toBe("");
    expect(normalizePhone("n/a", "CN")).toBe("");
    expect(samePhone("", "", "CN")).toBe(false);
  });
});
