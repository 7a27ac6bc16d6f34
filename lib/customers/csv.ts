// Reading CSV that arrives in pieces, shared by the server (the CLI's file stream) and the
// browser (File.stream()): no server-only imports here.
import Papa from "papaparse";

export const BOM = "\uFEFF";

export type CsvRecord = { row: number; cells: string[] };

/** Parses CSV text that arrives in pieces (a file stream, the browser's File.stream()) into
 *  records, one batch per piece, with their row numbers (the header is row 1, as a spreadsheet
 *  counts; blank lines are counted and skipped). Only one unfinished record is carried between
 *  pieces, so memory is bounded by the piece size. The UTF-8 BOM is dropped. */
export async function* readCsv(pieces: AsyncIterable<string> | Iterable<string>): AsyncGenerator<CsvRecord[]> {
  let carry = "";
  let row = 0;
  let settings: { newline: "\n" | "\r\n" | "\r"; delimiter: string } | undefined;
  const parse = (text: string, last: boolean) => {
    settings ??= detectCsvSettings(text);
    const result = new Papa.Parser({ ...settings, quoteChar: '"' }).parse(text, 0, !last) as {
      data: string[][];
      meta: { cursor: number };
    };
    carry = last ? "" : text.slice(result.meta.cursor);
    const out: CsvRecord[] = [];
    for (const cells of result.data) {
      row += 1;
      if (cells.length === 1 && cells[0].trim() === "") continue;
      out.push({ row, cells });
    }
    return out;
  };
  let started = false;
  for await (let piece of pieces) {
    if (!started) {
      if (piece.startsWith(BOM)) piece = piece.slice(1);
      if (piece) started = true;
    }
    const text = carry + piece;
    // Wait for a line break before choosing the newline and delimiter.
    if (!settings && !/[\r\n]/.test(text)) {
      carry = text;
      continue;
    }
    const records = parse(text, false);
    if (records.length) yield records;
  }
  if (carry) {
    const records = parse(carry, true);
    if (records.length) yield records;
  }
}

/** The newline of the first line, and its delimiter: "," unless the header line has more ";" or tabs. */
export function detectCsvSettings(text: string): { newline: "\n" | "\r\n" | "\r"; delimiter: string } {
  const nl = text.search(/[\r\n]/);
  const newline = nl === -1 ? "\n" : text[nl] === "\r" ? (text[nl + 1] === "\n" ? "\r\n" : "\r") : "\n";
  const firstLine = nl === -1 ? text : text.slice(0, nl);
  const count = (c: string) => firstLine.split(c).length - 1;
  const delimiter = [",", ";", "\t"].reduce((best, c) => (count(c) > count(best) ? c : best), ",");
  return { newline, delimiter };
}
