// Udesk's three signs against PROTOCOLS §3's vectors.
import { describe, expect, it } from "vitest";
import { knowledgeSign, messageSign, taskSign } from "@/lib/vendors/udesk/codec";

describe("Udesk signs", () => {
  it("message-triggered: sha1(integrationName&key&timestamp), UTF-8", () => {
    expect(messageSign("对接一", "221b368d7f5f597867f525971f28ff75", 1496631984)).toBe(
      "96d8271cd705d3f134d215e9b3c27bb73f1132ed",
    );
    expect(messageSign("Integration One", "221b368d7f5f597867f525971f28ff75", 1496631984)).not.toBe(
      "96d8271cd705d3f134d215e9b3c27bb73f1132ed",
    );
  });

  it("task push: md5(key + taskNodeId + sessionId + timestamp), without taskNodeId when null", () => {
    expect(taskSign("abcde", 100, 100, 1551510709)).toBe("9195e2a5c1d84b86dc59819f29a0e300");
    expect(taskSign("abcde", null, 100, 1551510709)).toBe("7c3479422b034a62fff5d23e883f07d8");
  });

  it("knowledge base: sha256(key&timestamp)", () => {
    expect(knowledgeSign("123456", 1551510709)).toBe(
      "394eaf3868642dc6775e908dee2ed53274ea3ebd06fa4dd5fa07a4150c016f71",
    );
  });
});
