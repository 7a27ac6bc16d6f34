// GET /api/customers/export?format=csv|json&q=…&vip=…&label=…&sort=…&dir=…
// The customers list with the list page's filters and order, streamed as a download (viewers
// and up). CSV is the import's format; JSON is an array of customers.
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { EXPORT_FORMATS, exportCustomers, exportFilename, type ExportFormat } from "@/lib/customers/io";
import { listQuery } from "@/lib/customers/schemas";
import { validationError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";

export const dynamic = "force-dynamic";

const TYPES: Record<ExportFormat, string> = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8" };

export async function GET(request: Request) {
  try {
    await requireUser("viewer");
  } catch (error) {
    return errorResponse(error);
  }
  const params = new URL(request.url).searchParams;
  const format = (params.get("format") ?? "csv") as ExportFormat;
  if (!EXPORT_FORMATS.includes(format))
    return errorResponse(validationError(`format must be one of ${EXPORT_FORMATS.join(", ")}`));
  const query = listQuery.parse(Object.fromEntries(params));

  const pieces = exportCustomers(await db(), query, format);
  const encoder = new TextEncoder();
  // Pulled piece by piece: a slow download slows the reading instead of filling memory.
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await pieces.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        console.error("deskbridge: customers export failed", error);
        controller.error(error);
      }
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": TYPES[format],
      "Content-Disposition": `attachment; filename="${exportFilename(format)}"`,
      "Cache-Control": "no-store",
    },
  });
}
