"use server";
// The import page's one server action: a batch of CSV records parsed in the browser, imported
// (or dry-run) on the server. It checks the operator role and the batch's shape before touching
// anything.
import { z } from "zod";
import { type ActionState, callAction } from "@/lib/actions";
import { checkHeader, type ImportResult, importCustomers, toImportRows } from "@/lib/customers/io";
import { db } from "@/lib/db";
import { translateMessage } from "@/lib/i18n/domain";
import { requestLocale } from "@/lib/i18n/server";

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

export const importChunkAction = callAction(
  "operator",
  z.tuple([batchSchema]),
  async ([{ header, rows, dryRun, outcomes }]): Promise<ImportAnswer> => {
    const result = await importCustomers(await db(), toImportRows(checkHeader(header), rows), { dryRun, outcomes });
    // Each refused row's problem in the operator's language (the CLI keeps the English).
    const locale = await requestLocale();
    const errors = result.errors.map((e) => ({ ...e, message: translateMessage(locale, e.message) }));
    return { ok: true, seq: Date.now(), result: { ...result, errors } };
  },
  (state): ImportAnswer => ({ ...state, result: undefined }),
  { invalid: "The batch sent to the server is malformed." },
);
