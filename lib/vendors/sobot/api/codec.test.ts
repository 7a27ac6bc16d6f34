// The get_token sign against the documented vector, and the code table.
import { describe, expect, it } from "vitest";
import { tokenSign } from "@/lib/vendors/sobot/api/codec";
import { describeCode, outcomeOfCode, SOBOT_CODES } from "@/lib/vendors/sobot/api/errors";

describe("Sobot open platform", () => {
  it("signs get_token as documented", () => {
    expect(tokenSign("1", "1569397773", "2")).toBe("258eec3118705112b2c53dc8043d4d34");
  });

  it("names every documented code", () => {
    for (const code of [
      "000000",
      "900001",
      "900002",
      "900003",
      "900004",
      "999999",
      "910021",
      "910022",
      "910023",
      "910024",
      "910025",
      "910026",
    ]) {
      expect(SOBOT_CODES[code], code).toBeTruthy();
    }
    expect(describeCode("910025")).toBe("The rule-engine canvas is not activated");
    expect(describeCode("123456", "odd")).toBe("Sobot error 123456: odd");
    expect(outcomeOfCode("000000")).toBe("ok");
    expect(outcomeOfCode("910026")).toBe("not_found");
  });
});
