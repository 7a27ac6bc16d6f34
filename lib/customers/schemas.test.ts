// Unit tests for the customer, order and list-query zod schemas.
import { afterEach, describe, expect, it, vi } from "vitest";
import { EXTERNAL_ID_KINDS, customerInput, listQuery, money, orderInput, phone } from "@/lib/customers/schemas";
import { fieldErrorsOf } from "@/lib/field-errors";

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => ({ path: i.path, message: i.message }));

describe("customerInput", () => {
  it("fills defaults for a minimal customer", () => {
    expect(customerInput.parse({ uname: "alice" })).toEqual({
      uname: "alice",
      realname: "",
      emails: [],
      phones: [],
      remark: "",
      isVip: false,
      vipLevel: "",
      labels: [],
      customFields: {},
      externalIds: [],
    });
  });

  it("requires a uname or a realname, reported on path [uname]", () => {
    const result = customerInput.safeParse({ uname: "  ", realname: "" });
    expect(result.success).toBe(false);
    expect(issuesOf(result)).toEqual([{ path: ["uname"], message: "Give a nickname or a real name" }]);
    expect(customerInput.safeParse({ realname: "王伟" }).success).toBe(true);
    expect(customerInput.safeParse({ uname: "wang" }).success).toBe(true);
  });

  it("trims text and enforces lengths", () => {
    expect(customerInput.parse({ uname: "  bob  ", remark: " hi " })).toMatchObject({ uname: "bob", remark: "hi" });
    const result = customerInput.safeParse({ uname: "x".repeat(101) });
    expect(issuesOf(result)).toEqual([{ path: ["uname"], message: "At most 100 characters" }]);
  });

  it("trims and lower-cases emails and removes duplicates", () => {
    const data = customerInput.parse({ uname: "a", emails: [" Alice@Example.COM ", "alice@example.com", "b@x.cn"] });
    expect(data.emails).toEqual(["alice@example.com", "b@x.cn"]);
  });

  it("takes internationalised addresses, and one typed with full-width symbols", () => {
    const emails = [
      "张三@example.com",
      "wxe@例子.中国",
      "Li.Lei@例子.公司",
      "a@xn--fsqu00a.xn--fiqs8s",
      "王芳＠例子。中国",
      "ｗｘｅ@ｅｘａｍｐｌｅ．ｃｎ",
    ];
    expect(customerInput.parse({ uname: "a", emails }).emails).toEqual([
      "张三@example.com",
      "wxe@例子.中国",
      "li.lei@例子.公司",
      "a@xn--fsqu00a.xn--fiqs8s",
      "王芳@例子.中国",
      "wxe@example.cn",
    ]);
  });

  it("still refuses what is not an address", () => {
    const bad = [
      "a@b",
      "a@例子",
      "@例子.中国",
      "张 三@example.com",
      "a..b@x.cn",
      ".a@x.cn",
      "a@-x.cn",
      "a@x.c",
      "a@x.cn.",
    ];
    for (const one of bad)
      expect(issuesOf(customerInput.safeParse({ uname: "a", emails: [one] })), one).toEqual([
        { path: ["emails", 0], message: "Not an email address" },
      ]);
  });

  it("reports a bad email at [emails, i]", () => {
    const result = customerInput.safeParse({ uname: "a", emails: ["ok@x.com", "not-an-email"] });
    expect(issuesOf(result)).toEqual([{ path: ["emails", 1], message: "Not an email address" }]);
  });

  it("caps the number of emails at 20", () => {
    const emails = Array.from({ length: 21 }, (_, i) => `u${i}@x.com`);
    expect(issuesOf(customerInput.safeParse({ uname: "a", emails }))).toEqual([
      { path: ["emails"], message: "At most 20 emails" },
    ]);
  });

  it("keeps phones as written and leaves out a number written twice", () => {
    const data = customerInput.parse({
      uname: "a",
      phones: ["+86 138-0000 0000", "+8613800000000", "1234", "021.5555.1234"],
    });
    expect(data.phones).toEqual(["+86 138-0000 0000", "1234", "021.5555.1234"]);
  });

  it.each(["138abc0000", "call me", "+", "12", "++8613800000000", "138 0000 0000 ext 5"])(
    "refuses the phone %j",
    (value) => {
      const result = customerInput.safeParse({ uname: "a", phones: [value] });
      expect(issuesOf(result)).toEqual([
        { path: ["phones", 0], message: "Not a phone number (digits, optionally + ( ) - and spaces)" },
      ]);
    },
  );

  it("accepts full-width digits, brackets and dashes, kept as ASCII", () => {
    expect(phone.parse("０１３８００１３８００２")).toBe("013800138002");
    expect(phone.parse("（０１０）６５５２－１２３４")).toBe("(010)6552-1234");
    const { phones } = customerInput.parse({ uname: "a", phones: ["１３８ ００１３ ８０００", "+8613800138000"] });
    expect(phones).toEqual(["138 0013 8000"]);
  });

  it("accepts a phone that starts with an area code in brackets", () => {
    expect(phone.parse("(010) 6552 1234")).toBe("(010) 6552 1234");
  });

  it.each([
    ["labels", ["a,b"]],
    ["labels", ["a\nb"]],
    ["externalIds", [{ kind: "sobot-partner", value: "x;y" }]],
  ])("refuses list separators inside %s, so the comma-separated form round-trips", (key, value) => {
    const result = customerInput.safeParse({ uname: "a", [key]: value });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toMatch(/cannot contain commas, semicolons or line breaks/);
  });

  it("refuses line breaks in custom field values", () => {
    const result = customerInput.safeParse({ uname: "a", customFields: { note: "one\ntwo" } });
    expect(result.error!.issues[0]).toMatchObject({
      path: ["customFields", "note"],
      message: "A custom field value cannot contain line breaks",
    });
  });

  it("phone schema alone: trimmed, runs of spaces made one, otherwise as written", () => {
    expect(phone.parse("+86 138-0000 0000")).toBe("+86 138-0000 0000");
    expect(phone.parse("  400 (800)   1234 ")).toBe("400 (800) 1234");
  });

  it("de-duplicates labels and refuses an empty label", () => {
    expect(customerInput.parse({ uname: "a", labels: ["vip", " vip ", "华东"] }).labels).toEqual(["vip", "华东"]);
    const result = customerInput.safeParse({ uname: "a", labels: ["ok", "  "] });
    expect(issuesOf(result)).toEqual([{ path: ["labels", 1], message: "A label cannot be empty" }]);
  });

  it("accepts custom field keys of letters, digits, _ . - and CJK", () => {
    const data = customerInput.parse({
      uname: "a",
      customFields: { 城市: "上海", "order_no.v-2": "7", " padded ": " v " },
    });
    expect(data.customFields).toEqual({ 城市: "上海", "order_no.v-2": "7", padded: "v" });
  });

  it.each(["bad key!", "a/b", "", "k".repeat(65), "emoji😀"])("refuses the custom field key %j", (key) => {
    const result = customerInput.safeParse({ uname: "a", customFields: { [key]: "v" } });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual(["customFields", key]);
  });

  it("limits custom field values to 1000 characters", () => {
    const result = customerInput.safeParse({ uname: "a", customFields: { note: "x".repeat(1001) } });
    expect(issuesOf(result)).toEqual([{ path: ["customFields", "note"], message: "At most 1000 characters" }]);
  });

  it("accepts every known external id kind", () => {
    const externalIds = EXTERNAL_ID_KINDS.map((kind, i) => ({ kind, value: ` v${i} ` }));
    expect(customerInput.parse({ uname: "a", externalIds }).externalIds).toEqual(
      EXTERNAL_ID_KINDS.map((kind, i) => ({ kind, value: `v${i}` })),
    );
  });

  it("refuses an unknown external id kind with a message listing the kinds", () => {
    const result = customerInput.safeParse({ uname: "a", externalIds: [{ kind: "zendesk", value: "1" }] });
    expect(issuesOf(result)).toEqual([
      {
        path: ["externalIds", 0, "kind"],
        message: "kind must be one of sobot-partner, sobot-customer, hyphenate-visitor, udesk-customer, wechat-openid",
      },
    ]);
  });

  it("refuses an empty external id value", () => {
    const result = customerInput.safeParse({ uname: "a", externalIds: [{ kind: "sobot-partner", value: "  " }] });
    expect(issuesOf(result)).toEqual([
      { path: ["externalIds", 0, "value"], message: "An external id cannot be empty" },
    ]);
  });

  it("flags a duplicate (kind, value) at the later index, but allows the same value under another kind", () => {
    const result = customerInput.safeParse({
      uname: "a",
      externalIds: [
        { kind: "sobot-partner", value: "P1" },
        { kind: "udesk-customer", value: "P1" },
        { kind: "sobot-partner", value: " P1 " },
      ],
    });
    expect(issuesOf(result)).toEqual([{ path: ["externalIds", 2], message: "sobot-partner P1 is listed twice" }]);
  });

  it("isVip must be a boolean", () => {
    expect(customerInput.safeParse({ uname: "a", isVip: "on" }).success).toBe(false);
    expect(customerInput.parse({ uname: "a", isVip: true }).isVip).toBe(true);
  });
});

