// Import: rows in chunks, one transaction each, retried while another process holds SQLite's lock.
import type { Db } from "@/lib/db/client";
import { databaseCondition, isDatabaseUnavailable, isUniqueViolation } from "@/lib/errors";
import { rowToInput, type ImportRow, type ParsedRow } from "@/lib/customers/io/rows";
import {
  addResults,
  emptyResult,
  type ImportOptions,
  type ImportResult,
  type RowOutcome,
} from "@/lib/customers/io/merge";
import { importSegment, type Tx } from "@/lib/customers/io/segment";

class DryRun extends Error {}

/** Tries of one chunk while SQLite stays locked by another process (each waits for the lock). */
const LOCKED_ATTEMPTS = 10;
/** How long one chunk's transaction should take; the chunk size adapts between 25 and chunkSize. */
const CHUNK_TARGET_MS = 300;
const SMALLEST_CHUNK = 25;

/** Imports rows (from toImportRows): each valid row creates a customer or updates the one it
 *  names, by external id (any kind in the row), else by email (the row's first email that a
 *  customer has; the lowest id when several do), else by the id column. A row that matches
 *  its customer exactly writes nothing, so importing a file twice changes nothing. Each chunk
 *  is one transaction (its size adapts to keep each under about 300 ms); created and changed
 *  customers get audit events. */
export async function importCustomers(
  client: Db,
  rows: ImportRow[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  const total = emptyResult();
  if (options.outcomes) total.outcomes = [];
  const largest = Math.max(1, options.chunkSize ?? 500);
  let size = largest;
  for (let i = 0; i < rows.length; ) {
    const chunk = rows.slice(i, i + size);
    i += chunk.length; // before the size adapts below
    const started = Date.now();
    let result: ImportResult | undefined;
    let [locked, conflicts] = [0, 0];
    while (!result) {
      try {
        result = await importChunk(client, chunk, options);
      } catch (error) {
        // Another process held SQLite's write lock past the wait (the app under a burst of vendor
        // calls): the chunk was rolled back whole, so it is simply tried again a little later.
        if (isDatabaseUnavailable(error) && databaseCondition(error) === "locked" && ++locked < LOCKED_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, 200 * locked));
          continue;
        }
        // Someone else took an external id between our lookup and our write: look again once.
        if (!isUniqueViolation(error) || ++conflicts > 1) throw error;
      }
    }
    addResults(total, result);
    if (total.outcomes && result.outcomes) total.outcomes.push(...result.outcomes);
    // A chunk holds the database's write lock while it runs: on a busy machine, smaller chunks keep
    // the app's vendor calls (waiting for that lock) from timing out; on an idle one, larger ones.
    const took = Date.now() - started;
    if (took > CHUNK_TARGET_MS * 2) size = Math.max(Math.min(largest, SMALLEST_CHUNK), Math.floor(size / 2));
    else if (took < CHUNK_TARGET_MS / 2) size = Math.min(largest, size * 2);
  }
  return total;
}

async function importChunk(client: Db, chunk: ImportRow[], options: ImportOptions): Promise<ImportResult> {
  const result = emptyResult();
  const outcomes: RowOutcome[] = [];
  const valid: ParsedRow[] = [];
  for (const r of chunk) {
    result.rows += 1;
    if ("error" in r) {
      result.failed += 1;
      result.errors.push(r.error);
      outcomes.push({ row: r.row, status: "error" });
      continue;
    }
    const parsed = rowToInput(r.values, r.row);
    if (parsed.ok) valid.push(parsed.value);
    else {
      result.failed += 1;
      result.errors.push(...parsed.errors);
      outcomes.push({ row: r.row, status: "error" });
    }
  }
  const run = async (tx: Tx) => {
    let pending = valid;
    while (pending.length) {
      const done = await importSegment(tx, pending, result, outcomes);
      pending = pending.slice(done);
    }
  };
  if (valid.length) {
    try {
      await client.$transaction(
        async (tx) => {
          await run(tx);
          if (options.dryRun) throw new DryRun();
        },
        { timeout: 300_000, maxWait: 60_000 },
      );
    } catch (error) {
      if (!(error instanceof DryRun)) throw error;
    }
  }
  if (options.outcomes) result.outcomes = outcomes.sort((a, b) => a.row - b.row);
  return result;
}
