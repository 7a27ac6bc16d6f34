// The three Udesk robot webhooks (PROTOCOLS §3): message-triggered answers, task-push card
// templates, and knowledge-base entries. Each verifies its own sign (current key, then the
// previous one during a rotation) in constant time, checks the timestamp window, and accepts
// each call once (replay protection; the sign leaves out the payload, so its digest is part of
// what is accepted).
import {
  CallbackRefusal,
  type CallbackDefinition,
  type HandlerContext,
  type HandlerResult,
} from "@/lib/callbacks/types";
import { checkTimestamp } from "@/lib/callbacks/timestamp";
import { constantTimeEqual } from "@/lib/callbacks/verify";
import type { CallbackKey } from "@/lib/integrations/integrations";
import type { Db } from "@/lib/db/client";
import type { CustomerView } from "@/lib/customers/customers";
import { findByEmail, findByExternalId, findByPhone } from "@/lib/customers/lookup";
import { listOrders } from "@/lib/customers/orders";
import { templateFor } from "@/lib/templates/templates";
import { renderTemplate, TemplateError } from "@/lib/templates/render";
import { answerFor, knowledgeFor } from "@/lib/vendors/udesk/rules";
import { knowledgeSign, messageSign, taskSign } from "@/lib/vendors/udesk/codec";
import { knowledgeRequest, messageRequest, taskRequest } from "@/lib/vendors/udesk/schemas";
import { allowHeader, lookupValue, MAX_JSON_DEPTH, parseVendorJson } from "@/lib/vendors/input";
import type { z } from "zod";

function parseBody<T>(schema: z.ZodType<T>, raw: Buffer, what: string): { data: T; json: unknown } {
  const parsedJson = parseVendorJson(raw.toString("utf8"));
  if (!parsedJson.ok && parsedJson.reason === "too_deep") {
    throw new CallbackRefusal({
      outcome: "malformed",
      publicMessage: `The body is JSON nested more than ${MAX_JSON_DEPTH} levels deep (${what}).`,
      detail: `the body is JSON nested more than ${MAX_JSON_DEPTH} levels deep`,
    });
  }
  if (!parsedJson.ok)
    throw new CallbackRefusal({
      outcome: "malformed",
      publicMessage: `The body must be JSON (${what}).`,
      detail: "the body is not JSON",
    });
  const json = parsedJson.value;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    throw new CallbackRefusal({
      outcome: "malformed",
      publicMessage: `The ${what} is invalid: ${problems}`,
      detail: `invalid ${what}: ${problems}`,
      decryptedRequest: json,
    });
  }
  return { data: parsed.data, json };
}

function verify(
  ctx: HandlerContext,
  received: string,
  timestamp: string | number,
  expected: (key: string) => string,
  inputs: string,
): CallbackKey {
  const keys = ctx.integration.keys.key ?? [];
  const key = keys.find((k) => constantTimeEqual(expected(k.value), received.trim().toLowerCase()));
  if (!key)
    throw new CallbackRefusal({
      outcome: "bad_signature",
      publicMessage: "The sign does not match.",
      detail: `sign ${received.slice(0, 80)} does not match ${inputs} with ${keys.length === 2 ? "the current or the previous key" : "the current key"}`,
    });
  checkTimestamp(String(timestamp), Number(ctx.integration.settings.timestampTolerance ?? 300), ctx.now, key);
  return key;
}

async function customerByUdeskId(client: Db, id: unknown): Promise<CustomerView | null> {
  if (id === null || id === undefined || id === "") return null;
  return findByExternalId(client, "udesk-customer", lookupValue(String(id)));
}

/** A value the robot collected (phone, email or any external id) → the customer. */
async function customerByValue(client: Db, value: unknown): Promise<CustomerView | null> {
  if (value === null || value === undefined) return null;
  const text = lookupValue(String(value).trim());
  if (!text) return null;
  if (text.includes("@")) return findByEmail(client, text);
  for (const kind of ["udesk-customer", "sobot-partner", "sobot-customer", "hyphenate-visitor"] as const) {
    const found = await findByExternalId(client, kind, text);
    if (found) return found;
  }
  return /^[+\d\s()-]{3,}$/.test(text) ? findByPhone(client, text) : null;
}

// POST /api/callbacks/udesk/message/{slug} – message-triggered: answer text for a matched message.
async function handleMessage(ctx: HandlerContext): Promise<HandlerResult> {
  const { data, json } = parseBody(messageRequest, ctx.body, "message-triggered call");
  const expectedName = String(ctx.integration.settings.integrationName ?? "");
  const key = verify(
    ctx,
    data.sign,
    data.timestamp,
    (k) => messageSign(data.integrationName, k, data.timestamp),
    `sha1(integrationName + "&" + key + "&" + timestamp) with integrationName "${data.integrationName}"`,
  );
  if (data.integrationName !== expectedName) {
    throw new CallbackRefusal({
      outcome: "bad_signature",
      publicMessage: "The integration name does not match.",
      detail: `integrationName "${data.integrationName}" is not this integration's "${expectedName}"`,
      key,
    });
  }
  await ctx.acceptOnce({ sign: data.sign, timestamp: String(data.timestamp), payload: json }, key);
  const customer = await customerByUdeskId(ctx.client, data.customerExtra?.customerId);
  const orders = customer ? await listOrders(ctx.client, customer.id, 1) : [];
  const { answer, rule } = await answerFor(ctx.client, ctx.integration.id, ctx.integration.settings, {
    regex: data.regex ?? "",
    question: data.questionContent ?? "",
    customer,
    latestOrder: orders[0] ?? null,
  });
  return {
    status: 200,
    body: { answerContent: answer },
    outcome: "ok",
    detail: `${rule ? `rule #${rule.position} (${rule.matchType})` : "default answer"}${customer ? `; customer #${customer.id}` : ""}`,
    decryptedRequest: json,
    customerId: customer?.id ?? null,
    key,
  };
}

