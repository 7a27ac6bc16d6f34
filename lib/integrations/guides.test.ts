// Every vendor kind has a set-up guide, and every value a guide points at exists for that kind:
// a renamed setting, secret or endpoint would otherwise show an empty value in the guide.
import { describe, expect, it } from "vitest";
import { GUIDES, guideFor } from "@/lib/integrations/guides";
import { GUIDES_ZH } from "@/lib/integrations/guides.zh";
import { allSecrets } from "@/lib/integrations/integrations";
import { KINDS } from "@/lib/integrations/kinds";

describe("set-up guides", () => {
  it("exist for every vendor kind", () => {
    expect(Object.keys(GUIDES).sort()).toEqual(Object.keys(KINDS).sort());
  });

  for (const [vendor, guide] of Object.entries(GUIDES)) {
    it(`${vendor}: every endpoint, setting and secret named exists`, () => {
      const kind = KINDS[vendor];
      const settings = kind.settingFields.map((f) => f.name);
      const secrets = allSecrets(kind, {}).map((s) => s.name);
      const endpoints = Object.keys(kind.endpoints("slug"));
      for (const step of guide.steps)
        for (const value of step.values ?? []) {
          if ("endpoint" in value) expect(endpoints).toContain(value.endpoint);
          if ("setting" in value) expect(settings).toContain(value.setting);
          if ("secret" in value) expect(secrets).toContain(value.secret);
        }
      // Every callback URL the vendor must be given appears in the guide.
      const shown = guide.steps.flatMap((s) => (s.values ?? []).flatMap((v) => ("endpoint" in v ? [v.endpoint] : [])));
      expect(shown.sort()).toEqual(endpoints.sort());
    });
  }

  // The Chinese guide is the same guide: the same steps, pointing at the same values.
  for (const [vendor, guide] of Object.entries(GUIDES)) {
    it(`${vendor}: the Chinese guide has the same steps and values`, () => {
      const shape = (g: typeof guide) =>
        g.steps.map((s) => (s.values ?? []).map((v) => Object.keys(v)[0] + v[Object.keys(v)[0] as keyof typeof v]));
      expect(shape(GUIDES_ZH[vendor])).toEqual(shape(guide));
      expect(GUIDES_ZH[vendor].steps.map((s) => Boolean(s.where))).toEqual(guide.steps.map((s) => Boolean(s.where)));
      expect(guideFor(vendor, "zh-CN")).toBe(GUIDES_ZH[vendor]);
      expect(guideFor(vendor, "en")).toBe(guide);
    });
  }
});
