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
export const conflict = (message: string, fieldErrors: FieldErrors = {}) => new AppError("conflict", message, fieldErrors);
export const forbidden = (message = "Your role does not allow this.") => new AppError("forbidden", message);
export const unauthenticated = () => new AppError("unauthenticated", "Sign in first.");

/** Prisma's unique-constraint violation, whichever adapter raised it. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
