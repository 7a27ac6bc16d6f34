"use server";
// The import page's one server action: a batch of CSV records parsed in the browser, imported
// (or dry-run) on the server. A public POST endpoint like every action: it checks the operator
// role itself and validates the batch's shape before touching anything.
import { z } from "zod";
import { guarded, type ActionState } from "@/lib/actions";
import { db } from "@/lib/db";
import { checkHeader, importCustomers, toImportRows, type ImportResult } from "@/lib/customers/io";
import { fieldErrorsOf } from "@/lib/field-errors";
import { validationError } from "@/lib/errors";

/** At most this many records per call (the page sends up to 2,000, and less than 1 MB). */
const MAX_ROWS = 2000;

const batchSchema = z.object({
  header: z.array(z.string().max(200)).min(1).max(50),
  rows: z
    .array(z.object({ row: z.number().int().min(2), cells: z.array(z.string().max(20_000)).max(100) }))
    .max(MAX_ROWS, `At most ${MAX_ROWS} rows per batch`),
  dryRun: z.boolean().default(false),
  outcomes: z.boolean().default(false),
});

export type ImportBatch = z.input<typeof batchSchema>;
export type ImportAnswer = ActionState & { result?: ImportResult };

export async function importChunkAction(batch: ImportBatch): Promise<ImportAnswer> {
  let result: ImportResult | undefined;
  const state = await guarded("operator", null, async () => {
    const parsed = batchSchema.safeParse(batch);
    if (!parsed.success)
      throw validationError("The batch sent to the server is malformed.", fieldErrorsOf(parsed.error));
    const { header, rows, dryRun, outcomes } = parsed.data;
    result = await importCustomers(await db(), toImportRows(checkHeader(header), rows), { dryRun, outcomes });
  });
  return { ...state, result };
}
