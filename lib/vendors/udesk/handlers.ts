// The three Udesk robot webhooks (PROTOCOLS §3): message-triggered answers, task-push card
// templates, and knowledge-base entries. Each declares its body's schema and its sign; the
// handler runs only once verified() matched the sign (current key, then the previous one during
// a rotation), checked the timestamp window and accepted the call once (replay protection; the
// sign leaves out the payload, so its digest is part of what is accepted).
import { defineCallback } from "@/lib/callbacks/define";
import { CallbackRefusal, type HandlerContext, type HandlerResult } from "@/lib/callbacks/types";
import { bodyTooDeep, type RequestSchema, type SignOf, type Verified } from "@/lib/callbacks/verified";
import { findUdeskCustomer, matchNote } from "@/lib/vendors/udesk/customer";
import { listOrders } from "@/lib/customers/orders";
import { formTemplateFor, templateFor } from "@/lib/templates/templates";
import { renderTemplate, TemplateError } from "@/lib/templates/render";
import { answerFor, knowledgeFor } from "@/lib/vendors/udesk/rules";
import { knowledgeSign, messageSign, taskSign } from "@/lib/vendors/udesk/codec";
import {
  customAnswer,
  knowledgeAnswer,
  knowledgeRequest,
  messageAnswer,
  messageRequest,
  taskRequest,
} from "@/lib/vendors/udesk/schemas";
import { allowHeader, lookupValue } from "@/lib/vendors/input";
import { customerContext } from "@/lib/templates/render";
import type { z } from "zod";

/** A Udesk body: JSON of the kind's schema, refused in Udesk's words. */
function udeskRequest<T>(body: z.ZodType<T>, what: string): RequestSchema<T> {
  return {
    body,
    refuse: (problem) => {
      if (problem.reason === "too_deep") return bodyTooDeep(` (${what})`);
      if (problem.reason === "not_json")
        return new CallbackRefusal({
          outcome: "malformed",
          publicMessage: `The body must be JSON (${what}).`,
          detail: "the body is not JSON",
        });
      const problems = problem.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
      return new CallbackRefusal({
        outcome: "malformed",
        publicMessage: `The ${what} is invalid: ${problems}`,
        detail: `invalid ${what}: ${problems}`,
        decryptedRequest: problem.json,
      });
    },
  };
}

type MessageCall = z.output<typeof messageRequest>;
type TaskCall = z.output<typeof taskRequest>;
type KnowledgeCall = z.output<typeof knowledgeRequest>;

// Udesk's signs cover the key and the timestamp, not the question: the body is accepted once
// together with the sign, so two different calls in the same second are two calls.

/** Message-triggered: sha1(integrationName + "&" + key + "&" + timestamp). */
const messageSignOf: SignOf<MessageCall> = ({ data, json }, ctx) => ({
  secret: "key",
  received: data.sign,
  timestamp: String(data.timestamp),
  expected: (key) => messageSign(data.integrationName, key, data.timestamp),
  formula: `sha1(integrationName + "&" + key + "&" + timestamp) with integrationName "${data.integrationName}"`,
  payload: json,
  check: (key) => {
    const expectedName = String(ctx.integration.settings.integrationName ?? "");
    if (data.integrationName !== expectedName)
      throw new CallbackRefusal({
        outcome: "bad_signature",
        publicMessage: "The integration name does not match.",
        detail: `integrationName "${data.integrationName}" is not this integration's "${expectedName}"`,
        key,
      });
  },
});

/** Task push: md5(key + taskNodeId + sessionId + timestamp), taskNodeId left out when null. */
const taskSignOf: SignOf<TaskCall> = ({ data, json }) => {
  const node = data.taskNodeId ?? null;
  return {
    secret: "key",
    received: data.sign,
    timestamp: String(data.timestamp),
    expected: (key) => taskSign(key, node, data.sessionId, data.timestamp),
    formula: `md5(key + ${node === null ? "" : "taskNodeId + "}sessionId + timestamp) with taskNodeId ${
      node ?? "null"
    }, sessionId ${data.sessionId}`,
    // The sign leaves out the page and the variables: they make two pushes in one second distinct.
    payload: json,
  };
};

/** Knowledge base: sha256(key + "&" + timestamp). */
const knowledgeSignOf: SignOf<KnowledgeCall> = ({ data, json }) => ({
  secret: "key",
  received: data.sign,
  timestamp: String(data.timestamp),
  expected: (key) => knowledgeSign(key, data.timestamp),
  formula: `sha256(key + "&" + timestamp)`,
  payload: json,
});

// POST /api/callbacks/udesk/message/{slug} – message-triggered: answer text for a matched message.
async function handleMessage(ctx: HandlerContext, { data, json, key }: Verified<MessageCall>): Promise<HandlerResult> {
  const match = await findUdeskCustomer(ctx.client, {
    customerId: data.customerExtra?.customerId,
    callerNumber: data.customerExtra?.callerNumber,
    weChatOpenId: data.extra?.weChatOpenId,
  });
  const customer = match.customer;
  const orders = customer ? await listOrders(ctx.client, customer.id, 1) : [];
  const { answer, rule } = await answerFor(ctx.client, ctx.integration.id, ctx.integration.settings, {
    regex: data.regex ?? "",
    question: data.questionContent ?? "",
    customer,
    latestOrder: orders[0] ?? null,
  });
  return {
    status: 200,
    body: messageAnswer.parse({ answerContent: answer }),
    outcome: "ok",
    detail: `${rule ? `rule #${rule.position} (${rule.matchType})` : "default answer"}${matchNote(match)}`,
    decryptedRequest: json,
    customerId: customer?.id ?? null,
    key,
  };
}

