// Rendering a template for the editor's preview and "Try it": on sample data, on a chosen
// customer, or on the request of a logged task-push call.
import type { Db } from "@/lib/db/client";
import { getCustomer } from "@/lib/customers/customers";
import { listOrders } from "@/lib/customers/orders";
import { fieldErrorsOf } from "@/lib/field-errors";
import { savableTemplateConfig } from "@/lib/templates/config";
import { renderTemplate, TemplateError, type RenderInput } from "@/lib/templates/render";
import { sampleInput } from "@/lib/templates/sample";
import { findByExternalId } from "@/lib/customers/lookup";

export type PreviewSource = { customerId?: number; callId?: number };
export type PreviewResult =
  | { ok: true; answer: unknown; source: string }
  | { ok: false; error: string; problems: string[]; source: string; fieldErrors?: Record<string, string[]> };

export async function previewTemplate(
  client: Db,
  rawConfig: unknown,
  from: PreviewSource = {},
): Promise<PreviewResult> {
  const parsed = savableTemplateConfig.safeParse(rawConfig);
  if (!parsed.success) {
    // The editor marks each field named here, as a refused save would.
    const fieldErrors = fieldErrorsOf(parsed.error);
    const problems = Object.entries(fieldErrors).map(([k, v]) => `${k}: ${v.join("; ")}`);
    return { ok: false, error: "The template has invalid fields.", problems, source: "", fieldErrors };
  }
  let input: RenderInput = sampleInput();
  let source = "sample data";
  if (from.callId) {
    const call = await client.call.findUnique({ where: { id: from.callId } });
    if (call?.vendor !== "udesk" || call.kind !== "task" || !call.decryptedRequest)
      return {
        ok: false,
        error: `Call #${from.callId} is not a logged Udesk task push with its request.`,
        problems: [],
        source: "",
      };
    const request = JSON.parse(call.decryptedRequest) as {
      variables?: Record<string, unknown>;
      pageNum?: number;
      pageSize?: number;
      customerExtra?: { customerId?: unknown };
    };
    const customer = call.customerId
      ? await getCustomer(client, call.customerId)
      : request.customerExtra?.customerId
        ? await findByExternalId(client, "udesk-customer", String(request.customerExtra.customerId))
        : null;
    input = {
      customer,
      orders: customer ? await listOrders(client, customer.id, 200) : [],
      variables: request.variables ?? {},
      pageNum: request.pageNum,
      pageSize: request.pageSize,
    };
    source = `call #${call.id}`;
  } else if (from.customerId) {
    const customer = await getCustomer(client, from.customerId);
    if (!customer)
      return { ok: false, error: `Customer #${from.customerId} does not exist.`, problems: [], source: "" };
    input = {
      customer,
      orders: await listOrders(client, customer.id, 200),
      variables: sampleInput().variables,
      pageNum: 1,
      pageSize: null,
    };
    source = `customer #${customer.id} (${customer.uname || customer.realname})`;
  }
  try {
    return { ok: true, answer: renderTemplate(parsed.data, input).answer, source };
  } catch (error) {
    if (error instanceof TemplateError) return { ok: false, error: error.message, problems: error.problems, source };
    throw error;
  }
}
