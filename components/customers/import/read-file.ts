// Reading the chosen file in the browser, in pieces (File.stream() → TextDecoder → papaparse),
// as the header and then batches small enough for one server action.
import { readCsv } from "@/lib/customers/csv";
import type { Rec } from "@/components/customers/import/shared";

const BATCH_ROWS = 2000;
/** Characters parsed at a time (a few milliseconds of work). */
const SLICE = 128 * 1024;
/** Server actions take at most 1 MB; stay well under it however long the cells are. */
const BATCH_BYTES = 600_000;

/** Records of a CSV file with their row numbers (the shared reader), fed in small slices. */
function readRecords(file: File): AsyncGenerator<Rec[]> {
  return readCsv(slices(file));
}

/** The file's text in slices: browsers hand out pieces of up to a few MB, and parsing one at
 *  once would freeze the page; between slices the page paints and answers clicks. */
async function* slices(file: File): AsyncGenerator<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream("utf-8")).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (let at = 0; at < value.length; at += SLICE) {
        yield value.slice(at, at + SLICE);
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

/** About how many bytes a cell adds to the request (UTF-8, JSON escapes). */
function cellBytes(s: string): number {
  let n = 3;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x20 || c === 0x22 || c === 0x5c ? 2 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
  }
  return n;
}

/** The header, then batches of data records small enough for one server action. */
export async function* batchesOf(file: File): AsyncGenerator<{ header: string[] } | { rows: Rec[] }> {
  let header: string[] | undefined;
  let rows: Rec[] = [];
  let bytes = 0;
  for await (const records of readRecords(file)) {
    for (const r of records) {
      if (!header) {
        header = r.cells;
        yield { header };
        continue;
      }
      const size = r.cells.reduce((sum, c) => sum + cellBytes(c), 24);
      if (rows.length && (rows.length >= BATCH_ROWS || bytes + size > BATCH_BYTES)) {
        yield { rows };
        rows = [];
        bytes = 0;
      }
      rows.push(r);
      bytes += size;
    }
  }
  if (rows.length) yield { rows };
}
