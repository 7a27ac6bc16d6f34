// Checks for pages shown in Chinese: the chrome (navigation, headings, buttons, labels, table
// headers) carries no English words beyond names that stay as they are.
import { expect, type Page } from "@playwright/test";

/** Words that are names, formats or protocol terms in either language. */
const KEPT = new Set(
  (
    "Deskbridge Sobot Udesk Hyphenate Easemob CRM API URL URLs JSON CSV ID IDs HTTP HTTPS HMAC AES DES MD5 SHA " +
    "SHA256 SHA1 UTC TOTP Webhook webhook PostgreSQL SQLite iframe Basic Bearer token Token CLI GBK UTF VIP OpenID"
  ).split(" "),
);

/** English words (two letters or more) in `text` that are not kept names. */
export function englishWords(text: string): string[] {
  return (text.match(/[A-Za-z][A-Za-z'-]+/g) ?? []).filter((w) => !KEPT.has(w));
}

/**
 * The page's chrome in Chinese: every nav link, heading, button, label and table header whose text
 * has letters has no English word (values the operator typed, such as names, are not chrome).
 */
export async function expectChineseChrome(page: Page, allowed: string[] = []) {
  const texts = await page.locator("nav a, h1, h2, h3, button, label, th, [role=tab]").evaluateAll((els) =>
    els
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => {
        const copy = e.cloneNode(true) as HTMLElement;
        // Controls inside a label hold values, not chrome.
        for (const c of copy.querySelectorAll("input, select, textarea, code, [data-value]")) c.remove();
        return copy.textContent?.trim() ?? "";
      }),
  );
  const extra = new Set(allowed);
  const english = texts
    .map((t) => ({ t, words: englishWords(t).filter((w) => !extra.has(w)) }))
    .filter((x) => x.words.length > 0);
  expect(english, `English in the chrome of ${page.url()}`).toEqual([]);
}
