// Benchmark data, written straight into Deskbridge's SQLite file with better-sqlite3 (after the
// migrations have run): the customers the vendor calls look up, the Udesk answers they need, and
// the large data set (100,000 customers, 1,000,000 logged calls) for the dashboard timings.
// Deterministic (seeded PRNG), in big transactions.
import Database from "better-sqlite3";
import { enFirst, enLast, hubs, labels, mailDomains, products, zhGiven, zhSurnames } from "./seed-words.mjs";

/** Dates as Prisma's SQLite adapter stores them: ISO 8601 with "+00:00". */
export const isoDate = (ms) => new Date(ms).toISOString().replace("Z", "+00:00");

/** Small deterministic PRNG (mulberry32). */
export function rng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function openDb(file) {
  const db = new Database(file, { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  return db;
}

/** One customer, deterministic from its number. `tag` keeps the external ids of each batch apart. */
function customerRow(r, n, tag, now, spanMs) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const chinese = r() < 0.55;
  const realname = chinese ? pick(zhSurnames) + pick(zhGiven) : `${pick(enFirst)} ${pick(enLast)}`;
  const uname = chinese ? `${realname}${n}` : `${realname.split(" ")[0].toLowerCase()}${n}`;
  const created = now - Math.floor(r() * spanMs);
  const updated = Math.min(now, created + Math.floor(r() * 60 * 86_400_000));
  const isVip = r() < 0.2;
  const emails = [`${chinese ? `u${tag}${n}` : uname}@${pick(mailDomains)}`];
  if (r() < 0.15) emails.push(`${tag.toLowerCase()}${n}.work@corp.example.com`);
  const phones = [`1${pick(["38", "39", "58", "86", "77", "35"])}${String(Math.floor(r() * 1e8)).padStart(8, "0")}`];
  const labelSet = new Set();
  if (r() < 0.6) labelSet.add(pick(labels));
  if (r() < 0.2) labelSet.add(pick(labels));
  return {
    uname,
    realname,
    remark: isVip
      ? chinese
        ? "重要客户，优先处理"
        : "Key account, handle first"
      : r() < 0.1
        ? "Asked about invoices twice"
        : "",
    isVip: isVip ? 1 : 0,
    vipLevel: isVip ? pick(["gold", "silver", "platinum"]) : "",
    customFields: JSON.stringify({
      city: chinese
        ? pick(["上海", "北京", "深圳", "杭州", "成都"])
        : pick(["Singapore", "London", "Sydney", "Toronto"]),
      source: pick(["app", "web", "wechat"]),
    }),
    createdAt: isoDate(created),
    updatedAt: isoDate(updated),
    emails,
    phones,
    labels: [...labelSet],
    externalIds: [
      ["sobot-partner", `${tag}P${n}`],
      ["hyphenate-visitor", `${tag}-visitor-${n}`],
      ["udesk-customer", String((tag === "B" ? 7_000_000 : 8_000_000) + n)],
      ["sobot-customer", `${tag}sc${n}`],
    ].filter((_, i) => i < 2 || r() < 0.5 || tag === "B"),
  };
}

function statements(db) {
  return {
    customer: db.prepare(
      'INSERT INTO "Customer" (uname, realname, remark, isVip, vipLevel, customFields, createdAt, updatedAt) ' +
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    email: db.prepare('INSERT INTO "CustomerEmail" (customerId, position, email) VALUES (?, ?, ?)'),
    phone: db.prepare('INSERT INTO "CustomerPhone" (customerId, position, phone, normalized) VALUES (?, ?, ?, ?)'),
    label: db.prepare('INSERT INTO "CustomerLabel" (customerId, label) VALUES (?, ?)'),
    externalId: db.prepare('INSERT INTO "ExternalId" (customerId, kind, value) VALUES (?, ?, ?)'),
    order: db.prepare(
      'INSERT INTO "Order" (customerId, orderNo, title, imageUrl, amountCents, quantity, status, createdAt) ' +
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    shipment: db.prepare('INSERT INTO "ShipmentEvent" (orderId, status, text, time) VALUES (?, ?, ?, ?)'),
  };
}

function insertCustomer(s, c) {
  const id = Number(
    s.customer.run(c.uname, c.realname, c.remark, c.isVip, c.vipLevel, c.customFields, c.createdAt, c.updatedAt)
      .lastInsertRowid,
  );
  c.emails.forEach((e, i) => {
    s.email.run(id, i, e.toLowerCase());
  });
  c.phones.forEach((p, i) => {
    // The normal form lookups compare (lib/phones): the seed's numbers are all Chinese mobiles.
    s.phone.run(id, i, p, `+86${p}`);
  });
  for (const l of c.labels) s.label.run(id, l);
  for (const [kind, value] of c.externalIds) s.externalId.run(id, kind, value);
  return id;
}

/**
 * The customers the vendor calls ask about: every one has all four external ids and one to three
 * orders with shipment timelines. Returns their external ids, for the request generators.
 */
export function seedCallbackCustomers(file, count) {
  const db = openDb(file);
  const s = statements(db);
  const r = rng(4242);
  const now = Date.now();
  const out = [];
  db.transaction(() => {
    for (let n = 1; n <= count; n++) {
      const c = customerRow(r, n, "B", now, 365 * 86_400_000);
      const id = insertCustomer(s, c);
      const orders = 1 + Math.floor(r() * 3);
      for (let k = 0; k < orders; k++) {
        const [title, price] = products[Math.floor(r() * products.length)];
        const created = now - Math.floor(r() * 90 * 86_400_000);
        const status = ["paid", "shipped", "delivered", "completed"][Math.floor(r() * 4)];
        const quantity = 1 + Math.floor(r() * 3);
        const orderId = Number(
          s.order.run(
            id,
            `BO${n}-${k}`,
            title,
            `https://img.example.com/p/${k}.png`,
            price * quantity,
            quantity,
            status,
            isoDate(created),
          ).lastInsertRowid,
        );
        if (status !== "paid") {
          s.shipment.run(
            orderId,
            "揽收",
            `已揽收 Picked up at ${hubs[n % hubs.length]}`,
            isoDate(created + 5 * 3600_000),
          );
          s.shipment.run(
            orderId,
            "运输中",
            `In transit via ${hubs[(n + k) % hubs.length]}`,
            isoDate(created + 20 * 3600_000),
          );
        }
      }
      const ids = Object.fromEntries(c.externalIds);
      out.push({
        id,
        partnerId: ids["sobot-partner"],
        visitor: ids["hyphenate-visitor"],
        udeskId: ids["udesk-customer"],
        sobotCustomerId: ids["sobot-customer"],
      });
    }
  })();
  db.close();
  return out;
}

/** What the Udesk calls need to answer something real: a question rule, a knowledge entry, a default card template. */
export function seedUdeskAnswers(file, integrationId) {
  const db = openDb(file);
  const now = isoDate(Date.now());
  db.prepare(
    'INSERT INTO "UdeskRule" (integrationId, position, matchType, pattern, answer, createdAt, updatedAt) ' +
      "VALUES (?, 1, ?, ?, ?, ?, ?)",
  ).run(integrationId, "question", "订单|order", "{{customer.realname}}，您最近的订单是 {{order.title}}", now, now);
  db.prepare(
    'INSERT INTO "UdeskRule" (integrationId, position, matchType, pattern, answer, createdAt, updatedAt) ' +
      "VALUES (?, 2, ?, ?, ?, ?, ?)",
  ).run(integrationId, "always", "", "您好 {{customer.realname}}，请问有什么可以帮您？", now, now);
  db.prepare(
    'INSERT INTO "KnowledgeEntry" (integrationId, datumId, templateAttributeId, msgType, content, createdAt) ' +
      "VALUES (?, ?, ?, ?, ?, ?)",
  ).run(integrationId, "101", "", "text", "退货政策：签收后 7 天内可无理由退货（{{datumName}}）", now);
  const config = {
    kind: "bubble_list",
    title: "请选择您要查看的订单",
    source: "orders",
    mapping: {
      id: "{{order.orderNo}}",
      title: "{{order.title}}",
      subTitle: "{{order.orderNo}}",
      img: "{{order.imageUrl}}",
      attr1: "{{order.amount}}",
      attr2: "{{order.quantity}}",
      attr3: "{{order.statusText}}",
      hitContent: "{{order.orderNo}}",
    },
    pageSize: 5,
  };
  db.prepare(
    'INSERT INTO "CardTemplate" (integrationId, name, taskNodeId, isDefault, slot, kind, config, createdAt, ' +
      "updatedAt) VALUES (?, ?, NULL, 1, ?, ?, ?, ?, ?)",
  ).run(integrationId, "Orders (bench)", "default", "bubble_list", JSON.stringify(config), now, now);
  db.close();
}

/**
 * 100,000 customers (or `customers`) and 1,000,000 calls (or `calls`) over the last `months`
 * months: mixed vendors, kinds and outcomes, newest with the highest id (the log is append-only);
 * calls older than the 30-day retention have their bodies pruned, as the server would have done.
 * `integrations`: [{id, vendor, slug}] already in the database.
 */
export function seedLarge(
  file,
  { customers = 100_000, calls = 1_000_000, months = 6, integrations = [], log = () => {} } = {},
) {
  const db = openDb(file);
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -200000");
  const s = statements(db);
  const r = rng(777);
  const now = Date.now();
  const spanMs = months * 30 * 86_400_000;
  const started = performance.now();

  let firstCustomer = 0;
  let lastCustomer = 0;
  const batch = 20_000;
  for (let done = 0; done < customers; done += batch) {
    db.transaction(() => {
      for (let n = done + 1; n <= Math.min(customers, done + batch); n++) {
        const id = insertCustomer(s, customerRow(r, n, "L", now, 2 * 365 * 86_400_000));
        if (!firstCustomer) firstCustomer = id;
        lastCustomer = id;
      }
    })();
  }
  log(`  ${customers.toLocaleString("en")} customers in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const byVendor = (vendor) => integrations.find((i) => i.vendor === vendor) ?? { id: null, slug: "unknown" };
  const kinds = [
    // vendor, kind, method, weight, path prefix
    ["sobot-crm", "crm", "POST", 0.3, "/api/callbacks/sobot/crm/"],
    ["udesk", "message", "POST", 0.15, "/api/callbacks/udesk/message/"],
    ["udesk", "task", "POST", 0.12, "/api/callbacks/udesk/task/"],
    ["udesk", "knowledge", "POST", 0.08, "/api/callbacks/udesk/knowledge/"],
    ["hyphenate", "iframe", "GET", 0.22, "/hyphenate/"],
    ["sobot-webhook", "webhook", "POST", 0.1, "/api/callbacks/sobot/webhook/"],
    ["sobot-api", "trigger", "POST", 0.03, "https://sg.sobot.io/logi-flow/webhook/trigger"],
  ];
  const cumulativeOf = (list, weight) => {
    let sum = 0;
    return list.map((x) => (sum += weight(x)));
  };
  const cumulative = cumulativeOf(kinds, (k) => k[3]);
  const outcomes = [
    ["ok", 0.8, 200],
    ["not_found", 0.1, 200],
    ["bad_signature", 0.035, 401],
    ["stale_timestamp", 0.02, 401],
    ["malformed", 0.02, 400],
    ["decrypt_failed", 0.01, 400],
    ["replayed", 0.01, 409],
    ["internal_error", 0.005, 500],
  ];
  const outcomeCum = cumulativeOf(outcomes, (o) => o[1]);
  const pickWeighted = (cum, list) => {
    const x = r() * cum[cum.length - 1];
    for (let i = 0; i < cum.length; i++) if (x < cum[i]) return list[i];
    return list[list.length - 1];
  };

  const insertCall = db.prepare(
    `INSERT INTO "Call" (createdAt, direction, vendor, kind, integrationId, method, path, query, headers, requestBody,
       requestEncoding, requestBytes,
       outcome, detail, decryptedRequest, customerId, status, responseBody, decryptedResponse, keyUsed, durationMs,
       prunedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'utf8', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const retentionMs = 30 * 86_400_000;
  const callsStarted = performance.now();
  const callBatch = 50_000;
  // Spread evenly over the span, with jitter, oldest first so the id order is the time order.
  const step = spanMs / calls;
  for (let done = 0; done < calls; done += callBatch) {
    db.transaction(() => {
      for (let i = done; i < Math.min(calls, done + callBatch); i++) {
        const [vendor, kind, method, , prefix] = pickWeighted(cumulative, kinds);
        const [outcome, , status] = pickWeighted(outcomeCum, outcomes);
        const at = Math.floor(now - spanMs + i * step + r() * step);
        const integration = byVendor(vendor);
        const customerId =
          outcome === "ok" || (outcome === "replayed" && r() < 0.5)
            ? firstCustomer + Math.floor(r() * (lastCustomer - firstCustomer + 1))
            : null;
        const old = now - at > retentionMs;
        const direction = vendor === "sobot-api" ? "out" : "in";
        const path = direction === "out" ? prefix : `${prefix}${integration.slug}`;
        const ts = Math.floor(at / 1000);
        const query = kind === "iframe" ? `visitorImId=${(r() * 1e16).toString(16)}&lang=zh` : "";
        const requestBody =
          kind === "iframe"
            ? ""
            : kind === "crm"
              ? `{"parameter":"${(r() * 1e18).toString(16).toUpperCase().padEnd(64, "0")}"}`
              : `{"timestamp":${ts},"sign":"${(r() * 1e18).toString(16)}","sessionId":${i}}`;
        const responseBody =
          outcome === "ok"
            ? kind === "crm"
              ? `{"data":"${(r() * 1e18).toString(16).toUpperCase().padEnd(96, "A")}"}`
              : kind === "webhook"
                ? '{"code":0,"status":0}'
                : '{"resCode":0,"resError":""}'
            : `{"error":"${outcome}"}`;
        const headers =
          `{"host":"crm.example.com","content-type":"application/json","user-agent":"${vendor}/1.0",` +
          `"timestamp":"${ts}","sign":"[redacted]"}`;
        insertCall.run(
          isoDate(at),
          direction,
          vendor,
          kind,
          integration.id,
          method,
          path,
          query,
          headers,
          old ? null : requestBody,
          requestBody.length,
          outcome,
          outcome === "ok"
            ? `customer #${customerId} found by partner id`
            : outcome === "not_found"
              ? "no customer matches"
              : `refused: ${outcome}`,
          old || outcome !== "ok" ? null : `{"partnerId":"P${customerId}"}`,
          customerId,
          status,
          old ? null : responseBody,
          old || outcome !== "ok" ? null : `{"uname":"u${customerId}"}`,
          outcome === "ok" ? (r() < 0.02 ? "previous" : "current") : null,
          1 + Math.floor(r() * r() * 120),
          old ? isoDate(at + retentionMs + 3600_000) : null,
        );
      }
    })();
    if ((done / callBatch) % 4 === 3) log(`  ${(done + callBatch).toLocaleString("en")} calls…`);
  }
  log(`  ${calls.toLocaleString("en")} calls in ${((performance.now() - callsStarted) / 1000).toFixed(1)} s`);
  db.pragma("synchronous = NORMAL");
  // No ANALYZE: Deskbridge never runs it, so the planner works without statistics, as in production.
  const counts = {
    customers: db.prepare('SELECT COUNT(*) AS n FROM "Customer"').get().n,
    calls: db.prepare('SELECT COUNT(*) AS n FROM "Call"').get().n,
  };
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return { seconds: (performance.now() - started) / 1000, firstCustomer, lastCustomer, ...counts };
}
