// Sample data for checking and previewing a template when no real customer is chosen.
import type { CustomerView } from "@/lib/customers/customers";
import type { OrderView } from "@/lib/customers/orders";
import type { RenderInput } from "@/lib/templates/render";

export function sampleInput(overrides: Partial<RenderInput> = {}): RenderInput {
  const now = new Date("2026-11-01T10:00:00");
  const customer: CustomerView = {
    id: 0,
    uname: "示例客户",
    realname: "张三",
    emails: ["sample@example.com"],
    phones: ["13800000000"],
    remark: "",
    isVip: true,
    vipLevel: "gold",
    labels: ["sample"],
    customFields: {},
    externalIds: [{ kind: "udesk-customer", value: "1" }],
    createdAt: now,
    updatedAt: now,
  };
  const orders: OrderView[] = [1, 2, 3].map((n) => ({
    id: n,
    customerId: 0,
    orderNo: `SAMPLE-${n}`,
    title: `示例商品 ${n}`,
    imageUrl: `https://img.example.com/sample-${n}.png`,
    amountCents: 19900 * n,
    amount: (199 * n).toFixed(2),
    quantity: n,
    status: ["paid", "shipped", "delivered"][n - 1],
    createdAt: now,
    shipments: [
      { id: n * 10, status: "揽收", text: "已揽收", time: now },
      { id: n * 10 + 1, status: "运输中", text: "运输中", time: new Date(now.getTime() + 3600_000) },
    ],
  }));
  return {
    customer,
    orders,
    variables: { city: "上海", phone: "13800000000" },
    pageNum: 1,
    pageSize: null,
    ...overrides,
  };
}
