// Unit tests for the deterministic demo data (demoCustomers), without a database.
import { describe, expect, it } from "vitest";
import { demoCustomers } from "@/lib/demo/seed";
import { customerInput, orderInput } from "@/lib/customers/schemas";

const demo = demoCustomers();
const customers = demo.map((d) => d.customer);
const orders = demo.flatMap((d) => d.orders);

describe("demoCustomers", () => {
  it("gives 50 entries by default and honours count", () => {
    expect(demo).toHaveLength(50);
    expect(demoCustomers(5)).toHaveLength(5);
    expect(demoCustomers(1)).toHaveLength(1);
  });

  it("is deterministic", () => {
    expect(demoCustomers()).toEqual(demo);
    expect(demoCustomers(10)).toEqual(demo.slice(0, 10));
  });

  it("starts with the Sobot CRM example customer", () => {
    expect(demo[0]).toEqual({
      customer: {
        uname: "su0012",
        realname: "su0012",
        emails: ["55612609866@163.com"],
        phones: ["55612609866"],
        remark: "Regular customer, interested in premium services.",
        isVip: true,
        labels: ["0fd208364e3a4c67954027680002a89e"],
        customFields: { "4a069df0fd4d49298041240bf15e47c8": "123" },
        externalIds: [{ kind: "sobot-partner", value: "partnerId" }],
      },
      orders: [],
    });
  });

  it("every customer passes customerInput", () => {
    for (const customer of customers) {
      const result = customerInput.safeParse(customer);
      expect(result.error?.issues ?? [], customer.uname).toEqual([]);
    }
  });

  it("every order passes orderInput, with amount = price × quantity", () => {
    expect(orders.length).toBeGreaterThan(20);
    for (const order of orders) {
      const result = orderInput.safeParse(order);
      expect(result.error?.issues ?? [], order.orderNo).toEqual([]);
      expect(result.data!.amountCents % result.data!.quantity).toBe(0);
    }
  });

  it("external ids are unique per (kind, value) across all customers", () => {
    const keys = customers.flatMap((c) => (c.externalIds ?? []).map((x) => `${x.kind}:${x.value}`));
    expect(keys.length).toBeGreaterThan(customers.length);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(customers.flatMap((c) => (c.externalIds ?? []).map((x) => x.kind)))).toEqual(
      new Set(["sobot-partner", "sobot-customer", "hyphenate-visitor", "udesk-customer"]),
    );
  });

  it("order numbers, unames and emails are unique", () => {
    const orderNos = orders.map((o) => o.orderNo);
    expect(new Set(orderNos).size).toBe(orderNos.length);
    const unames = customers.map((c) => c.uname);
    expect(new Set(unames).size).toBe(unames.length);
    const emails = customers.flatMap((c) => c.emails ?? []).map((e) => e.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
  });

  it("has both Chinese and English real names", () => {
    const names = customers.map((c) => c.realname ?? "");
    const chinese = names.filter((n) => /[\u4e00-\u9fff]/.test(n));
    const english = names.filter((n) => /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(n));
    expect(chinese.length).toBe(25);
    expect(english.length).toBe(24);
  });

  it("shipment timelines follow the order status", () => {
    for (const order of orders) {
      const statuses = (order.shipments ?? []).map((s) => s.status);
      if (order.status === "shipped") expect(statuses).toEqual(["揽收", "运输中"]);
      else if (order.status === "delivered" || order.status === "completed")
        expect(statuses).toEqual(["揽收", "运输中", "已签收"]);
      else expect(statuses).toEqual([]);
    }
    expect(new Set(orders.map((o) => o.status)).size).toBeGreaterThanOrEqual(3);
  });
});
