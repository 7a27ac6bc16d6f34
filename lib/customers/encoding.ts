// Which encoding a customers file is in, and its text. UTF-8 (with or without a BOM) is what
// Deskbridge writes; GBK / GB18030 is what Excel saves as "CSV" on Chinese Windows. GB18030 (a
// superset of GBK and GB2312) is decoded with iconv-lite. A file that is neither is refused with
// a message, never imported as mojibake. Shared by the CLI (a file stream) and the browser
// (File.stream()): no server-only imports here.
import iconv from "iconv-lite";

export type FileEncoding = "utf-8" | "gb18030";

/** How the import names each encoding to a user. */
export const ENCODING_NAMES: Record<FileEncoding, string> = { "utf-8": "UTF-8", gb18030: "GBK/GB18030" };

/** The file's bytes are in no encoding the import reads (the message completes "FILE …"). */
export class UnreadableEncoding extends Error {}

const SAVE_AS = 'save it from Excel as "CSV UTF-8 (Comma delimited)" and try again';

/** The chunks, with tiny ones joined to the next: iconv-lite loses half of a four-byte GB18030
 *  character that reaches it over three or more writes (files and browsers hand out 64 KB pieces,
 *  but nothing promises it). */
async function* atLeast4Bytes(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let held: Uint8Array | null = null;
  for await (const chunk of chunks) {
    const joined: Uint8Array = held ? concat(held, chunk) : chunk;
    if (joined.length < 4) held = joined;
    else {
      held = null;
      yield joined;
    }
  }
  if (held?.length) yield held;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Reads the bytes once: UTF-8 when they are valid UTF-8 throughout, else GB18030 when they
 *  decode without one invalid sequence; otherwise throws UnreadableEncoding. */
export async function detectEncoding(chunks: AsyncIterable<Uint8Array>): Promise<FileEncoding> {
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  let gb: iconv.DecoderStream | null = iconv.getDecoder("gb18030");
  let isUtf8 = true;
  let first = true;
  for await (const chunk of atLeast4Bytes(chunks)) {
    if (first && chunk.length >= 2) {
      first = false;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
        throw new UnreadableEncoding(`is UTF-16 (Excel's "Unicode text"): ${SAVE_AS}`);
    }
    if (isUtf8) {
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        isUtf8 = false;
      }
    }
    if (gb?.write(chunk as Buffer).includes("\uFFFD")) gb = null;
    if (!isUtf8 && !gb) break;
  }
  if (isUtf8) {
    try {
      utf8.decode();
      return "utf-8";
    } catch {
      // A multi-byte character cut off at the end: not UTF-8.
    }
  }
  if (gb && !(gb.end() ?? "").includes("\uFFFD")) return "gb18030";
  throw new UnreadableEncoding(`is neither UTF-8 nor GBK/GB18030: ${SAVE_AS}`);
}

/** The text of the bytes in the given encoding, piece by piece (a character split between two
 *  chunks is carried to the next). A UTF-8 BOM is dropped. */
export async function* decodeChunks(chunks: AsyncIterable<Uint8Array>, encoding: FileEncoding): AsyncGenerator<string> {
  if (encoding === "utf-8") {
    const decoder = new TextDecoder("utf-8");
    for await (const chunk of chunks) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
    return;
  }
  const decoder = iconv.getDecoder(encoding);
  for await (const chunk of atLeast4Bytes(chunks)) {
    const text = decoder.write(chunk as Buffer);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
