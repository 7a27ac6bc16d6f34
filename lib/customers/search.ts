// Which customers a search text matches: the SQL that finds the ids of the customers whose nickname,
// real name, an email, a phone or an external id contains the text, through the text indexes
// (migrations 0014 and 0015) wherever the text is long enough for them.
//
// - Three characters or more: SQLite's FTS5 trigram indexes (a quoted phrase); PostgreSQL's
//   pg_trgm indexes serve ILIKE itself.
// - Two characters (王芳, a surname and a given name, is the common case) have no trigram.
//   - SQLite: a value contains them either where a trigram of its index starts with them (read off
//     the index's term list, an fts5vocab table: a range of terms, not a scan), or as its last two
//     characters (an index on each column's last two characters, lower-cased).
//   - PostgreSQL: each column is also indexed with every character written twice ("王王芳芳"), so
//     that the two characters, doubled, are four, which pg_trgm's index can serve. One text
//     contains another exactly when their doubled forms do.
// - One character: a scan, as before (it matches a large share of the customers anyway).
import type { Db } from "@/lib/db/client";
import { providerOfDb } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/sqlite/client";
import { normalizePhone } from "@/lib/phones/normalize";

type Sql = Prisma.Sql;

/** A searched table with its SQLite FTS5 index ("…Search", migration 0014) and its term list ("…Terms", 0015). */
type Indexed = { table: string; fts: string; terms: string; columns: string[] };
const indexed = (table: string, name: string, columns: string[]): Indexed => ({
  table,
  fts: `${name}Search`,
  terms: `${name}Terms`,
  columns,
});
const NAMES = indexed("Customer", "CustomerName", ["uname", "realname"]);
const EMAILS = indexed("CustomerEmail", "CustomerEmail", ["email"]);
const PHONES = indexed("CustomerPhone", "CustomerPhone", ["phone", "normalized"]);
const EXTERNAL = indexed("ExternalId", "ExternalId", ["value"]);

const quoted = (name: string) => Prisma.raw(`"${name}"`);
const length = (text: string) => [...text].length;
/** The last code point a term can hold: an upper bound for a range of terms that start with a text. */
const TERM_END = "\u{10ffff}";
/** "%" and "_" in the text are themselves, not wildcards. */
const literal = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const ESCAPED = Prisma.raw(String.raw`ESCAPE '\'`);
/** The same text with every character written twice (PostgreSQL's two-character indexes, migration 0015). */
const doubled = (text: string) => [...text].map((c) => c + c).join("");

/**
 * SQLite: the ids of the rows of `index.table` whose given columns contain the text. `union` joins
 * a two-character search's parts: "UNION ALL" streams (a row may come twice), for counting no
 * further than a cap.
 */
function sqliteContains(index: Indexed, text: string, columns = index.columns, union = "UNION"): Sql {
  const n = length(text);
  if (n >= 3) {
    const scope = columns.length === index.columns.length ? "" : `{${columns.map((c) => `"${c}"`).join(" ")}} : `;
    const match = `${scope}"${text.replaceAll('"', '""')}"`;
    return Prisma.sql`SELECT rowid FROM ${quoted(index.fts)} WHERE ${quoted(index.fts)} MATCH ${match}`;
  }
  if (n === 2) {
    // FTS5 folds case in its terms; lower() in SQLite folds ASCII only, as LIKE does.
    const folded = text.toLowerCase();
    const ascii = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
    const scope =
      columns.length === index.columns.length ? Prisma.empty : Prisma.sql`AND "col" IN (${Prisma.join(columns)})`;
    const tails = columns.map(
      (c) =>
        Prisma.sql`${Prisma.raw(union)} SELECT "id" FROM ${quoted(index.table)}
          WHERE lower(substr(${quoted(c)}, -2)) = ${ascii}`,
    );
    return Prisma.sql`SELECT "doc" FROM ${quoted(index.terms)}
      WHERE "term" >= ${folded} AND "term" < ${folded + TERM_END} ${scope}
      ${Prisma.join(tails, " ")}`;
  }
  const like = `%${literal(text)}%`;
  const any = columns.map((c) => Prisma.sql`${quoted(c)} LIKE ${like} ${ESCAPED}`);
  return Prisma.sql`SELECT "id" FROM ${quoted(index.table)} WHERE ${Prisma.join(any, " OR ")}`;
}

