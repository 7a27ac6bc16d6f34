// One normal form for every phone number, so that a customer saved as "+8613800138000" is found
// when a vendor asks for "13800138000", "0086 138 0013 8000" or "138-0013-8000". The parsing is
// libphonenumber-js (Google's rules, kept up to date by its maintainers); this module is the one
// place that knows it, so that it can be swapped.
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/** The region a number without a country code belongs to, unless DESKBRIDGE_PHONE_REGION says otherwise. */
export const DEFAULT_PHONE_REGION = "CN";

/** Whether a value names a region libphonenumber knows (ISO 3166 two-letter code, upper case). */
export function isPhoneRegion(value: string): value is CountryCode {
  return /^[A-Z]{2}$/.test(value) && isSupportedCountry(value);
}

/**
 * The configured default region. Read from the environment directly (lib/config validates the same
 * variable at start-up) so that this module also runs where the configuration is not loaded.
 */
export function phoneRegion(env: Record<string, string | undefined> = process.env): CountryCode {
  const value = env.DESKBRIDGE_PHONE_REGION?.trim().toUpperCase();
  return value && isPhoneRegion(value) ? value : DEFAULT_PHONE_REGION;
}

/**
 * The normal form of a phone number: E.164 ("+8613800138000") when the number can be a number of
 * its region (or of the country its +/00 prefix names), else its digits alone ("95555"), so that
 * a number the library cannot place still matches itself. "" when the value holds no digit.
 */
export function normalizePhone(value: string, region: CountryCode = phoneRegion()): string {
  // Full-width digits and separators (１３８－…) are common in Chinese input: fold them first.
  const folded = value.normalize("NFKC");
  const digits = folded.replace(/\D/g, "");
  if (!digits) return "";
  const parsed = parsePhoneNumberFromString(folded, region);
  return parsed?.isPossible() ? parsed.number : digits;
}

/** Whether two values are the same phone number. */
export function samePhone(a: string, b: string, region: CountryCode = phoneRegion()): boolean {
  const na = normalizePhone(a, region);
  return na !== "" && na === normalizePhone(b, region);
}

/**
 * A customer's phones as stored: each as written beside its normal form, in order, the second
 * writing of the same number left out ("138 0013 8000" after "+8613800138000").
 */
export function phoneRows(phones: string[], region: CountryCode = phoneRegion()) {
  const seen = new Set<string>();
  const rows: { phone: string; normalized: string; position: number }[] = [];
  for (const phone of phones) {
    const normalized = normalizePhone(phone, region);
    const key = normalized || phone;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ phone, normalized, position: rows.length });
  }
  return rows;
}
