// Form fields ⇄ customer and order inputs. Multi-value fields are one per line (or comma-separated),
// so the forms work without client JavaScript.
import { EXTERNAL_ID_KINDS, type CustomerInput, type OrderInput } from "@/lib/customers/schemas";
import type { CustomerView } from "@/lib/customers/customers";
import type { OrderView } from "@/lib/customers/orders";
import { formatDateTimeField, parseDateTime } from "@/lib/datetime";

const str = (f: FormData, k: string) => String(f.get(k) ?? "");
export const splitList = (v: string, separators = /[\n,;，；]+/) =>
  v
    .split(separators)
    .map((s) => s.trim())
    .filter(Boolean);

export function customerFromForm(f: FormData): CustomerInput {
  const customFields: Record<string, string> = {};
  const fieldLines = splitList(str(f, "customFields"), /\n+/);
  for (const line of fieldLines) {
    const eq = line.indexOf("=");
    const key = (eq === -1 ? line : line.slice(0, eq)).trim();
    customFields[key] = eq === -1 ? "" : line.slice(eq + 1).trim();
  }
  return {
    uname: str(f, "uname"),
    realname: str(f, "realname"),
    emails: splitList(str(f, "emails")),
    phones: splitList(str(f, "phones"), /[\n,;，；]+/),
    remark: str(f, "remark"),
    isVip: f.get("isVip") === "on",
    vipLevel: str(f, "vipLevel"),
    labels: splitList(str(f, "labels")),
    customFields,
    externalIds: EXTERNAL_ID_KINDS.flatMap((kind) =>
      splitList(str(f, `ext.${kind}`)).map((value) => ({ kind, value })),
    ),
  };
}

/** Maps schema paths to the form's inputs: externalIds.N → ext.<kind>, emails.N → emails ("Entry N+1: …"). */
export function customerFieldErrorsForForm(input: CustomerInput, errors: Record<string, string[]>) {
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(errors)) {
    const [head, index] = key.split(".");
    let target = head;
    let prefixed = messages;
    if (head === "externalIds" && index !== undefined)
      target = `ext.${input.externalIds?.[Number(index)]?.kind ?? "unknown"}`;
    else if (index !== undefined && /^\d+$/.test(index))
      prefixed = messages.map((m) => `Entry ${Number(index) + 1}: ${m}`);
    out[target] ??= [];
    out[target].push(...prefixed);
  }
  return out;
}

export function customerToForm(c: CustomerView): Record<string, string> {
  const values: Record<string, string> = {
    uname: c.uname,
    realname: c.realname,
    emails: c.emails.join("\n"),
    phones: c.phones.join("\n"),
    remark: c.remark,
    isVip: c.isVip ? "on" : "",
    vipLevel: c.vipLevel,
    labels: c.labels.join(", "),
    customFields: Object.entries(c.customFields)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
  };
  for (const kind of EXTERNAL_ID_KINDS) {
    values[`ext.${kind}`] = c.externalIds
      .filter((x) => x.kind === kind)
      .map((x) => x.value)
      .join(", ");
  }
  return values;
}

/** Shipment lines: "2026-11-01 10:00 | shipped | Left the Shenzhen hub" (or ｜), times in `timeZone`. Blank lines are
 *  skipped but still counted, so "Line N" points where the operator looks. */
export function shipmentsFromText(
  text: string,
  timeZone = "UTC",
): { shipments: OrderInput["shipments"]; errors: string[] } {
  const shipments: NonNullable<OrderInput["shipments"]> = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    // A Chinese input method types the full-width bar ｜ and full-width digits and colons.
    const [time, status, ...rest] = line.split(/[|｜]/).map((s) => s.trim());
    const date = parseDateTime((time ?? "").normalize("NFKC"), { timeZone });
    if (!date) errors.push(`Line ${i + 1}: start with a date and time, e.g. 2026-11-01 10:00`);
    else if (!status) errors.push(`Line ${i + 1}: give a status after the first |`);
    else shipments.push({ time: date, status, text: rest.join(" | ") });
  });
  return { shipments, errors };
}

/** The order form's fields; its times are read in `timeZone` (the operator's, as the form shows them). */
export function orderFromForm(f: FormData, timeZone = "UTC"): { input: OrderInput; shipmentErrors: string[] } {
  const { shipments, errors } = shipmentsFromText(str(f, "shipments"), timeZone);
  const created = str(f, "createdAt").trim();
  return {
    input: {
      orderNo: str(f, "orderNo"),
      title: str(f, "title"),
      imageUrl: str(f, "imageUrl"),
      amountCents: str(f, "amount"),
      quantity: str(f, "quantity") as unknown as number,
      status: str(f, "status") as OrderInput["status"],
      // An unparseable value goes through as text, so the schema reports it on the field.
      createdAt: created ? (parseDateTime(created, { timeZone }) ?? (created as unknown as Date)) : undefined,
      shipments,
    },
    shipmentErrors: errors,
  };
}

export function orderToForm(o: OrderView, timeZone = "UTC"): Record<string, string> {
  return {
    orderNo: o.orderNo,
    title: o.title,
    imageUrl: o.imageUrl,
    amount: o.amount,
    quantity: String(o.quantity),
    status: o.status,
    createdAt: formatDateTimeField(o.createdAt, { timeZone }),
    shipments: o.shipments
      .map((s) => `${formatDateTimeField(s.time, { timeZone })} | ${s.status} | ${s.text}`)
      .join("\n"),
  };
}
