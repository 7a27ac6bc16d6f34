// Customers files in the encodings Excel writes: UTF-8 with and without a BOM, GBK and GB18030
// (real bytes from iconv-lite, split at every awkward place), and what is refused with a message.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeChunks, detectEncoding, UnreadableEncoding } from "@/lib/customers/encoding";
import { readCsv } from "@/lib/customers/csv";

const TEXT = 'uname,realname,remark\r\nli,王小明,"说 ""你好"", 𠀀 €"\r\nzhang,张伟,上海\r\n';

/** The bytes in pieces of `size` (so multi-byte characters fall across piece boundaries). */
async function* pieces(bytes: Uint8Array, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function read(bytes: Uint8Array, size = 3) {
  const encoding = await detectEncoding(pieces(bytes, size));
  let text = "";
  for await (const t of decodeChunks(pieces(bytes, size), encoding)) text += t;
  const records = [];
  for await (const batch of readCsv(decodeChunks(pieces(bytes, size), encoding))) records.push(...batch);
  return { encoding, text, records };
}

describe("customers file encodings", () => {
  it("reads UTF-8 with and without a BOM", async () => {
    for (const bom of ["", "\uFEFF"]) {
      const { encoding, text, records } = await read(new TextEncoder().encode(bom + TEXT));
      expect(encoding).toBe("utf-8");
      expect(text).toBe(TEXT);
      expect(records[1].cells).toEqual(["li", "王小明", '说 "你好", 𠀀 €']);
    }
  });

  it("detects and decodes GBK and GB18030, whatever the piece size", async () => {
    const gbk = iconv.encode(TEXT.replace("𠀀 ", ""), "gbk");
    const gb18030 = iconv.encode(TEXT, "gb18030"); // 𠀀 is four bytes in GB18030 only
    expect(new TextDecoder().decode(gbk)).toContain("\uFFFD"); // as UTF-8 these would be mojibake
    for (const size of [1, 2, 3, 7, 1 << 16]) {
      expect(await read(gbk, size)).toMatchObject({ encoding: "gb18030", text: TEXT.replace("𠀀 ", "") });
      const { encoding, records } = await read(gb18030, size);
      expect(encoding).toBe("gb18030");
      expect(records.map((r) => r.cells[1])).toEqual(["realname", "王小明", "张伟"]);
      expect(records[1].cells[2]).toBe('说 "你好", 𠀀 €');
    }
  });

  it("refuses UTF-16 and bytes that are neither UTF-8 nor GBK, with a message", async () => {
    const utf16 = iconv.encode(TEXT, "utf-16le", { addBOM: true });
    await expect(read(utf16)).rejects.toThrow(UnreadableEncoding);
    await expect(read(utf16)).rejects.toThrow(/UTF-16.*CSV UTF-8/);
    const latin1 = iconv.encode("uname,remark\r\nli,café\r\n", "latin1");
    await expect(read(latin1)).rejects.toThrow(/neither UTF-8 nor GBK\/GB18030/);
  });
});
