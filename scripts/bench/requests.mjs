// The vendor side of the benchmark: one generator per callback kind, each returning a fresh,
// correctly signed request every time it is called (fresh timestamp, and a varying field, so that
// no two requests are the same call and replay protection never refuses one).
import {
  desEncrypt,
  sobotAesKey,
  sobotEncrypt,
  sobotSign,
  udeskKnowledgeSign,
  udeskMessageSign,
  udeskTaskSign,
} from "./sign.mjs";

const seconds = () => Math.floor(Date.now() / 1000);
const json = { "content-type": "application/json" };

/**
 * `setup`: { sobotCrm: {slug, companyId, secret}, sobotWebhook: {slug, headerName, sharedSecret},
 * udesk: {slug, integrationName, key}, hyphenate: {slug, key} }; `customers`: from seedCallbackCustomers.
 * `start`: the first sequence number (a load process of its own starts where no other did).
 * Returns { kind: { label, next() → {method, path, headers, body}, source } }, `source` being what
 * rebuilds the generator in another process (scripts/bench/cannon.mjs).
 */
export function generators(setup, customers, start = 0) {
  let counter = start;
  const customer = () => customers[counter++ % customers.length];
  const { sobotCrm, sobotWebhook, udesk, hyphenate } = setup;
  const aesKey = sobotAesKey(sobotCrm.secret);

  const gens = {
    floor: {
      label: "the floor: GET /api/live (touches nothing)",
      next: () => ({ method: "GET", path: "/api/live", headers: {}, body: undefined }),
    },
    "sobot-crm": {
      label: "Sobot CRM docking (POST, AES + md5)",
      next() {
        const c = customer();
        const timestamp = String(seconds());
        // The query is the documented one plus a sequence number: every parameter differs.
        const parameter = sobotEncrypt(JSON.stringify({ partnerId: c.partnerId, seq: counter }), aesKey);
        return {
          method: "POST",
          path: `/api/callbacks/sobot/crm/${sobotCrm.slug}`,
          headers: { ...json, timestamp, sign: sobotSign(sobotCrm.companyId, timestamp, sobotCrm.secret, parameter) },
          body: JSON.stringify({ parameter }),
        };
      },
    },
    "sobot-webhook": {
      label: "Sobot webhook app push (POST, header token)",
      next() {
        const c = customer();
        const n = counter;
        return {
          method: "POST",
          path: `/api/callbacks/sobot/webhook/${sobotWebhook.slug}`,
          headers: { ...json, [sobotWebhook.headerName]: sobotWebhook.sharedSecret },
          body: JSON.stringify({
            id: c.sobotCustomerId,
            pid: "",
            nick: "",
            uname: "",
            email: "",
            tel: "",
            qq: "",
            remark: `pushed by the rule engine, #${n}`,
            is_vip: n % 5 === 0 ? "1" : "0",
            vip_level: "",
            user_label: "",
            face: "",
            ex_fields: { lastPush: String(n) },
          }),
        };
      },
    },
    "udesk-message": {
      label: "Udesk message-triggered (POST, sha1)",
      next() {
        const c = customer();
        const timestamp = seconds();
        return {
          method: "POST",
          path: `/api/callbacks/udesk/message/${udesk.slug}`,
          headers: json,
          body: JSON.stringify({
            timestamp,
            sign: udeskMessageSign(udesk.integrationName, udesk.key, timestamp),
            integrationName: udesk.integrationName,
            regex: "",
            // The sign covers only name, key and timestamp: the question makes each call distinct.
            questionContent: `我的订单到哪里了？(${counter})`,
            extra: { weChatOpenId: `o-bench-${counter % 997}` },
            customerExtra: { customerId: Number(c.udeskId) },
          }),
        };
      },
    },
    "udesk-task": {
      label: "Udesk task push (POST, md5, card template)",
      next() {
        const c = customer();
        const timestamp = seconds();
        const sessionId = 10_000_000 + counter;
        return {
          method: "POST",
          path: `/api/callbacks/udesk/task/${udesk.slug}`,
          headers: json,
          body: JSON.stringify({
            taskNodeId: 100,
            sessionId,
            timestamp,
            sign: udeskTaskSign(udesk.key, 100, sessionId, timestamp),
            variables: {},
            pageNum: 1,
            pageSize: 5,
            customerExtra: { customerId: Number(c.udeskId), callerNumber: null, dialogueDesc: null },
          }),
        };
      },
    },
    "udesk-knowledge": {
      label: "Udesk knowledge base (POST, sha256)",
      next() {
        const c = customer();
        const timestamp = seconds();
        return {
          method: "POST",
          path: `/api/callbacks/udesk/knowledge/${udesk.slug}`,
          headers: json,
          body: JSON.stringify({
            timestamp,
            sign: udeskKnowledgeSign(udesk.key, timestamp),
            datumId: 101,
            datumName: "退货政策",
            sessionId: 20_000_000 + counter,
            templateAttributeId: null,
            templateAttributeName: null,
            customer: { customerId: c.udeskId },
          }),
        };
      },
    },
    hyphenate: {
      label: "Hyphenate iframe panel (GET, DES params)",
      next() {
        const c = customer();
        // System parameters encrypted too ("also encrypt system parameters" is on); lang never is.
        const params = new URLSearchParams({
          easemobId: desEncrypt("bench-channel", hyphenate.key),
          visitorImId: desEncrypt(c.visitor, hyphenate.key),
          to: desEncrypt("gh_bench", hyphenate.key),
          agentName: desEncrypt("坐席01", hyphenate.key),
          customUserId: desEncrypt(c.partnerId, hyphenate.key),
          seq: desEncrypt(String(counter), hyphenate.key),
          lang: "zh",
        });
        return { method: "GET", path: `/hyphenate/${hyphenate.slug}?${params}`, headers: {}, body: undefined };
      },
    },
  };
  for (const [kind, gen] of Object.entries(gens)) gen.source = { kind, setup, customers };
  return gens;
}

/** Checks one answer of each kind beyond its status: the bench must measure working calls. */
export function answerLooksRight(kind, status, text) {
  if (status !== 200) return false;
  try {
    switch (kind) {
      case "floor":
        return JSON.parse(text).status === "live";
      case "sobot-crm":
        return /^[0-9A-F]{32,}$/.test(JSON.parse(text).data);
      case "sobot-webhook": {
        const b = JSON.parse(text);
        return b.code === 0 && b.status === 0;
      }
      case "udesk-message":
        return JSON.parse(text).answerContent.length > 0;
      case "udesk-task": {
        const b = JSON.parse(text);
        return b.code === 200 && Array.isArray(b.data) && b.data.length > 0;
      }
      case "udesk-knowledge":
        return JSON.parse(text).resCode === 0;
      case "hyphenate":
        return text.includes("<html") && text.includes("BO");
    }
  } catch {
    return false;
  }
  return false;
}
