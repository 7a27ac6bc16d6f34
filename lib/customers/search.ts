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

/** SQLite: the ids of the rows of `index.table` whose given columns contain the text. */
function sqliteContains(index: Indexed, text: string, columns = index.columns): Sql {
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
      (c) => Prisma.sql`UNION SELECT "id" FROM ${quoted(index.table)} WHERE lower(substr(${quoted(c)}, -2)) = ${ascii}`,
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
 * The ids of the customers the text matches (with repeats removed by UNION): a name, an email, a
 * phone (as written, or its normal form however the text writes the number) or an external id
 * contains it, or it is the customer's id.
 */
export function searchMatches(client: Db, raw: string): Sql {
  const q = raw.trim();
  // A phone-like query matches however either side wrote the number: its whole normal form
  // ("0086 138 0013 8000" finds "138-0013-8000"), or its digits inside one (part of a number; a
  // leading 0 or 00 is a trunk or international prefix the normal form does not keep).
  const phoneLike = /^[+\d\s\-().]+$/.test(q) && /\d/.test(q);
  const digits = q.replace(/\D/g, "");
  const phoneText = phoneLike ? digits.replace(/^0+/, "") || digits : q;
  const whole = phoneLike ? normalizePhone(q) : "";
  const phoneWhole = whole ? Prisma.sql`OR "normalized" = ${whole}` : Prisma.empty;
  const byId = /^#?\d{1,9}$/.test(q)
    ? Prisma.sql`UNION SELECT "id" FROM "Customer" WHERE "id" = ${Number(q.replace("#", ""))}`
    : Prisma.empty;
  if (providerOfDb(client) === "sqlite")
    return Prisma.sql`${sqliteContains(NAMES, q)}
      UNION SELECT "customerId" FROM "CustomerEmail" WHERE "id" IN (${sqliteContains(EMAILS, q)})
      UNION SELECT "customerId" FROM "CustomerPhone" WHERE "id" IN (${sqliteContains(PHONES, q, ["phone"])})
      UNION SELECT "customerId" FROM "CustomerPhone"
        WHERE "id" IN (${sqliteContains(PHONES, phoneText, ["normalized"])}) ${phoneWhole}
      UNION SELECT "customerId" FROM "ExternalId" WHERE "id" IN (${sqliteContains(EXTERNAL, q)})
      ${byId}`;
  return Prisma.sql`
    SELECT "id" FROM "Customer" WHERE ${pgContains("uname", q)}
    UNION SELECT "id" FROM "Customer" WHERE ${pgContains("realname", q)}
    UNION SELECT "customerId" FROM "CustomerEmail" WHERE ${pgContains("email", q)}
    UNION SELECT "customerId" FROM "CustomerPhone"
      WHERE ${pgContains("normalized", phoneText)} OR ${pgContains("phone", q)} ${phoneWhole}
    UNION SELECT "customerId" FROM "ExternalId" WHERE ${pgContains("value", q)}
    ${byId}`;
}
