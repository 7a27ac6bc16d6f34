// Unit tests for form fields ⇄ customer/order inputs, shipment lines and form error mapping.
import { describe, expect, it } from "vitest";
import type { CustomerView } from "@/lib/customers/customers";
import type { OrderView } from "@/lib/customers/orders";
import {
  customerFieldErrorsForForm,
  customerFromForm,
  customerToForm,
  orderFromForm,
  orderToForm,
  shipmentsFromText,
  splitList,
} from "@/lib/customers/form";
import { customerInput, orderInput } from "@/lib/customers/schemas";
import { fieldErrorsOf } from "@/lib/field-errors";

const formOf = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};

describe("splitList", () => {
  it("splits on newlines, commas, semicolons and the Chinese ，；, trimming and dropping blanks", () => {
    expect(splitList("a\nb,c;d，e；f\r\n\n , g ")).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
    expect(splitList("   ")).toEqual([]);
  });
});

describe("customerFromForm", () => {
  it("reads every field", () => {
    const input = customerFromForm(
      formOf({
        uname: "alice",
        realname: "Alice Smith",
        emails: "a@x.com\nb@x.com, c@x.com;d@x.com，e@x.com；f@x.com",
        phones: "+86 138-0000 0000\r\n139 1111 2222，400-800-1234",
        remark: "hello",
        isVip: "on",
        vipLevel: "gold",
        labels: "vip, 华东；wholesale",
        customFields: "city=上海\nformula = a=b+c \n\nflag\r\n",
        "ext.sobot-partner": "P1, P2",
        "ext.udesk-customer": "U9",
        "ext.hyphenate-visitor": "",
      }),
    );
    expect(input).toEqual({
      uname: "alice",
      realname: "Alice Smith",
      emails: ["a@x.com", "b@x.com", "c@x.com", "d@x.com", "e@x.com", "f@x.com"],
      phones: ["+86 138-0000 0000", "139 1111 2222", "400-800-1234"],
      remark: "hello",
      isVip: true,
      vipLevel: "gold",
      labels: ["vip", "华东", "wholesale"],
      customFields: { city: "上海", formula: "a=b+c", flag: "" },
      externalIds: [
        { kind: "sobot-partner", value: "P1" },
        { kind: "sobot-partner", value: "P2" },
        { kind: "udesk-customer", value: "U9" },
      ],
    });
  });

  it("treats a missing or non-'on' isVip as false and missing fields as empty", () => {
    expect(customerFromForm(formOf({ uname: "x" }))).toEqual({
      uname: "x",
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
    expect(customerFromForm(formOf({ uname: "x", isVip: "true" })).isVip).toBe(false);
  });

  it("its output passes customerInput", () => {
    const input = customerFromForm(
      formOf({ uname: "bob", emails: "Bob@X.com，bob@x.com", phones: "+86 138-0000 0000" }),
    );
    const data = customerInput.parse(input);
    expect(data.emails).toEqual(["bob@x.com"]);
    expect(data.phones).toEqual(["+86 138-0000 0000"]);
  });
});

describe("customerToForm → customerFromForm", () => {
  const view: CustomerView = {
    id: 7,
    uname: "su0012",
    realname: "苏先生",
    emails: ["a@x.com", "b@y.cn"],
    phones: ["+8613800000000", "55612609866"],
    remark: "Regular customer.",
    isVip: true,
    vipLevel: "gold",
    labels: ["vip", "华东"],
    customFields: { city: "上海", formula: "x=1", empty: "" },
    externalIds: [
      { kind: "hyphenate-visitor", value: "visitor-1" },
      { kind: "sobot-partner", value: "P1" },
      { kind: "sobot-partner", value: "P2" },
      { kind: "udesk-customer", value: "U1" },
    ],
    createdAt: new Date("2026-10-01T00:00:00Z"),
    updatedAt: new Date("2026-10-02T00:00:00Z"),
  };

  it("writes the expected form values", () => {
    expect(customerToForm(view)).toEqual({
      uname: "su0012",
      realname: "苏先生",
      emails: "a@x.com\nb@y.cn",
      phones: "+8613800000000\n55612609866",
      remark: "Regular customer.",
      isVip: "on",
      vipLevel: "gold",
      labels: "vip, 华东",
      customFields: "city=上海\nformula=x=1\nempty=",
      "ext.sobot-partner": "P1, P2",
      "ext.sobot-customer": "",
      "ext.hyphenate-visitor": "visitor-1",
      "ext.udesk-customer": "U1",
      "ext.wechat-openid": "",
    });
  });

  it("round-trips a customer view", () => {
    for (const v of [view, { ...view, isVip: false, vipLevel: "", labels: [], customFields: {}, externalIds: [] }]) {
      const data = customerInput.parse(customerFromForm(formOf(customerToForm(v))));
      const byKindValue = (a: { kind: string; value: string }, b: { kind: string; value: string }) =>
        (a.kind + a.value).localeCompare(b.kind + b.value);
      expect({ ...data, externalIds: [...data.externalIds].sort(byKindValue) }).toEqual({
        uname: v.uname,
        realname: v.realname,
        emails: v.emails,
        phones: v.phones,
        remark: v.remark,
        isVip: v.isVip,
        vipLevel: v.vipLevel,
        labels: v.labels,
        customFields: v.customFields,
        externalIds: [...v.externalIds].sort(byKindValue),
      });
    }
  });
});

describe("customerFieldErrorsForForm", () => {
  const input = {
    uname: "a",
    emails: ["ok@x.com", "bad"],
    externalIds: [
      { kind: "sobot-partner" as const, value: "P1" },
      { kind: "udesk-customer" as const, value: "U1" },
    ],
  };

  it('maps externalIds.N to "ext.<kind>" and list entries to the field with an "Entry N: " prefix', () => {
    expect(
      customerFieldErrorsForForm(input, {
        "externalIds.1": ['udesk-customer "U1" already belongs to customer #3'],
        "externalIds.0.value": ["An external id cannot be empty"],
        "emails.1": ["Not an email address"],
        "labels.0": ["A label cannot be empty"],
        "labels.2": ["At most 50 characters"],
        uname: ["Give a nickname or a real name"],
        _: ["root"],
      }),
    ).toEqual({
      "ext.udesk-customer": ['udesk-customer "U1" already belongs to customer #3'],
      "ext.sobot-partner": ["An external id cannot be empty"],
      emails: ["Entry 2: Not an email address"],
      labels: ["Entry 1: A label cannot be empty", "Entry 3: At most 50 characters"],
      uname: ["Give a nickname or a real name"],
      _: ["root"],
    });
  });

  it('uses "ext.unknown" for an index with no entry', () => {
    expect(customerFieldErrorsForForm(input, { "externalIds.9": ["x"] })).toEqual({ "ext.unknown": ["x"] });
  });

  it("works end to end from form values through zod", () => {
    const formInput = customerFromForm(formOf({ uname: "a", emails: "ok@x.com\nbad", "ext.sobot-customer": "c1, c1" }));
    const result = customerInput.safeParse(formInput);
    expect(customerFieldErrorsForForm(formInput, fieldErrorsOf(result.error!))).toEqual({
      emails: ["Entry 2: Not an email address"],
      "ext.sobot-customer": ["sobot-customer c1 is listed twice"],
    });
  });

  // BUG (lib/customers/form.ts:41): errors on custom fields come keyed "customFields.<key>", which is
  // not a form input name, so the customer form (components/customers/customer-form.tsx:18) never shows them.
  it('puts custom-field errors on the "customFields" input', () => {
    const formInput = customerFromForm(formOf({ uname: "a", customFields: "bad key!=1" }));
    const result = customerInput.safeParse(formInput);
    expect(Object.keys(customerFieldErrorsForForm(formInput, fieldErrorsOf(result.error!)))).toEqual(["customFields"]);
  });
});

describe("shipmentsFromText", () => {
  it("parses 'time | status | text', keeping inner '|' in the text", () => {
    expect(shipmentsFromText("2026-11-01 10:00 | shipped | Left | the hub")).toEqual({
      shipments: [{ time: new Date(Date.UTC(2026, 10, 1, 10, 0)), status: "shipped", text: "Left | the hub" }],
      errors: [],
    });
  });

  it("parses several lines, skipping blanks; text is optional", () => {
    expect(shipmentsFromText("\n2026-11-01 10:00 | 揽收 | 已揽收\r\n\n2026-11-02 08:30|运输中\n")).toEqual({
      shipments: [
        { time: new Date(Date.UTC(2026, 10, 1, 10, 0)), status: "揽收", text: "已揽收" },
        { time: new Date(Date.UTC(2026, 10, 2, 8, 30)), status: "运输中", text: "" },
      ],
      errors: [],
    });
    expect(shipmentsFromText("")).toEqual({ shipments: [], errors: [] });
  });

  it('reports "Line N: ..." for a bad date or a missing status and keeps the good lines', () => {
    const result = shipmentsFromText(
      [
        "2026-11-01 10:00 | shipped | ok",
        "yesterday | shipped",
        "2026-11-01 10:00",
        "2026-11-01 10:00 |  | no status",
        "| shipped",
      ].join("\n"),
    );
    expect(result.shipments).toEqual([{ time: new Date(Date.UTC(2026, 10, 1, 10, 0)), status: "shipped", text: "ok" }]);
    expect(result.errors).toEqual([
      "Line 2: start with a date and time, e.g. 2026-11-01 10:00",
      "Line 3: give a status after the first |",
      "Line 4: give a status after the first |",
      "Line 5: start with a date and time, e.g. 2026-11-01 10:00",
    ]);
  });

  it("reads the full-width bar and digits a Chinese input method types", () => {
    expect(shipmentsFromText("2026-12-02 09:00｜运输中｜上海｜浦东\n２０２６-１２-０３ ０８：３０｜已签收")).toEqual({
      shipments: [
        { time: new Date(Date.UTC(2026, 11, 2, 9, 0)), status: "运输中", text: "上海 | 浦东" },
        { time: new Date(Date.UTC(2026, 11, 3, 8, 30)), status: "已签收", text: "" },
      ],
      errors: [],
    });
  });

  // BUG (lib/customers/form.ts:75): blank lines are dropped before numbering, so "Line N" counts
  // non-blank lines and points at the wrong line of the textarea.
  it("numbers lines as typed, counting blank lines", () => {
    expect(shipmentsFromText("2026-11-01 10:00 | shipped\n\nbad | shipped").errors).toEqual([
      "Line 3: start with a date and time, e.g. 2026-11-01 10:00",
    ]);
  });
});

describe("orderToForm ⇄ orderFromForm", () => {
  const view: OrderView = {
    id: 3,
    customerId: 7,
    orderNo: "DB20261011",
    title: "Smart Watch S3",
    imageUrl: "https://img.example.com/products/1.png",
    amountCents: 19900,
    amount: "199.00",
    quantity: 2,
    status: "shipped",
    createdAt: new Date(Date.UTC(2026, 9, 5, 14, 30)),
    shipments: [
      { id: 1, time: new Date(Date.UTC(2026, 9, 5, 19, 30)), status: "揽收", text: "已揽收 Picked up | 深圳转运中心" },
      { id: 2, time: new Date(Date.UTC(2026, 9, 6, 10, 30)), status: "运输中", text: "" },
    ],
  };

  it("writes the expected form values", () => {
    expect(orderToForm(view)).toEqual({
      orderNo: "DB20261011",
      title: "Smart Watch S3",
      imageUrl: "https://img.example.com/products/1.png",
      amount: "199.00",
      quantity: "2",
      status: "shipped",
      createdAt: "2026-10-05 14:30",
      shipments: "2026-10-05 19:30 | 揽收 | 已揽收 Picked up | 深圳转运中心\n2026-10-06 10:30 | 运输中 | ",
    });
  });

  it("round-trips an order view through the form and orderInput", () => {
    const { input, shipmentErrors } = orderFromForm(formOf(orderToForm(view)));
    expect(shipmentErrors).toEqual([]);
    expect(orderInput.parse(input)).toEqual({
      orderNo: view.orderNo,
      title: view.title,
      imageUrl: view.imageUrl,
      amountCents: 19900,
      quantity: 2,
      status: "shipped",
      createdAt: view.createdAt,
      shipments: view.shipments.map(({ time, status, text }) => ({ time, status, text })),
    });
  });

  it("writes and reads the times in the operator's zone", () => {
    const form = orderToForm(view, "Asia/Shanghai");
    expect(form.createdAt).toBe("2026-10-05 22:30");
    expect(form.shipments.split("\n")[0]).toBe("2026-10-06 03:30 | 揽收 | 已揽收 Picked up | 深圳转运中心");
    const { input } = orderFromForm(formOf(form), "Asia/Shanghai");
    expect(input.createdAt).toEqual(view.createdAt);
    expect(input.shipments?.map((s) => s.time)).toEqual(view.shipments.map((s) => s.time));
  });

  it("leaves createdAt undefined when blank, so the schema defaults it", () => {
    const { input } = orderFromForm(formOf({ ...orderToForm(view), createdAt: "  ", shipments: "" }));
    expect(input.createdAt).toBeUndefined();
    expect(input.shipments).toEqual([]);
    const before = Date.now();
    const parsed = orderInput.parse(input);
    expect(parsed.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(parsed.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("passes raw strings through for the schema to validate and returns shipment errors", () => {
    const { input, shipmentErrors } = orderFromForm(
      formOf({ orderNo: "A1", title: "t", amount: "12.5", quantity: "0", status: "lost", shipments: "nope | x" }),
    );
    expect(input).toMatchObject({ amountCents: "12.5", quantity: "0", status: "lost", imageUrl: "", shipments: [] });
    expect(shipmentErrors).toEqual(["Line 1: start with a date and time, e.g. 2026-11-01 10:00"]);
    const result = orderInput.safeParse(input);
    expect(Object.keys(fieldErrorsOf(result.error!)).sort()).toEqual(["quantity", "status"]);
  });
});