describe("money", () => {
  it.each([
    ["199", 19900],
    ["199.5", 19950],
    ["199.50", 19950],
    [" 0.01 ", 1],
    ["0.29", 29],
    ["1.10", 110],
    ["21474836.47", 2147483647],
    [199.5, 19950],
    [12, 1200],
  ])("%j → %d cents", (input, cents) => {
    expect(money.parse(input)).toBe(cents);
  });

  it.each(["1.999", "-1", "abc", "", "1,000", "1e3", ".5", "12345678901", -1])("refuses %j", (input) => {
    const result = money.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toBe("An amount like 199 or 199.00");
  });

  it("refuses an amount above what a 32-bit count of cents holds", () => {
    expect(money.safeParse("21474836.48").error!.issues[0].message).toBe("At most 21474836.47");
  });
});

describe("orderInput", () => {
  const base = { orderNo: "DB-1001", title: "Smart Watch", amountCents: "199", quantity: 1, status: "paid" };
  afterEach(() => vi.useRealTimers());

  it("parses a minimal order and defaults imageUrl, createdAt and shipments", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-21T08:00:00Z"));
    expect(orderInput.parse(base)).toEqual({
      ...base,
      imageUrl: "",
      amountCents: 19900,
      createdAt: new Date("2026-11-21T08:00:00Z"),
      shipments: [],
    });
  });

  it("converts money: '199.5' → 19950; refuses '1.999', '-1', 'abc' on amountCents", () => {
    expect(orderInput.parse({ ...base, amountCents: "199.5" }).amountCents).toBe(19950);
    for (const bad of ["1.999", "-1", "abc"]) {
      expect(issuesOf(orderInput.safeParse({ ...base, amountCents: bad }))).toEqual([
        { path: ["amountCents"], message: "An amount like 199 or 199.00" },
      ]);
    }
  });

  it("coerces quantity and requires an integer ≥ 1", () => {
    expect(orderInput.parse({ ...base, quantity: "3" }).quantity).toBe(3);
    expect(issuesOf(orderInput.safeParse({ ...base, quantity: 0 }))).toEqual([
      { path: ["quantity"], message: "At least 1" },
    ]);
    expect(issuesOf(orderInput.safeParse({ ...base, quantity: "1.5" }))).toEqual([
      { path: ["quantity"], message: "A whole number" },
    ]);
    expect(orderInput.safeParse({ ...base, quantity: "abc" }).success).toBe(false);
    expect(orderInput.safeParse({ ...base, quantity: -2 }).success).toBe(false);
    expect(orderInput.safeParse({ ...base, quantity: 1_000_001 }).success).toBe(false);
  });

  it("accepts only the listed statuses", () => {
    for (const status of ["pending", "paid", "shipped", "delivered", "completed", "cancelled", "refunded"]) {
      expect(orderInput.safeParse({ ...base, status }).success).toBe(true);
    }
    expect(issuesOf(orderInput.safeParse({ ...base, status: "lost" }))).toEqual([
      { path: ["status"], message: "One of pending, paid, shipped, delivered, completed, cancelled, refunded" },
    ]);
  });

  it("imageUrl must be http(s) or empty", () => {
    expect(orderInput.parse({ ...base, imageUrl: " https://img.example.com/a.png " }).imageUrl).toBe(
      "https://img.example.com/a.png",
    );
    expect(orderInput.parse({ ...base, imageUrl: "http://x.cn/a" }).imageUrl).toBe("http://x.cn/a");
    expect(orderInput.parse({ ...base, imageUrl: "" }).imageUrl).toBe("");
    for (const bad of [
      "javascript:alert(1)",
      "ftp://x/a.png",
      "data:image/png;base64,AAAA",
      "https://a b",
      "//x.cn/a.png",
    ]) {
      expect(issuesOf(orderInput.safeParse({ ...base, imageUrl: bad }))).toEqual([
        { path: ["imageUrl"], message: "An http(s) URL, or empty" },
      ]);
    }
  });

  it("validates the order number", () => {
    expect(orderInput.parse({ ...base, orderNo: " A-1_2.3/4#5 " }).orderNo).toBe("A-1_2.3/4#5");
    expect(issuesOf(orderInput.safeParse({ ...base, orderNo: "" }))[0]).toEqual({
      path: ["orderNo"],
      message: "An order number is required",
    });
    expect(issuesOf(orderInput.safeParse({ ...base, orderNo: "A 1" }))).toEqual([
      { path: ["orderNo"], message: "Letters, digits and - _ . / # only" },
    ]);
    expect(issuesOf(orderInput.safeParse({ ...base, title: " " }))).toEqual([
      { path: ["title"], message: "A title is required" },
    ]);
  });

  it("coerces createdAt and refuses a non-date", () => {
    expect(orderInput.parse({ ...base, createdAt: "2026-10-01T12:00:00Z" }).createdAt).toEqual(
      new Date("2026-10-01T12:00:00Z"),
    );
    expect(issuesOf(orderInput.safeParse({ ...base, createdAt: "yesterday" }))).toEqual([
      { path: ["createdAt"], message: "Not a date and time" },
    ]);
  });

  it("shipments need a status and a valid time; text defaults to empty", () => {
    const ok = orderInput.parse({ ...base, shipments: [{ time: "2026-11-01T10:00:00Z", status: " shipped " }] });
    expect(ok.shipments).toEqual([{ time: new Date("2026-11-01T10:00:00Z"), status: "shipped", text: "" }]);
    expect(
      issuesOf(orderInput.safeParse({ ...base, shipments: [{ time: "2026-11-01T10:00:00Z", status: "" }] })),
    ).toEqual([{ path: ["shipments", 0, "status"], message: "A shipment event needs a status" }]);
    expect(issuesOf(orderInput.safeParse({ ...base, shipments: [{ time: "nope", status: "x" }] }))).toEqual([
      { path: ["shipments", 0, "time"], message: "Not a date and time" },
    ]);
  });
});

