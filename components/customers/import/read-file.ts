// Reading the chosen file in the browser, in pieces (File.stream() → UTF-8 or GBK/GB18030 decoder →
// papaparse), as the header and then batches small enough for one server action.
import { readCsv } from "@/lib/customers/csv";
import { decodeChunks, detectEncoding, type FileEncoding } from "@/lib/customers/encoding";
import type { Rec } from "@/components/customers/import/shared";

const BATCH_ROWS = 2000;
/** Characters parsed at a time (a few milliseconds of work). */
const SLICE = 128 * 1024;
/** Server actions take at most 1 MB; stay well under it however long the cells are. */
const BATCH_BYTES = 600_000;

/** The file's bytes as the browser hands them out (pieces of up to a few MB). */
async function* bytesOf(file: File): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      yield value;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

/** UTF-8 or GBK/GB18030, from one read of the whole file; throws UnreadableEncoding otherwise. */
export function fileEncoding(file: File): Promise<FileEncoding> {
  return detectEncoding(bytesOf(file));
}

/** Records of a CSV file with their row numbers (the shared reader), fed in small slices. */
function readRecords(file: File, encoding: FileEncoding): AsyncGenerator<Rec[]> {
  return readCsv(slices(file, encoding));
}

/** The file's text in slices: parsing a browser's piece at once would freeze the page; between
 *  slices the page paints and answers clicks. */
async function* slices(file: File, encoding: FileEncoding): AsyncGenerator<string> {
  for await (const text of decodeChunks(bytesOf(file), encoding)) {
    for (let at = 0; at < text.length; at += SLICE) {
      yield text.slice(at, at + SLICE);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
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
export async function* batchesOf(
  file: File,
  encoding: FileEncoding,
): AsyncGenerator<{ header: string[] } | { rows: Rec[] }> {
  let header: string[] | undefined;
  let rows: Rec[] = [];
  let bytes = 0;
  for await (const records of readRecords(file, encoding)) {
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
