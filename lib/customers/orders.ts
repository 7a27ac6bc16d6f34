// A customer's orders and their shipment events.
import type { Db } from "@/lib/db/client";
import { dateOf, preparedRows } from "@/lib/db/prepared";
import { Prisma } from "@/lib/generated/sqlite/client";
import { conflict, isUniqueViolation, notFound, validationError } from "@/lib/errors";
import { orderInput, type OrderData, type OrderInput } from "@/lib/customers/schemas";
import { fieldErrorsOf } from "@/lib/field-errors";
import { audit, diff } from "@/lib/audit/audit";

const ORDER_FIELDS = ["orderNo", "title", "imageUrl", "amount", "quantity", "status", "createdAt", "shipments"];
const auditable = (o: OrderView) => ({
  ...o,
  shipments: o.shipments.map((s) => `${s.time.toISOString()} ${s.status} ${s.text}`),
});

export type ShipmentView = { id: number; status: string; text: string; time: Date };
export type OrderView = {
  id: number;
  customerId: number;
  orderNo: string;
  title: string;
  imageUrl: string;
  amountCents: number;
  amount: string;
  quantity: number;
  status: string;
  createdAt: Date;
  shipments: ShipmentView[];
};

export const formatAmount = (cents: number) => (cents / 100).toFixed(2);

const include = { shipments: { orderBy: [{ time: "asc" as const }, { id: "asc" as const }] } };

type OrderRow = {
  id: number;
  customerId: number;
  orderNo: string;
  title: string;
  imageUrl: string;
  amountCents: number;
  quantity: number;
  status: string;
  createdAt: Date;
  shipments: ShipmentView[];
};

function toView(o: OrderRow): OrderView {
  return {
    id: o.id,
    customerId: o.customerId,
    orderNo: o.orderNo,
    title: o.title,
    imageUrl: o.imageUrl,
    amountCents: o.amountCents,
    amount: formatAmount(o.amountCents),
    quantity: o.quantity,
    status: o.status,
    createdAt: o.createdAt,
    shipments: o.shipments.map((s) => ({ id: s.id, status: s.status, text: s.text, time: s.time })),
  };
}

export function parseOrder(input: OrderInput): OrderData {
  const parsed = orderInput.safeParse(input);
  if (!parsed.success) throw validationError("The order has invalid fields.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

function duplicateOrderNo(error: unknown, orderNo: string): never {
  if (isUniqueViolation(error))
    throw conflict(`Order number ${orderNo} is already used.`, { orderNo: ["This order number is already used"] });
  throw error;
}

const scalars = (d: OrderData) => ({
  orderNo: d.orderNo,
  title: d.title,
  imageUrl: d.imageUrl,
  amountCents: d.amountCents,
  quantity: d.quantity,
  status: d.status,
  createdAt: d.createdAt,
});

/**
 * The customer's latest orders with their shipments, in one prepared statement (lib/db/prepared):
 * the orders, each repeated once per shipment event (or once, with no event).
 */
export async function listOrders(client: Db, customerId: number, take = 100): Promise<OrderView[]> {
  const rows = await preparedRows<
    Omit<OrderRow, "shipments" | "createdAt"> & {
      createdAt: unknown;
      sId: number | null;
      sStatus: string | null;
      sText: string | null;
      sTime: unknown;
    }
  >(
    client,
    Prisma.sql`WITH "latest" AS (
        SELECT "id", "customerId", "orderNo", "title", "imageUrl", "amountCents", "quantity", "status", "createdAt"
        FROM "Order" WHERE "customerId" = ${customerId} ORDER BY "createdAt" DESC, "id" DESC LIMIT ${take})
      SELECT o.*, s."id" AS "sId", s."status" AS "sStatus", s."text" AS "sText", s."time" AS "sTime"
      FROM "latest" o LEFT JOIN "ShipmentEvent" s ON s."orderId" = o."id"
      ORDER BY o."createdAt" DESC, o."id" DESC`,
  );
  // Each order's events are put in time order here: sorting them in SQL too took SQLite a
  // temporary B-tree on every lookup (about a fifth of the statement).
  const orders: OrderView[] = [];
  for (const row of rows) {
    let order = orders.at(-1);
    if (order?.id !== Number(row.id)) {
      order = toView({
        ...row,
        id: Number(row.id),
        customerId: Number(row.customerId),
        amountCents: Number(row.amountCents),
        quantity: Number(row.quantity),
        createdAt: dateOf(row.createdAt),
        shipments: [],
      });
      orders.push(order);
    }
    if (row.sId !== null)
      order.shipments.push({
        id: Number(row.sId),
        status: row.sStatus ?? "",
        text: row.sText ?? "",
        time: dateOf(row.sTime),
      });
  }
  for (const order of orders)
    if (order.shipments.length > 1) order.shipments.sort((a, b) => a.time.getTime() - b.time.getTime() || a.id - b.id);
  return orders;
}

export async function addOrder(client: Db, customerId: number, input: OrderInput): Promise<OrderView> {
  const data = parseOrder(input);
  const customer = await client.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw notFound(`Customer #${customerId} does not exist.`);
  const row = await client.order
    .create({ data: { customerId, ...scalars(data), shipments: { create: data.shipments } }, include })
    .catch((e) => duplicateOrderNo(e, data.orderNo));
  await client.customer.update({ where: { id: customerId }, data: { updatedAt: new Date() } });
  const view = toView(row);
  await audit(client, {
    action: "create",
    entity: "order",
    entityId: view.id,
    customerId,
    summary: `added order ${view.orderNo}`,
    changes: diff(null, auditable(view), ORDER_FIELDS),
  });
  return view;
}

export async function updateOrder(client: Db, orderId: number, input: OrderInput): Promise<OrderView> {
  const data = parseOrder(input);
  const beforeRow = await client.order.findUnique({ where: { id: orderId }, include });
  const before = beforeRow ? auditable(toView(beforeRow)) : null;
  const row = await client
    .$transaction(async (tx) => {
      const existing = await tx.order.findUnique({ where: { id: orderId }, select: { customerId: true } });
      if (!existing) throw notFound(`Order #${orderId} does not exist.`);
      await tx.shipmentEvent.deleteMany({ where: { orderId } });
      const updated = await tx.order.update({
        where: { id: orderId },
        data: { ...scalars(data), shipments: { create: data.shipments } },
        include,
      });
      await tx.customer.update({ where: { id: existing.customerId }, data: { updatedAt: new Date() } });
      return updated;
    })
    .catch((e) => duplicateOrderNo(e, data.orderNo));
  const view = toView(row);
  const changes = diff(before, auditable(view), ORDER_FIELDS);
  if (Object.keys(changes).length)
    await audit(client, {
      action: "update",
      entity: "order",
      entityId: orderId,
      customerId: view.customerId,
      summary: `changed ${Object.keys(changes).join(", ")} of order ${view.orderNo}`,
      changes,
    });
  return view;
}

export async function deleteOrder(client: Db, orderId: number): Promise<{ customerId: number }> {
  const existing = await client.order.findUnique({
    where: { id: orderId },
    select: { customerId: true, orderNo: true },
  });
  if (!existing) throw notFound(`Order #${orderId} does not exist.`);
  await client.order.delete({ where: { id: orderId } });
  await audit(client, {
    action: "delete",
    entity: "order",
    entityId: orderId,
    customerId: existing.customerId,
    summary: `deleted order ${existing.orderNo}`,
  });
  return { customerId: existing.customerId };
}
