// Demo data for a first start: customers with Chinese and English names, external ids of every
// kind, and orders with shipment timelines. Deterministic, so screenshots and tests are stable.
import type { Db } from "@/lib/db/client";
import { createCustomer } from "@/lib/customers/customers";
import { addOrder } from "@/lib/customers/orders";
import type { CustomerInput, OrderInput } from "@/lib/customers/schemas";

const zhSurnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡"];
const zhGiven = [
  "伟",
  "芳",
  "娜",
  "敏",
  "静",
  "磊",
  "洋",
  "艳",
  "勇",
  "杰",
  "娟",
  "涛",
  "明",
  "超",
  "秀英",
  "晓东",
  "雪梅",
  "志强",
];
const enFirst = [
  "Alice",
  "Ben",
  "Chloe",
  "David",
  "Emma",
  "Frank",
  "Grace",
  "Henry",
  "Ivy",
  "Jack",
  "Kate",
  "Leo",
  "Mia",
  "Noah",
  "Olivia",
];
const enLast = ["Smith", "Chen", "Johnson", "Wong", "Brown", "Lee", "Garcia", "Tan", "Miller", "Lim"];
const labels = ["新客户", "老客户", "投诉", "wholesale", "priority", "newsletter", "华东", "华南"];
const products = [
  ["无线蓝牙耳机 Pro", 49900],
  ["Smart Watch S3", 129900],
  ["机械键盘 87 键", 35900],
  ['4K Monitor 27"', 219900],
  ["保温杯 500ml", 8900],
  ["Running Shoes", 59900],
  ["空气净化器", 169900],
  ["Travel Backpack", 32900],
] as const;
const hubs = ["深圳转运中心", "上海转运中心", "Hangzhou hub", "北京分拨中心", "Guangzhou hub"];

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function demoCustomers(count = 50): { customer: CustomerInput; orders: OrderInput[] }[] {
  const r = rng(20261121);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const base = Date.UTC(2026, 9, 1);
  const out: { customer: CustomerInput; orders: OrderInput[] }[] = [
    {
      // The customer of Sobot's CRM-docking example, so its documented lookup finds someone.
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
    },
  ];
  for (let i = 1; out.length < count; i++) {
    const chinese = i % 2 === 1;
    const realname = chinese ? pick(zhSurnames) + pick(zhGiven) : `${pick(enFirst)} ${pick(enLast)}`;
    const uname = chinese ? `${realname}${i}` : realname.split(" ")[0].toLowerCase() + i;
    const n = String(i).padStart(3, "0");
    const phone = `1${pick(["38", "39", "58", "86", "77"])}${String(Math.floor(r() * 1e8)).padStart(8, "0")}`;
    const isVip = r() < 0.3;
    const orders: OrderInput[] = [];
    const orderCount = Math.floor(r() * 4);
    for (let k = 0; k < orderCount; k++) {
      const [title, price] = pick(products);
      const created = new Date(base + Math.floor(r() * 45 * 86400_000));
      const status = pick(["paid", "shipped", "delivered", "completed", "pending"] as const);
      const quantity = 1 + Math.floor(r() * 3);
      const shipments =
        status === "shipped" || status === "delivered" || status === "completed"
          ? [
              {
                time: new Date(created.getTime() + 3600_000 * 5),
                status: "揽收",
                text: `已揽收 Picked up at ${pick(hubs)}`,
              },
              {
                time: new Date(created.getTime() + 3600_000 * 20),
                status: "运输中",
                text: `In transit via ${pick(hubs)}`,
              },
              ...(status !== "shipped"
                ? [
                    {
                      time: new Date(created.getTime() + 3600_000 * 44),
                      status: "已签收",
                      text: "Delivered, signed by customer",
                    },
                  ]
                : []),
            ]
          : [];
      orders.push({
        orderNo: `DB${20261000 + i * 10 + k}`,
        title,
        imageUrl: `https://img.example.com/products/${(i + k) % 8}.png`,
        amountCents: ((price * quantity) / 100).toFixed(2),
        quantity,
        status,
        createdAt: created,
        shipments,
      });
    }
    out.push({
      customer: {
        uname,
        realname,
        emails: chinese
          ? [`user${n}@163.com`]
          : [`${uname}@example.com`, ...(i % 5 === 0 ? [`${uname}@work.example.com`] : [])],
        phones: [phone],
        remark: isVip ? (chinese ? "重要客户，优先处理" : "Key account, handle first") : "",
        isVip,
        vipLevel: isVip ? pick(["gold", "silver", "platinum"]) : "",
        labels: [...new Set([pick(labels), ...(r() < 0.4 ? [pick(labels)] : [])])],
        customFields: {
          city: chinese ? pick(["上海", "北京", "深圳", "杭州"]) : pick(["Singapore", "London", "Sydney"]),
          source: pick(["app", "web", "wechat"]),
        },
        externalIds: [
          { kind: "sobot-partner", value: `P${n}` },
          { kind: "hyphenate-visitor", value: `visitor-${n}` },
          // Udesk user ids are integers.
          ...(i % 3 === 0 ? [{ kind: "udesk-customer" as const, value: String(90000 + i) }] : []),
          ...(i % 4 === 0 ? [{ kind: "sobot-customer" as const, value: `sc${n}` }] : []),
        ],
      },
      orders,
    });
  }
  return out;
}

export async function seedDemo(client: Db, count = 50): Promise<number> {
  for (const { customer, orders } of demoCustomers(count)) {
    const created = await createCustomer(client, customer);
    for (const order of orders) await addOrder(client, created.id, order);
  }
  return count;
}
