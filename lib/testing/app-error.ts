// The AppError a promise rejects with; fails the test when it resolves or throws something else.
import { expect } from "vitest";
import { AppError } from "@/lib/errors";

export async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error("expected an AppError, but the call succeeded"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