describe("listQuery", () => {
  const defaults = { q: "", sort: "updated", dir: "desc", vip: "", label: "", page: 1, per: 25 };

  it("gives the defaults for an empty query", () => {
    expect(listQuery.parse({})).toEqual(defaults);
  });

  it("keeps valid values (coercing numbers, trimming text)", () => {
    expect(
      listQuery.parse({ q: "  王 ", sort: "realname", dir: "asc", vip: "yes", label: " 华东 ", page: "3", per: "200" }),
    ).toEqual({
      q: "王",
      sort: "realname",
      dir: "asc",
      vip: "yes",
      label: "华东",
      page: 3,
      per: 200,
    });
  });

  it("falls back to the defaults for garbage values", () => {
    expect(
      listQuery.parse({ q: ["a", "b"], sort: "x", dir: "up", vip: "maybe", label: 42, page: "-3", per: "1000" }),
    ).toEqual(defaults);
    expect(listQuery.parse({ page: "2.5", per: "0" })).toMatchObject({ page: 1, per: 25 });
    expect(listQuery.parse({ page: "abc", per: "" })).toMatchObject({ page: 1, per: 25 });
    expect(listQuery.parse({ page: "1000001" }).page).toBe(1);
    expect(listQuery.parse({ q: "x".repeat(201), label: "y".repeat(51) })).toMatchObject({ q: "", label: "" });
  });
});