// POST /api/callbacks/udesk/task/{slug} – task push: the card template for the task node.
async function handleTask(ctx: HandlerContext, { data, json, key }: Verified<TaskCall>): Promise<HandlerResult> {
  const taskNodeId = data.taskNodeId === null || data.taskNodeId === undefined ? null : String(data.taskNodeId);
  // A new form's webhook URL names its own template (?template=<id>); a task tree's node picks one.
  const formId = ctx.url.searchParams.get("template");
  const template =
    formId !== null
      ? await formTemplateFor(ctx.client, ctx.integration.id, formId)
      : await templateFor(ctx.client, ctx.integration.id, taskNodeId === null ? null : lookupValue(taskNodeId));
  const failure = (message: string) =>
    customAnswer.parse({
      resCode: -1,
      resError: message,
      message: null,
      variables: null,
      toTaskNodeId: null,
      routeType: null,
      command: null,
    });
  if (!template) {
    const form = formId === null ? null : lookupValue(formId).slice(0, 40);
    return {
      status: 200,
      body: failure(
        form === null
          ? `No card template answers task node ${taskNodeId ?? "(none)"}`
          : "No form template has this URL",
      ),
      outcome: "not_found",
      detail:
        form === null
          ? `no template for task node ${taskNodeId ?? "null"} and no default`
          : `?template=${form} is not a form template of this integration`,
      decryptedRequest: json,
      key,
    };
  }
  const variables = (data.variables ?? {}) as Record<string, unknown>;
  const match = await findUdeskCustomer(ctx.client, {
    variable: template.config.customerVariable ? variables[template.config.customerVariable] : undefined,
    customerId: data.customerExtra?.customerId,
    callerNumber: data.customerExtra?.callerNumber,
    // Not in the task push's table, but sent on WeChat sessions like the message-triggered call's.
    weChatOpenId: (data as { extra?: { weChatOpenId?: unknown } | null }).extra?.weChatOpenId,
  });
  const customer = match.customer;
  const orders = customer && template.config.source === "orders" ? await listOrders(ctx.client, customer.id, 1000) : [];
  try {
    const rendered = renderTemplate(template.config, {
      customer,
      orders,
      variables,
      call: {
        dialogueDesc: data.customerExtra?.dialogueDesc ?? "",
        callerNumber: data.customerExtra?.callerNumber ?? "",
        sessionId: data.sessionId,
        taskNodeId: taskNodeId ?? "",
      },
      pageNum: data.pageNum,
      pageSize: data.pageSize,
    });
    const found = customer || template.config.source !== "orders";
    return {
      status: 200,
      body: rendered.answer,
      outcome: found ? "ok" : "not_found",
      detail:
        `template "${template.name}" (${template.config.kind}): ` +
        `${rendered.itemCount} of ${rendered.total} item(s), page ${rendered.pageNum}` +
        rendered.notes.map((note) => `; ${note}`).join("") +
        (customer || template.config.source === "orders" ? matchNote(match) : ""),
      partial: rendered.notes.length > 0,
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
async function handleKnowledge(
  ctx: HandlerContext,
  { data, json, key }: Verified<KnowledgeCall>,
): Promise<HandlerResult> {
  const udeskCustomer = (data.customer ?? {}) as Record<string, unknown>;
  const match = await findUdeskCustomer(ctx.client, { knowledgeCustomer: udeskCustomer });
  const result = await knowledgeFor(ctx.client, ctx.integration.id, ctx.integration.settings, {
    datumId: data.datumId === null || data.datumId === undefined ? "" : String(data.datumId),
    templateAttributeId:
      data.templateAttributeId === null || data.templateAttributeId === undefined
        ? ""
        : String(data.templateAttributeId),
    context: {
      datumName: data.datumName ?? "",
      templateAttributeName: data.templateAttributeName ?? "",
      // What Udesk sent, with the matched customer's own fields over it ({{customer.realname}}).
      customer: { ...udeskCustomer, ...customerContext(match.customer) },
    },
  });
  return {
    status: 200,
    body: knowledgeAnswer.parse(result.answer),
    outcome: result.entry ? "ok" : "not_found",
    detail:
      (result.entry
        ? `entry #${result.entry.id}`
        : result.fallback
          ? "no entry matched; the fallback answered"
          : "no entry matched and there is no fallback") + matchNote(match),
    decryptedRequest: json,
    customerId: match.customer?.id ?? null,
    key,
  };
}

const refusal = (outcome: string, message: string, request: Request) => ({
  body: { resCode: -1, resError: message, error: outcome },
  headers: allowHeader(["POST"], outcome, request),
});

export const udeskMessage = defineCallback({
  vendor: "udesk",
  kind: "message",
  methods: ["POST"],
  request: udeskRequest(messageRequest, "message-triggered call"),
  sign: messageSignOf,
  handle: handleMessage,
  refusal,
  readOnly: true,
});
export const udeskTask = defineCallback({
  vendor: "udesk",
  kind: "task",
  methods: ["POST"],
  request: udeskRequest(taskRequest, "task-push call"),
  sign: taskSignOf,
  handle: handleTask,
  refusal,
  readOnly: true,
});
export const udeskKnowledge = defineCallback({
  vendor: "udesk",
  kind: "knowledge",
  methods: ["POST"],
  request: udeskRequest(knowledgeRequest, "knowledge-base call"),
  sign: knowledgeSignOf,
  handle: handleKnowledge,
  refusal,
  readOnly: true,
});
