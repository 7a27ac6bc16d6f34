#!/usr/bin/env node
// The benchmark's baseline: the least a hand-written server must do for the same vendor calls,
// on a bare node:http server with better-sqlite3 and no framework. Per request, like Deskbridge:
// read the body (capped), find the integration by its URL segment (indexed), verify the sign in
// constant time and the timestamp window, decrypt, look the customer up by its external id
// (indexed, with emails, phones, labels, external ids), build the answer (AES-encrypt it, render the
// card or the panel), and insert one row into the call log. Same URLs, same database schema (a copy
// of Deskbridge's file, with the same customers), same WAL settings.
//
// Not done here, by design (that is what Deskbridge adds on top): opening sealed secrets per call
// (they are given in BENCH_BASELINE_CONFIG), schema validation of bodies, audit events, the
// customer's full merge rules on a webhook push, header redaction and template engines.
//
//   BENCH_BASELINE_CONFIG='{"db": FILE, "port": N, "integrations": {...}}' node scripts/bench/baseline.mjs
import crypto from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";
import {
  desDecrypt,
  sameSign,
  sameToken,
  sobotAesKey,
  sobotDecrypt,
  sobotEncrypt,
  sobotSign,
  udeskKnowledgeSign,
  udeskMessageSign,
  udeskTaskSign,
} from "./sign.mjs";
import { escapeHtml, fill, fresh, orderView, Refusal, readBody, routeOf } from "./baseline-parts.mjs";

const config = JSON.parse(process.env.BENCH_BASELINE_CONFIG ?? "{}");

const db = new Database(config.db, { timeout: 5000 });
db.pragma("journal_mode = WAL");
db.pragma("foreign_keys = ON");
db.pragma("synchronous = NORMAL");

