// Export: the filtered, sorted customers list streamed as CSV or JSON, page by page.
import type { Db } from "@/lib/db/client";
import { customerInclude, matchingCustomerIds, toView, type CustomerView } from "@/lib/customers/customers";
import type { ListQuery } from "@/lib/customers/schemas";
import { csvHeader, csvLines, customerToCells, customerToJson, type ExportFormat } from "@/lib/customers/io/format";

export type ExportQuery = Pick<ListQuery, "q" | "vip" | "label" | "sort" | "dir">;

const EXPORT_PAGE = 500;

/** The filtered, sorted list as text pieces to stream: CSV (header first) or a JSON array.
 *  Only the matching ids are read at once (a snapshot of the order); customers are then loaded
 *  500 at a time, so memory stays flat however many there are. */
export async function* exportCustomers(client: Db, query: ExportQuery, format: ExportFormat): AsyncGenerator<string> {
  const ids = await matchingCustomerIds(client, query);
  yield format === "csv" ? csvHeader() : "[";
  let first = true;
  for (let i = 0; i < ids.length; i += EXPORT_PAGE) {
    const page = ids.slice(i, i + EXPORT_PAGE);
    const rows = await client.customer.findMany({ where: { id: { in: page } }, include: customerInclude });
    const byId = new Map(rows.map((r) => [r.id, toView(r)]));
    // Customers deleted since the snapshot are skipped.
    const views = page.map((id) => byId.get(id)).filter((v): v is CustomerView => Boolean(v));
    if (format === "csv") {
      yield csvLines(views.map(customerToCells));
    } else if (views.length) {
      // One object per line, a comma before every one but the very first (across pages too).
      const objects = views.map((v) => JSON.stringify(customerToJson(v))).join(",\n");
      yield `${first ? "\n" : ",\n"}${objects}`;
      first = false;
    }
  }
  if (format === "json") yield first ? "]\n" : "\n]\n";
}

/** "customers-2026-11-01.csv" */
export function exportFilename(format: ExportFormat, now = new Date()): string {
  return `customers-${now.toISOString().slice(0, 10)}.${format}`;
}
