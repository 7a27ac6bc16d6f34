// Typed errors with a code, mapped to user-facing answers in one place per front door.
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly code: "validation" | "not_found" | "conflict" | "unauthenticated" | "forbidden",
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
  }
}

export const validationError = (message: string, fieldErrors: FieldErrors = {}) =>
  new AppError("validation", message, fieldErrors);
export const notFound = (message: string) => new AppError("not_found", message);
export const conflict = (message: string, fieldErrors: FieldErrors = {}) =>
  new AppError("conflict", message, fieldErrors);
export const forbidden = (message = "Your role does not allow this.") => new AppError("forbidden", message);
export const unauthenticated = () => new AppError("unauthenticated", "Sign in first.");

/** Prisma's unique-constraint violation, whichever adapter raised it. */
export function isUniqueViolation(error: unknown): boolean {
  // Prisma's code, better-sqlite3's (a prepared statement, lib/db/prepared) and PostgreSQL's.
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === "P2002" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "23505";
}

const UNAVAILABLE_CODES = new Set([
  // Node's socket errors
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  // PostgreSQL: connection failures, shutting down, starting up, too many connections
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  // PostgreSQL: a lock waited past lock_timeout (another instance held a push's advisory lock)
  "55P03",
  // Prisma: cannot reach, timed out, connection closed, pool timeout
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
  // SQLite: another writer held the lock past the busy timeout
  "SQLITE_BUSY",
  "SQLITE_BUSY_SNAPSHOT",
  "SQLITE_LOCKED",
  // Storage: the disk is full, or the database cannot be written (each clears by itself when the
  // operator frees space or fixes the file; lib/db/conditions tells them apart for /api/health)
  "SQLITE_FULL",
  "SQLITE_READONLY",
  "SQLITE_READONLY_DBMOVED",
  "SQLITE_READONLY_DIRECTORY",
  "SQLITE_IOERR",
  "SQLITE_CANTOPEN",
  "ENOSPC",
  "EROFS",
  "53100", // PostgreSQL: disk full
  "25006", // PostgreSQL: read-only transaction (a standby, or default_transaction_read_only)
]);
const UNAVAILABLE_TEXT = new RegExp(
  [
    "ECONNREFUSED",
    "ECONNRESET",
    "Connection terminated",
    "connection timeout",
    "timeout exceeded when trying to connect",
    // pg's own client (the pipelined connections): no answer to the connection within its timeout.
    "timeout expired",
    "Can't reach database",
    "Query read timeout",
    // pg: a statement asked of a connection that has just failed or closed.
    "is not queryable",
    "database is locked",
    "the database system is (starting up|shutting down)",
    "Server has closed the connection",
    "database or disk is full",
    "attempt to write a readonly database",
    "disk I/O error",
    "unable to open database file",
    "No space left on device",
    "could not extend file",
    "read-only transaction",
  ].join("|"),
  "i",
);

/** What keeps the database from taking writes, as /api/health reports it. */
export type DatabaseCondition = "unreachable" | "disk_full" | "read_only" | "locked";

const CONDITION_TEXT: [DatabaseCondition, RegExp][] = [
  ["disk_full", /SQLITE_FULL|ENOSPC|\b53100\b|database or disk is full|No space left on device|could not extend file/i],
  [
    "read_only",
    /SQLITE_READONLY|EROFS|\b25006\b|attempt to write a readonly database|read-only (transaction|file system)/i,
  ],
  ["locked", /SQLITE_BUSY|SQLITE_LOCKED|database is locked|\bP1008\b|\b55P03\b/i],
];

/** Which condition an error that isDatabaseUnavailable accepted stands for (else "unreachable"). */
export function databaseCondition(error: unknown): DatabaseCondition {
  const texts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; typeof e === "object" && e !== null && depth < 5; depth++) {
    const x = e as {
      code?: unknown;
      message?: unknown;
      meta?: { code?: unknown };
      originalCode?: unknown;
      cause?: unknown;
    };
    for (const v of [x.code, x.meta?.code, x.originalCode, x.message]) if (typeof v === "string") texts.push(v);
    e = x.cause;
  }
  const text = texts.join("\n");
  return CONDITION_TEXT.find(([, pattern]) => pattern.test(text))?.[0] ?? "unreachable";
}

/** Whether an error means "the database cannot be reached right now" (worth a retry later). */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 4) return false;
  const e = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: { code?: unknown };
    originalCode?: unknown;
  };
  for (const code of [e.code, e.meta?.code, e.originalCode])
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
  if (typeof e.message === "string" && UNAVAILABLE_TEXT.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