const now = () => new Date().toISOString().replace("Z", "+00:00");
const q = {
  integration: db.prepare('SELECT id, vendor, name, enabled, settings FROM "Integration" WHERE slug = ?'),
  byExternalId: db.prepare(
    'SELECT c.* FROM "ExternalId" x JOIN "Customer" c ON c.id = x.customerId WHERE x.kind = ? AND x.value = ?',
  ),
  emails: db.prepare('SELECT email FROM "CustomerEmail" WHERE customerId = ? ORDER BY position'),
  phones: db.prepare('SELECT phone FROM "CustomerPhone" WHERE customerId = ? ORDER BY position'),
  labels: db.prepare('SELECT label FROM "CustomerLabel" WHERE customerId = ? ORDER BY label'),
  externalIds: db.prepare('SELECT kind, value FROM "ExternalId" WHERE customerId = ? ORDER BY kind, value'),
  orders: db.prepare('SELECT * FROM "Order" WHERE customerId = ? ORDER BY createdAt DESC, id DESC LIMIT ?'),
  shipments: db.prepare('SELECT * FROM "ShipmentEvent" WHERE orderId = ? ORDER BY time'),
  recentCalls: db.prepare(
    'SELECT id, createdAt, vendor, kind, outcome FROM "Call" WHERE customerId = ? ORDER BY id DESC LIMIT 5',
  ),
  rules: db.prepare('SELECT * FROM "UdeskRule" WHERE integrationId = ? ORDER BY position, id'),
  template: db.prepare(
    'SELECT * FROM "CardTemplate" WHERE integrationId = ? AND (taskNodeId = ? OR isDefault = 1) ' +
      "ORDER BY isDefault LIMIT 1",
  ),
  entries: db.prepare('SELECT * FROM "KnowledgeEntry" WHERE integrationId = ? ORDER BY datumId, templateAttributeId'),
  receipt: db.prepare(
    'INSERT INTO "WebhookReceipt" (integrationId, digest, customerId, createdAt) VALUES (?, ?, ?, ?) ' +
      "ON CONFLICT DO NOTHING",
  ),
  updateCustomer: db.prepare(
    'UPDATE "Customer" SET remark = ?, isVip = ?, customFields = ?, updatedAt = ? WHERE id = ?',
  ),
  insertCall: db.prepare(
    `INSERT INTO "Call" (createdAt, direction, vendor, kind, integrationId, method, path, query, headers, requestBody,
       requestEncoding, requestBytes,
       outcome, detail, decryptedRequest, customerId, status, responseBody, decryptedResponse, keyUsed, durationMs)
     VALUES (?, 'in', ?, ?, ?, ?, ?, ?, ?, ?, 'utf8', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
};

function customerBy(kind, value) {
  const c = q.byExternalId.get(kind, value);
  if (!c) return null;
  return {
    ...c,
    emails: q.emails.all(c.id).map((r) => r.email),
    phones: q.phones.all(c.id).map((r) => r.phone),
    labels: q.labels.all(c.id).map((r) => r.label),
    externalIds: q.externalIds.all(c.id),
    customFields: JSON.parse(c.customFields),
  };
}

const handlers = {
  // Sobot CRM docking: md5 sign over the parameter, AES-128-ECB both ways.
  "sobot/crm": (req, body, integration) => {
    const { companyId } = integration.settings;
    const timestamp = String(req.headers.timestamp ?? "");
    const sign = String(req.headers.sign ?? "");
    const { parameter } = JSON.parse(body);
    if (!timestamp || !sign || typeof parameter !== "string") throw new Refusal(400, "malformed", "malformed");
    if (!sameSign(sobotSign(companyId, timestamp, integration.secret, parameter), sign))
      throw new Refusal(401, "bad_signature", "bad sign");
    fresh(timestamp);
    const plaintext = sobotDecrypt(parameter, integration.aesKey);
    const query = JSON.parse(plaintext);
    const c = customerBy("sobot-partner", String(query.partnerId ?? query.partnerid ?? ""));
    if (!c) return { status: 200, body: '{"data":""}', outcome: "not_found", decryptedRequest: plaintext };
    const profile = JSON.stringify({
      customer_fields: JSON.stringify(c.customFields),
      email: c.emails[0] ?? "",
      is_vip: c.isVip ? "1" : "0",
      realname: c.realname,
      remark: c.remark,
      tel: c.phones[0] ?? "",
      uname: c.uname,
      user_label: c.labels.join(","),
      vip_level: c.vipLevel,
    });
    return {
      status: 200,
      body: JSON.stringify({ data: sobotEncrypt(profile, integration.aesKey) }),
      outcome: "ok",
      customerId: c.id,
      decryptedRequest: plaintext,
      decryptedResponse: profile,
    };
  },

  // Sobot webhook app: a shared header, then merge the push into the customer (and keep a receipt).
  "sobot/webhook": (req, body, integration) => {
    const given = String(req.headers[integration.settings.headerName] ?? "");
    if (!sameToken(integration.secret, given)) throw new Refusal(401, "bad_signature", "bad token");
    const push = JSON.parse(body);
    if (!push.id) throw new Refusal(400, "malformed", "id is required");
    const c = customerBy("sobot-customer", String(push.id));
    if (!c) throw new Refusal(400, "malformed", "unknown customer (the baseline only merges)");
    const digest = crypto.createHash("sha256").update(body).digest("hex");
    db.transaction(() => {
      q.updateCustomer.run(
        push.remark || c.remark,
        push.is_vip ? (push.is_vip === "1" ? 1 : 0) : c.isVip,
        JSON.stringify({ ...c.customFields, ...push.ex_fields }),
        now(),
        c.id,
      );
      q.receipt.run(integration.id, digest, c.id, now());
    })();
    return { status: 200, body: '{"code":0,"status":0}', outcome: "ok", customerId: c.id, decryptedRequest: body };
  },

  // Udesk message-triggered: sha1 sign, the first matching rule, a text template.
  "udesk/message": (_req, body, integration) => {
    const m = JSON.parse(body);
    const { integrationName } = integration.settings;
    if (
      !sameSign(udeskMessageSign(m.integrationName, integration.secret, m.timestamp), m.sign) ||
      m.integrationName !== integrationName
    )
      throw new Refusal(401, "bad_signature", "bad sign");
    fresh(m.timestamp);
    const c = m.customerExtra?.customerId ? customerBy("udesk-customer", String(m.customerExtra.customerId)) : null;
    const order = c ? q.orders.all(c.id, 1).map(orderView)[0] : null;
    const question = String(m.questionContent ?? "");
    const rule = q.rules
      .all(integration.id)
      .find((r) =>
        r.matchType === "always"
          ? true
          : r.matchType === "regex"
            ? r.pattern === m.regex
            : new RegExp(r.pattern, "u").test(question.slice(0, 500)),
      );
    const answer = fill(rule?.answer ?? "", { question, customer: c ?? {}, order: order ?? {} });
    return {
      status: 200,
      body: JSON.stringify({ answerContent: answer }),
      outcome: "ok",
      customerId: c?.id ?? null,
      decryptedRequest: body,
    };
  },

  // Udesk task push: md5 sign, the node's card template filled with the customer's orders.
  "udesk/task": (_req, body, integration) => {
    const t = JSON.parse(body);
    if (!sameSign(udeskTaskSign(integration.secret, t.taskNodeId ?? null, t.sessionId, t.timestamp), t.sign))
      throw new Refusal(401, "bad_signature", "bad sign");
    fresh(t.timestamp);
    const template = q.template.get(
      integration.id,
      t.taskNodeId === null || t.taskNodeId === undefined ? null : String(t.taskNodeId),
    );
    if (!template) return { status: 200, body: '{"resCode":-1,"resError":"no template"}', outcome: "not_found" };
    const config = JSON.parse(template.config);
    const c = t.customerExtra?.customerId ? customerBy("udesk-customer", String(t.customerExtra.customerId)) : null;
    const orders = c ? q.orders.all(c.id, 1000).map((o) => orderView({ ...o, shipments: q.shipments.all(o.id) })) : [];
    const pageSize = t.pageSize || config.pageSize || 5;
    const pageNum = Math.max(1, t.pageNum || 1);
    const data = orders.slice((pageNum - 1) * pageSize, pageNum * pageSize).map((o) => {
      const item = Object.fromEntries(
        Object.entries(config.mapping).map(([k, v]) => [k, fill(v, { order: o, customer: c })]),
      );
      return {
        id: item.id,
        img: item.img ?? "",
        title: item.title ?? "",
        subTitle: item.subTitle ?? null,
        attr1: item.attr1 ?? null,
        attr2: item.attr2 ?? null,
        attr3: item.attr3 ?? null,
        hitContent: item.hitContent ?? null,
      };
    });
    const answer = JSON.stringify({
      code: 200,
      message: "OK",
      visible: false,
      paging: { pageNum, pageSize, total: orders.length },
      data,
    });
    return {
      status: 200,
      body: answer,
      outcome: c ? "ok" : "not_found",
      customerId: c?.id ?? null,
      decryptedRequest: body,
    };
  },

  // Udesk knowledge base: sha256 sign, the entry for the datum.
  "udesk/knowledge": (_req, body, integration) => {
    const k = JSON.parse(body);
    if (!sameSign(udeskKnowledgeSign(integration.secret, k.timestamp), k.sign))
      throw new Refusal(401, "bad_signature", "bad sign");
    fresh(k.timestamp);
    const datumId = k.datumId == null ? "" : String(k.datumId);
    const attribute = k.templateAttributeId == null ? "" : String(k.templateAttributeId);
    const entries = q.entries.all(integration.id);
    const entry =
      entries.find((e) => e.datumId && e.datumId === datumId && e.templateAttributeId === attribute) ??
      entries.find((e) => e.datumId && e.datumId === datumId && !e.templateAttributeId);
    const answer = entry
      ? {
          resCode: 0,
          resError: "",
          message: { msgType: entry.msgType, msgContent: fill(entry.content, { datumName: k.datumName ?? "" }) },
        }
      : { resCode: -1, resError: "No entry for this datum", message: { msgType: "", msgContent: "" } };
    return { status: 200, body: JSON.stringify(answer), outcome: entry ? "ok" : "not_found", decryptedRequest: body };
  },
};

// Hyphenate iframe panel: DES-decrypt every parameter but lang, find the visitor, render a page.
function hyphenate(url, integration) {
  const params = {};
  for (const [name, value] of url.searchParams)
    params[name] = name === "lang" || value === "" ? value : desDecrypt(value, integration.secret);
  const c = customerBy("hyphenate-visitor", params.visitorImId ?? "");
  if (!c)
    return {
      status: 200,
      body: `<!doctype html><html><body><p>Not found: ${escapeHtml(params.visitorImId ?? "")}</p></body></html>`,
      outcome: "not_found",
      decryptedRequest: JSON.stringify(params),
      html: true,
    };
  const orders = q.orders.all(c.id, 5).map((o) => orderView({ ...o, shipments: q.shipments.all(o.id) }));
  const calls = q.recentCalls.all(c.id);
  const li = (xs) => xs.map((x) => `<li>${escapeHtml(x)}</li>`).join("");
  const head =
    `<head><meta charset="utf-8"><title>${escapeHtml(c.realname)}</title>` +
    "<style>body{font:13px sans-serif}</style></head>";
  const vip = c.isVip ? ` <span class="badge vip">VIP ${escapeHtml(c.vipLevel)}</span>` : "";
  const contact = `<dt>电话</dt><dd><ul>${li(c.phones)}</ul></dd><dt>邮箱</dt><dd><ul>${li(c.emails)}</ul></dd>`;
  const shipment = (s) => `<li>${s.time} <strong>${escapeHtml(s.status)}</strong> ${escapeHtml(s.text)}</li>`;
  const order = (o) =>
    `<section class="card"><strong>${escapeHtml(o.title)}</strong> ${escapeHtml(o.statusText)}` +
    `<div>${escapeHtml(o.orderNo)} · ${o.createdAt}</div><div>¥${o.amount} × ${o.quantity}</div>` +
    `<ol>${o.shipments.map(shipment).join("")}</ol></section>`;
  const call = (x) => `<li>${x.createdAt} ${escapeHtml(x.vendor)}/${escapeHtml(x.kind)} ${escapeHtml(x.outcome)}</li>`;
  const body = `<!doctype html><html lang="zh-CN">${head}<body><main>
<h1>${escapeHtml(c.realname || c.uname)}${vip}</h1><p>#${c.id}</p>
<div>${c.labels.map((l) => `<span class="badge">${escapeHtml(l)}</span>`).join("")}</div>
<dl>${contact}<dt>备注</dt><dd>${escapeHtml(c.remark)}</dd></dl>
<dl>${Object.entries(c.customFields)
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
    .join("")}</dl>
${orders.map(order).join("\n")}
<ul>${calls.map(call).join("")}</ul>
</main></body></html>`;
  return { status: 200, body, outcome: "ok", customerId: c.id, decryptedRequest: JSON.stringify(params), html: true };
}

/** The integrations, keyed by slug: secrets in memory (as a hand-written server would have them in its config). */
const secrets = new Map(Object.values(config.integrations ?? {}).map((i) => [i.slug, i.secret]));

const server = http.createServer(async (req, res) => {
  const started = performance.now();
  const url = new URL(req.url, "http://localhost");
  if (url.pathname === "/health") return res.end("ok");
  // The floor: an answer that touches nothing, as Deskbridge's GET /api/live.
  if (url.pathname === "/api/live") {
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    return res.end('{"status":"live"}');
  }
  const route = routeOf(url.pathname);
  let body = "";
  let integrationId = null;
  let result;
  try {
    body = await readBody(req);
    if (!route) throw new Refusal(404, "unknown_integration", "not found");
    const row = q.integration.get(route.slug);
    if (!row?.enabled) throw new Refusal(404, "unknown_integration", "not found");
    integrationId = row.id;
    const secret = secrets.get(route.slug);
    const integration = {
      ...row,
      settings: JSON.parse(row.settings),
      secret,
      aesKey: row.vendor === "sobot-crm" ? sobotAesKey(secret) : null,
    };
    result = route.kind === "hyphenate" ? hyphenate(url, integration) : handlers[route.kind](req, body, integration);
  } catch (error) {
    result =
      error instanceof Refusal
        ? { status: error.status, outcome: error.outcome, body: JSON.stringify({ error: error.outcome }) }
        : { status: 500, outcome: "internal_error", body: '{"error":"internal_error"}', detail: String(error) };
  }
  res.writeHead(result.status, {
    "content-type": result.html ? "text/html; charset=utf-8" : "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(result.body);
  const [vendor, kind] = route
    ? route.kind === "hyphenate"
      ? ["hyphenate", "iframe"]
      : route.kind.split("/")
    : ["unknown", "unknown"];
  q.insertCall.run(
    now(),
    vendor === "sobot" ? `sobot-${kind}` : vendor,
    kind,
    integrationId,
    req.method,
    url.pathname,
    url.search.slice(1),
    JSON.stringify(req.headers),
    body,
    Buffer.byteLength(body),
    result.outcome,
    result.detail ?? "",
    result.decryptedRequest ?? null,
    result.customerId ?? null,
    result.status,
    result.body,
    result.decryptedResponse ?? null,
    result.outcome === "ok" ? "current" : null,
    Math.round(performance.now() - started),
  );
});

server.keepAliveTimeout = 65_000;
server.listen(config.port, "127.0.0.1", () => console.log(`baseline listening on 127.0.0.1:${config.port}`));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => {
      db.close();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
