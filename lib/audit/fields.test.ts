// An audit event's changes opened field by field.
import { describe, expect, it } from "vitest";
import { fieldChanges } from "@/lib/audit/fields";

describe("fieldChanges", () => {
  it("keeps a plain field as before → after", () => {
    expect(fieldChanges({ realname: ["", "王五"] })).toEqual([{ field: "realname", before: "", after: "王五" }]);
  });

  it("opens a changed object into the keys that changed, also when it is stored as JSON text", () => {
    const before = JSON.stringify({ city: "上海", tier: "gold", note: "x" });
    const after = JSON.stringify({ city: "北京", tier: "gold", team: "B" });
    expect(fieldChanges({ customFields: [before, after] })).toEqual([
      { field: "customFields.city", before: "上海", after: "北京" },
      { field: "customFields.note", before: "x", after: null },
      { field: "customFields.team", before: null, after: "B" },
    ]);
  });

  it("says what a list gained and lost", () => {
    expect(
      fieldChanges({
        emails: [
          ["a@x.com", "b@x.com"],
          ["b@x.com", "c@x.com"],
        ],
      }),
    ).toEqual([
      {
        field: "emails",
        before: ["a@x.com", "b@x.com"],
        after: ["b@x.com", "c@x.com"],
        added: ["c@x.com"],
        removed: ["a@x.com"],
      },
    ]);
  });

  it("lists every field of a created record on its own row", () => {
    expect(fieldChanges({ settings: [null, { companyId: "42", tolerance: 300 }] })).toEqual([
      { field: "settings.companyId", before: null, after: "42" },
      { field: "settings.tolerance", before: null, after: 300 },
    ]);
  });
});