/** PostgreSQL: the column contains the text (case aside). */
function pgContains(column: string, text: string): Sql {
  if (length(text) === 2) {
    // The expression must be the index's own, literally, for the planner to use it.
    const pairs = Prisma.raw(`regexp_replace("${column}", '(.)', '\\1\\1', 'g')`);
    return Prisma.sql`${pairs} ILIKE ${`%${literal(doubled(text))}%`} ${ESCAPED}`;
  }
  return Prisma.sql`${quoted(column)} ILIKE ${`%${literal(text)}%`} ${ESCAPED}`;
}

/**
 * PostgreSQL: the customers with an email that contains the text. A text with an "@" ("ul500000@outlook.com",
 * a whole address pasted in) is found through its part before the "@" where that part has a word of three
 * characters or more: every email that contains the text contains that part followed by "@". The domain
 * after it is shared by a large share of the customers, and pg_trgm's index reads every row list of every
 * trigram it is given: the domain's cost 1,300 index pages for one address among a million, the part before
 * the "@" 45. The whole text is then tested on the few rows found (OFFSET 0 keeps the planner from merging
 * the two tests into one index condition). The text's beginning is in any value that contains the text.
 */
function pgEmails(text: string): Sql {
  const whole = Prisma.sql`SELECT "customerId" FROM "CustomerEmail" WHERE ${pgContains("email", text)}`;
  const at = text.indexOf("@");
  const local = text.slice(0, Math.max(at, 0));
  if (at === text.length - 1 || !/[\p{L}\p{N}]{3}/u.test(local)) return whole;
  const before = Prisma.sql`SELECT "customerId", "email" FROM "CustomerEmail"
    WHERE "email" ILIKE ${`%${literal(local)}@%`} ${ESCAPED} OFFSET 0`;
  return Prisma.sql`SELECT "customerId" FROM (${before}) AS "e" WHERE ${pgContains("email", text)}`;
}

type Parts = { q: string; phoneText: string; phoneWhole: Sql; id?: number };

/**
 * The search text, read: a phone-like text matches however either side wrote the number: its
 * whole normal form ("0086 138 0013 8000" finds "138-0013-8000"), or its digits inside one (part
 * of a number; a leading 0 or 00 is a trunk or international prefix the normal form does not keep).
 */
function parts(raw: string): Parts {
  const q = raw.trim();
  const phoneLike = /^[+\d\s\-().]+$/.test(q) && /\d/.test(q);
  const digits = q.replace(/\D/g, "");
  const whole = phoneLike ? normalizePhone(q) : "";
  return {
    q,
    phoneText: phoneLike ? digits.replace(/^0+/, "") || digits : q,
    phoneWhole: whole ? Prisma.sql`OR "normalized" = ${whole}` : Prisma.empty,
    id: /^#?\d{1,9}$/.test(q) ? Number(q.replace("#", "")) : undefined,
  };
}

/**
 * One SELECT of customer ids per place the text can be found. With `cap`, each reads no more than
 * `cap + 1` of its matches (FTS5 and pg_trgm stop early), for telling a search with more matches
 * than the cap without finding them all.
 */
function sources(client: Db, { q, phoneText, phoneWhole, id }: Parts, cap?: number): Sql[] {
  const upTo = (s: Sql) => (cap === undefined ? s : Prisma.sql`SELECT * FROM (${s} LIMIT ${cap + 1}) AS "upTo"`);
  const byId = id === undefined ? [] : [Prisma.sql`SELECT "id" FROM "Customer" WHERE "id" = ${id}`];
  if (providerOfDb(client) === "sqlite") {
    // Capped, a row found twice counts once in the UNION of the sources, so fewer than the cap
    // may come out where more exist: then the search is counted in full, which is always right.
    const union = cap === undefined ? "UNION" : "UNION ALL";
    const find = (index: Indexed, text: string, columns?: string[]) =>
      upTo(sqliteContains(index, text, columns, union));
    return [
      find(NAMES, q),
      Prisma.sql`SELECT "customerId" FROM "CustomerEmail" WHERE "id" IN (${find(EMAILS, q)})`,
      Prisma.sql`SELECT "customerId" FROM "CustomerPhone" WHERE "id" IN (${find(PHONES, q, ["phone"])})`,
      Prisma.sql`SELECT "customerId" FROM "CustomerPhone"
        WHERE "id" IN (${find(PHONES, phoneText, ["normalized"])}) ${phoneWhole}`,
      Prisma.sql`SELECT "customerId" FROM "ExternalId" WHERE "id" IN (${find(EXTERNAL, q)})`,
      ...byId,
    ];
  }
  return [
    upTo(Prisma.sql`SELECT "id" FROM "Customer" WHERE ${pgContains("uname", q)}`),
    upTo(Prisma.sql`SELECT "id" FROM "Customer" WHERE ${pgContains("realname", q)}`),
    upTo(pgEmails(q)),
    upTo(Prisma.sql`SELECT "customerId" FROM "CustomerPhone"
      WHERE ${pgContains("normalized", phoneText)} OR ${pgContains("phone", q)} ${phoneWhole}`),
    upTo(Prisma.sql`SELECT "customerId" FROM "ExternalId" WHERE ${pgContains("value", q)}`),
    ...byId,
  ];
}