// POST /api/callbacks/udesk/task/{slug} – task push: the card template for the task node.
async function handleTask(ctx: HandlerContext): Promise<HandlerResult> {
  const { data, json } = parseBody(taskRequest, ctx.body, "task-push call");
  const key = verify(
    ctx,
    data.sign,
    data.timestamp,
    (k) => taskSign(k, data.taskNodeId ?? null, data.sessionId, data.timestamp),
    `md5(key + ${data.taskNodeId === null || data.taskNodeId === undefined ? "" : "taskNodeId + "}sessionId + timestamp) with taskNodeId ${data.taskNodeId ?? "null"}, sessionId ${data.sessionId}`,
  );
  // The sign leaves out the page and the variables: they make two pushes in one second distinct.
  await ctx.acceptOnce({ sign: data.sign, timestamp: String(data.timestamp), payload: json }, key);
  const taskNodeId = data.taskNodeId === null || data.taskNodeId === undefined ? null : String(data.taskNodeId);
  const template = await templateFor(
    ctx.client,
    ctx.integration.id,
    taskNodeId === null ? null : lookupValue(taskNodeId),
  );
  const failure = (message: string) => ({
    resCode: -1,
    resError: message,
    message: null,
    variables: null,
    toTaskNodeId: null,
    routeType: null,
    command: null,
  });
  if (!template) {
    return {
      status: 200,
      body: failure(`No card template answers task node ${taskNodeId ?? "(none)"}`),
      outcome: "not_found",
      detail: `no template for task node ${taskNodeId ?? "null"} and no default`,
      decryptedRequest: json,
      key,
    };
  }
  const variables = (data.variables ?? {}) as Record<string, unknown>;
  const customer =
    (template.config.customerVariable
      ? await customerByValue(ctx.client, variables[template.config.customerVariable])
      : null) ?? (await customerByUdeskId(ctx.client, data.customerExtra?.customerId));
  const orders = customer && template.config.source === "orders" ? await listOrders(ctx.client, customer.id, 1000) : [];
  try {
    const rendered = renderTemplate(template.config, {
      customer,
      orders,
      variables,
      pageNum: data.pageNum,
      pageSize: data.pageSize,
    });
    const found = customer || template.config.source !== "orders";
    return {
      status: 200,
      body: rendered.answer,
      outcome: found ? "ok" : "not_found",
      detail: `template "${template.name}" (${template.config.kind}): ${rendered.itemCount} of ${rendered.total} item(s), page ${rendered.pageNum}${customer ? `; customer #${customer.id}` : template.config.source === "orders" ? "; no customer matched" : ""}`,
      decryptedRequest: json,
      customerId: customer?.id ?? null,
      key,
    };
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    // No customer, or a customer without orders for an orders template: nothing to show.
    const outcome =
      template.config.source === "orders" && (!customer || orders.length === 0) ? "not_found" : "internal_error";
    return {
      status: 200,
      body: failure(customer ? "暂时无法查询" : "未找到您的信息"),
      outcome,
      detail: `template "${template.name}" could not answer: ${error.problems.join("; ")}`,
      decryptedRequest: json,
      customerId: customer?.id ?? null,
      key,
    };
  }
}

// POST /api/callbacks/udesk/knowledge/{slug} – knowledge base: the entry for a datum / attribute.
async function handleKnowledge(ctx: HandlerContext): Promise<HandlerResult> {
  const { data, json } = parseBody(knowledgeRequest, ctx.body, "knowledge-base call");
  const key = verify(
    ctx,
    data.sign,
    data.timestamp,
    (k) => knowledgeSign(k, data.timestamp),
    `sha256(key + "&" + timestamp)`,
  );
  await ctx.acceptOnce({ sign: data.sign, timestamp: String(data.timestamp), payload: json }, key);
  const result = await knowledgeFor(ctx.client, ctx.integration.id, ctx.integration.settings, {
    datumId: data.datumId === null || data.datumId === undefined ? "" : String(data.datumId),
    templateAttributeId:
      data.templateAttributeId === null || data.templateAttributeId === undefined
        ? ""
        : String(data.templateAttributeId),
    context: {
      datumName: data.datumName ?? "",
      templateAttributeName: data.templateAttributeName ?? "",
      customer: data.customer ?? {},
    },
  });
  return {
    status: 200,
    body: result.answer,
    outcome: result.entry ? "ok" : "not_found",
    detail: result.entry
      ? `entry #${result.entry.id}`
      : result.fallback
        ? "no entry matched; the fallback answered"
        : "no entry matched and there is no fallback",
    decryptedRequest: json,
    key,
  };
}

const refusal = (outcome: string, message: string, request: Request) => ({
  body: { resCode: -1, resError: message, error: outcome },
  headers: allowHeader(["POST"], outcome, request),
});

export const udeskMessage: CallbackDefinition = {
  vendor: "udesk",
  kind: "message",
  methods: ["POST"],
  handle: handleMessage,
  refusal,
};
export const udeskTask: CallbackDefinition = {
  vendor: "udesk",
  kind: "task",
  methods: ["POST"],
  handle: handleTask,
  refusal,
};
export const udeskKnowledge: CallbackDefinition = {
  vendor: "udesk",
  kind: "knowledge",
  methods: ["POST"],
  handle: handleKnowledge,
  refusal,
};