describe("fieldErrorsOf", () => {
  it('maps issues to "emails.1"-style keys, grouping messages per key', () => {
    const result = customerInput.safeParse({
      uname: "a",
      emails: ["ok@x.com", "bad"],
      phones: ["abc"],
      labels: ["", ""],
      externalIds: [{ kind: "nope", value: "" }],
    });
    expect(fieldErrorsOf(result.error!)).toEqual({
      "emails.1": ["Not an email address"],
      "phones.0": ["Not a phone number (digits, optionally + ( ) - and spaces)"],
      "labels.0": ["A label cannot be empty"],
      "labels.1": ["A label cannot be empty"],
      "externalIds.0.kind": [
        "kind must be one of sobot-partner, sobot-customer, hyphenate-visitor, udesk-customer, wechat-openid",
      ],
      "externalIds.0.value": ["An external id cannot be empty"],
    });
  });

  it("names the bad custom-field key and the rule", () => {
    const result = customerInput.safeParse({ uname: "a", customFields: { "bad key!": "v" } });
    expect(fieldErrorsOf(result.error!)).toEqual({
      "customFields.bad key!": ['Field key "bad key!": letters, digits, _ . - only (at most 64)'],
    });
  });

  it('collects several messages on one key and uses "_" for the root', () => {
    const schema = orderInput.superRefine((_, ctx) => {
      ctx.addIssue({ code: "custom", path: [], message: "root problem" });
      ctx.addIssue({ code: "custom", path: ["title"], message: "one" });
      ctx.addIssue({ code: "custom", path: ["title"], message: "two" });
    });
    const result = schema.safeParse({ orderNo: "A1", title: "t", amountCents: "1", quantity: 1, status: "paid" });
    expect(fieldErrorsOf(result.error!)).toEqual({ _: ["root problem"], title: ["one", "two"] });
  });
});