/**
 * The ids of the customers the text matches (with repeats removed by UNION): a name, an email, a
 * phone (as written, or its normal form however the text writes the number) or an external id
 * contains it, or it is the customer's id.
 */
export function searchMatches(client: Db, raw: string): Sql {
  return Prisma.join(sources(client, parts(raw)), " UNION ");
}

/**
 * The customer row `c` is one of the ids in the table "matches" (searchMatches' result). PostgreSQL
 * cannot tell from its indexes how few customers a search finds: for `IN (SELECT …)` it read every
 * customer to join them by hash, 320 ms for the 1,387 of a million that 王芳 finds. Given the ids as
 * an array, it looks each up in the primary key: 70 ms.
 */
export function amongMatches(client: Db): Sql {
  return providerOfDb(client) === "sqlite"
    ? Prisma.sql`c."id" IN (SELECT "id" FROM "matches")`
    : Prisma.sql`c."id" = ANY (ARRAY(SELECT "id" FROM "matches"))`;
}

/**
 * How many customers the text matches, counted no further than `cap + 1` (`n`): past the cap,
 * a search is not counted to its end, like the list without text. Each source stops at `cap + 1`
 * of its rows, so a common fragment ("olivia", 25,000 of a million customers) costs a fraction
 * of finding every match. `first` counts the names alone (often enough, and then the others
 * need not be read: a one-character text scans them), `all` every source.
 */
export function matchCountUpTo(client: Db, raw: string, cap: number): { first: Sql; all: Sql } {
  const capped = sources(client, parts(raw), cap);
  const count = (union: Sql[]) => Prisma.sql`SELECT COUNT(*) AS "n" FROM (${Prisma.join(union, " UNION ")}) AS "m"`;
  return { first: count(capped.slice(0, 1)), all: count(capped) };
}

/**
 * The same test as searchMatches, on the customer row `c` itself: for walking the index of the
 * list's order until a page of matches is found, which is quick when matches are common. Undefined
 * where the two could disagree: SQLite's LIKE folds the case of A–Z only, and FTS5 of every
 * letter, so a text with another letter that has a case is left to searchMatches. (An OFFSET in
 * each EXISTS keeps PostgreSQL testing it per row, as walking needs, instead of finding every
 * matching email first to hash them: 300 ms for "olivia".)
 */
export function rowMatches(client: Db, raw: string): Sql | undefined {
  const { q, phoneText, phoneWhole, id } = parts(raw);
  const sqlite = providerOfDb(client) === "sqlite";
  if (sqlite && [...q].some((ch) => ch > "\x7f" && ch.toLowerCase() !== ch.toUpperCase())) return undefined;
  const op = Prisma.raw(sqlite ? "LIKE" : "ILIKE");
  const has = (column: string, text: string) =>
    Prisma.sql`${Prisma.raw(column)} ${op} ${`%${literal(text)}%`} ${ESCAPED}`;
  const child = (table: string, test: Sql) =>
    Prisma.sql`EXISTS (SELECT 1 FROM ${quoted(table)} AS x
      WHERE x."customerId" = c."id" AND (${test}) LIMIT 1 OFFSET 0)`;
  const phone = Prisma.sql`${has('x."phone"', q)} OR ${has('x."normalized"', phoneText)} ${phoneWhole}`;
  return Prisma.sql`(${has('c."uname"', q)} OR ${has('c."realname"', q)}
    OR ${child("CustomerEmail", has('x."email"', q))}
    OR ${child("CustomerPhone", phone)}
    OR ${child("ExternalId", has('x."value"', q))}
    ${id === undefined ? Prisma.empty : Prisma.sql`OR c."id" = ${id}`})`;
}
