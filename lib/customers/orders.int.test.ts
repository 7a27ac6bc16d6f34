// Orders on real databases: amounts, shipment timelines, order-number uniqueness, update, delete, listing order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appError } from "@/lib/testing/app-error";
import { createCustomer, type CustomerView } from "@/lib/customers/customers";
import { addOrder, deleteOrder, listOrders, updateOrder } from "@/lib/customers/orders";
import type { OrderInput } from "@/lib/customers/schemas";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

const order = (orderNo: string, extra: Partial<OrderInput> = {}): OrderInput => ({
  orderNo,
  title: "无线蓝牙耳机 Pro",
  amountCents: "199",
  quantity: 1,
  status: "paid",
  ...extra,
});

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`orders on ${provider.name}`, () => {
    let t: TestDatabase;
    let alice: CustomerView;
    let bob: CustomerView;
    beforeAll(async () => {
      t = await createDatabase(provider.name);
      alice = await createCustomer(t.db, { uname: "alice" });
      bob = await createCustomer(t.db, { uname: "bob" });
    });
    afterAll(async () => {
      await t?.drop();
    });

    it("adds an order with its amount in yuan and its shipments in time order", async () => {
      const added = await addOrder(
        t.db,
        alice.id,
        order("DB-1001", {
          createdAt: new Date("2026-10-01T08:00:00Z"),
          shipments: [
            { time: new Date("2026-10-03T09:00:00Z"), status: "已签收", text: "Delivered" },
            { time: new Date("2026-10-01T13:00:00Z"), status: "揽收", text: "Picked up at 深圳转运中心" },
            { time: new Date("2026-10-02T04:00:00Z"), status: "运输中" },
          ],
        }),
      );
      expect(added).toMatchObject({
        customerId: alice.id,
        orderNo: "DB-1001",
        amount: "199.00",
        amountCents: 19900,
        quantity: 1,
        status: "paid",
      });
      expect(added.createdAt.toISOString()).toBe("2026-10-01T08:00:00.000Z");
      expect(added.shipments.map((s) => s.status)).toEqual(["揽收", "运输中", "已签收"]);
      expect(added.shipments[0]).toMatchObject({ text: "Picked up at 深圳转运中心" });
      expect(added.shipments[0].time.toISOString()).toBe("2026-10-01T13:00:00.000Z");

      const [listed] = await listOrders(t.db, alice.id);
      expect(listed.amount).toBe("199.00");
      expect(listed.shipments.map((s) => s.status)).toEqual(["揽收", "运输中", "已签收"]);
    });

    it.each([
      ["199.5", "199.50", 19950],
      ["0.29", "0.29", 29],
      [12, "12.00", 1200],
    ])("stores the amount %s exactly (%s)", async (amountCents, amount, cents) => {
      const added = await addOrder(t.db, bob.id, order(`AMT-${cents}`, { amountCents }));
      expect(added).toMatchObject({ amount, amountCents: cents });
      expect((await listOrders(t.db, bob.id)).find((o) => o.id === added.id)?.amount).toBe(amount);
    });

    // Amounts up to 10 digits of yuan pass validation; the database must keep them, or validation must refuse them.
    it("stores the largest amount it accepts and refuses a larger one as a field error", async () => {
      expect(await addOrder(t.db, bob.id, order("BIG-1", { amountCents: "21474836.47" }))).toMatchObject({
        amount: "21474836.47",
      });
      const error = await appError(addOrder(t.db, bob.id, order("BIG-2", { amountCents: "21474836.48" })));
      expect(error.code).toBe("validation");
      expect(error.fieldErrors.amountCents).toEqual(["At most 21474836.47"]);
    });

    it("refuses an order number that is already used, even by another customer", async () => {
      await addOrder(t.db, alice.id, order("DUP-1"));
      for (const customer of [alice, bob]) {
        const error = await appError(addOrder(t.db, customer.id, order("DUP-1", { title: "Another" })));
        expect(error.code).toBe("conflict");
        expect(Object.keys(error.fieldErrors)).toEqual(["orderNo"]);
      }
      expect(await t.db.order.count({ where: { orderNo: "DUP-1" } })).toBe(1);
    });

    it("rejects invalid orders with the fields at fault", async () => {
      const error = await appError(
        addOrder(t.db, alice.id, order("", { amountCents: "12.345", status: "lost" as "paid" })),
      );
      expect(error.code).toBe("validation");
      expect(Object.keys(error.fieldErrors).sort()).toEqual(["amountCents", "orderNo", "status"]);
    });

    it("refuses an order for a customer that does not exist", async () => {
      const error = await appError(addOrder(t.db, 987_654, order("ORPHAN-1")));
      expect(error.code).toBe("not_found");
      expect(await t.db.order.count({ where: { orderNo: "ORPHAN-1" } })).toBe(0);
    });

    it("updates an order, replacing its shipments", async () => {
      const added = await addOrder(
        t.db,
        alice.id,
        order("UPD-1", {
          shipments: [
            { time: new Date("2026-10-05T01:00:00Z"), status: "揽收" },
            { time: new Date("2026-10-06T01:00:00Z"), status: "运输中" },
          ],
        }),
      );
      const updated = await updateOrder(
        t.db,
        added.id,
        order("UPD-1", {
          title: "Smart Watch S3",
          amountCents: "1299.00",
          quantity: 2,
          status: "delivered",
          shipments: [{ time: new Date("2026-10-07T01:00:00Z"), status: "已签收", text: "Signed" }],
        }),
      );
      expect(updated).toMatchObject({
        id: added.id,
        title: "Smart Watch S3",
        amount: "1299.00",
        quantity: 2,
        status: "delivered",
      });
      expect(updated.shipments.map((s) => s.status)).toEqual(["已签收"]);
      expect(await t.db.shipmentEvent.count({ where: { orderId: added.id } })).toBe(1);
      const listed = (await listOrders(t.db, alice.id)).find((o) => o.id === added.id);
      expect(listed?.shipments.map((s) => s.text)).toEqual(["Signed"]);
    });

    it("refuses to rename an order to a number that is taken, and leaves it unchanged", async () => {
      const a = await addOrder(
        t.db,
        alice.id,
        order("REN-A", { shipments: [{ time: new Date("2026-10-05T01:00:00Z"), status: "揽收" }] }),
      );
      await addOrder(t.db, alice.id, order("REN-B"));
      const error = await appError(updateOrder(t.db, a.id, order("REN-B")));
      expect(error.code).toBe("conflict");
      expect(Object.keys(error.fieldErrors)).toEqual(["orderNo"]);
      const unchanged = (await listOrders(t.db, alice.id)).find((o) => o.id === a.id);
      expect(unchanged?.orderNo).toBe("REN-A");
      expect(unchanged?.shipments.map((s) => s.status)).toEqual(["揽收"]);
    });

    it("refuses to update an order that does not exist", async () => {
      expect((await appError(updateOrder(t.db, 987_654, order("NOPE-1")))).code).toBe("not_found");
    });

    it("deletes an order and its shipments", async () => {
      const added = await addOrder(
        t.db,
        alice.id,
        order("DEL-1", { shipments: [{ time: new Date("2026-10-05T01:00:00Z"), status: "揽收" }] }),
      );
      expect(await deleteOrder(t.db, added.id)).toEqual({ customerId: alice.id });
      expect((await listOrders(t.db, alice.id)).map((o) => o.orderNo)).not.toContain("DEL-1");
      expect(await t.db.shipmentEvent.count({ where: { orderId: added.id } })).toBe(0);
      expect((await appError(deleteOrder(t.db, added.id))).code).toBe("not_found");
      // The number is free again.
      expect((await addOrder(t.db, alice.id, order("DEL-1"))).orderNo).toBe("DEL-1");
    });

    it("lists a customer's orders newest first, and only that customer's", async () => {
      const carol = await createCustomer(t.db, { uname: "carol" });
      await addOrder(t.db, carol.id, order("NEW-2", { createdAt: new Date("2026-10-02T00:00:00Z") }));
      await addOrder(t.db, carol.id, order("NEW-3", { createdAt: new Date("2026-11-15T00:00:00Z") }));
      await addOrder(t.db, carol.id, order("NEW-1", { createdAt: new Date("2026-09-30T23:59:00Z") }));
      await addOrder(t.db, bob.id, order("NOT-CAROL", { createdAt: new Date("2026-12-01T00:00:00Z") }));
      expect((await listOrders(t.db, carol.id)).map((o) => o.orderNo)).toEqual(["NEW-3", "NEW-2", "NEW-1"]);
      expect(await listOrders(t.db, 987_654)).toEqual([]);
    });

    it("marks the customer as updated when an order is added", async () => {
      const dave = await createCustomer(t.db, { uname: "dave" });
      const before = (await t.db.customer.findUniqueOrThrow({ where: { id: dave.id } })).updatedAt;
      await new Promise((resolve) => setTimeout(resolve, 20));
      await addOrder(t.db, dave.id, order("TOUCH-1"));
      const after = (await t.db.customer.findUniqueOrThrow({ where: { id: dave.id } })).updatedAt;
      expect(after.getTime()).toBeGreaterThan(before.getTime());
    });
  });
}
