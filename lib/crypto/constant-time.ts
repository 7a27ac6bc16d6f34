// The one comparison for secrets: vendor signs, shared tokens, Basic credentials, bearer tokens,
// replay tokens. Both sides are hashed first, so the comparison takes the same time whatever
// either value holds and however long it is (timingSafeEqual alone needs equal lengths, and an
// early length check tells a caller the secret's length).
import crypto from "node:crypto";

const digest = (value: string | Buffer) => crypto.createHash("sha256").update(value).digest();

/** Whether two values are equal, in constant time (strings compare as their UTF-8 bytes). */
export function safeEqual(expected: string | Buffer, received: string | Buffer): boolean {
  return crypto.timingSafeEqual(digest(expected), digest(received));
}
