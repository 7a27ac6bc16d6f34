// A call's detail in the user's language. The pipeline and the vendor handlers write a detail in
// English, as parts joined by "; " (`template "Orders" (bubble_list): 2 of 2 item(s), page 1;
// customer #249 by …`); it is stored and exported that way. The dashboard translates it part by
// part through the phrase tables (call-details.ts), keeps a part it has no Chinese for as written,
// and joins the parts with a Chinese semicolon.
import type { Locale } from "@/lib/i18n/config";
import { translateMessage } from "@/lib/i18n/domain";

const SEPARATOR = "; ";
/**
 * A part may itself hold "; " (`uname (300 characters; at most 64)`, `Method GET is not allowed;
 * use POST.`): a part with no Chinese is read together with up to this many parts after it.
 */
const MAX_JOINED = 3;

/**
 * Inside a translated part, the keys a lookup tried (lib/customers/lookup.ts, triedAs), listed with
 * ", " as `partner id "p-1", tel "138…" (as +86138…)`: the words around each value in Chinese.
 */
function triedKeys(zh: string): string {
  return zh
    .replace(/\bpartner id "/g, '合作方 ID "')
    .replace(/" \(as ([^()]*)\)/g, (_, read: string) =>
      read === "no digits" ? '"（没有数字）' : `"（按 ${read} 查找）`,
    );
}

const count = (text: string, c: string) => text.split(c).length - 1;

/** `text`'s Chinese, or undefined when no phrase matches it. */
function phraseOf(locale: Locale, text: string): string | undefined {
  const out = translateMessage(locale, text);
  if (out !== text) return triedKeys(out);
  // A field's problem after the first in a list ("email: Not an email address"): the name as sent.
  const field = /^(.{1,80}?): (.+)$/s.exec(text);
  if (field) {
    const message = translateMessage(locale, field[2]);
    if (message !== field[2]) return `${field[1]}：${message}`;
  }
  return undefined;
}

/** A call's `detail` in `locale`: each "; "-separated part translated where a phrase matches it. */
export function translateDetail(locale: Locale, detail: string): string {
  if (locale === "en") return detail;
  const parts = detail.split(SEPARATOR);
  const out: string[] = [];
  for (let i = 0; i < parts.length; ) {
    let taken = 1;
    let text: string | undefined;
    for (let n = 1; n <= MAX_JOINED + 1 && i + n <= parts.length && text === undefined; n++) {
      const joined = parts.slice(i, i + n).join(SEPARATOR);
      // A bracket left open continues in the next part: "left out: uname (300 characters" is not a part.
      if (count(joined, "(") > count(joined, ")") && i + n < parts.length) continue;
      text = phraseOf(locale, joined);
      if (text !== undefined) taken = n;
    }
    out.push(text ?? parts[i]);
    i += taken;
  }
  return out.join("；");
}
