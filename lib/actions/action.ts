// The only way to make a server action: the exported value is the guarded function, so an action
// cannot exist without its access check, its input schema and the secret stripping of its answer.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { withActor } from "@/lib/audit/audit";
import type { CurrentUser } from "@/lib/auth/session";
import { AppError, validationError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";
import type { Locale } from "@/lib/i18n/config";
import { requestLocale, translateState, zodErrorMap } from "@/lib/i18n/server";
import { type Access, callerFor } from "./guard";
import { formValues } from "./form";
import { secretNamesOf, withoutSecrets } from "./secrets";

export type ActionContext<State> = {
  /** The caller (null only for "anyone" actions). */
  user: CurrentUser;
  /** The raw form, for fields a flat record cannot carry (repeated rows, files). */
  formData: FormData;
  /** The form's previous answer (sent back by the browser: never trust it). */
  prev: State;
};

export type ActionOptions = {
  /** The message when the input does not match the schema (field errors say which fields). */
  invalid?: string;
  /** Send the submitted values back on a refusal so the form keeps them (default true). */
  echo?: boolean;
};

/** The answer of an action whose `run` returns R: ActionState plus R's own extra fields. */
export type StateOf<R> = [R] extends [never] ? ActionState : ActionState & Omit<Partial<R>, keyof ActionState>;

/** The form a caller posted; anything else in its place reads as an empty form. */
const formOf = (sent: unknown): FormData => (sent instanceof FormData ? sent : new FormData());

const SERVER_FAILED = "Something went wrong on the server; nothing was saved. Try again.";

/** Runs `run` as the caller; maps what it throws to a refused answer. */
async function guardedRun<T>(
  access: Access,
  run: (user: CurrentUser) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; state: ActionState }> {
  const seq = Date.now();
  try {
    const user = await callerFor(access);
    // Everything the action changes is recorded in the audit log under this user.
    const value = user ? await withActor({ id: user.id, label: user.email }, () => run(user)) : await run(user!);
    return { ok: true, value };
  } catch (error) {
    unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
    if (error instanceof AppError) {
      return { ok: false, state: { ok: false, seq, message: error.message, fieldErrors: error.fieldErrors } };
    }
    console.error("deskbridge: server action failed", error);
    return { ok: false, state: { ok: false, seq, message: SERVER_FAILED } };
  }
}

/** The input as `schema` reads it; `depth` path segments are dropped from field names (argument positions). */
function parsed<S extends z.ZodType>(
  schema: S,
  input: unknown,
  invalid = "Some fields are invalid.",
  depth = 0,
  locale: Locale = "en",
) {
  const error = zodErrorMap(locale);
  const result = error ? schema.safeParse(input, { error }) : schema.safeParse(input);
  if (result.success) return result.data as z.output<S>;
  const issues = result.error.issues.map((issue) => ({ ...issue, path: issue.path.slice(depth) }));
  throw validationError(invalid, fieldErrorsOf({ issues } as z.ZodError));
}

/**
 * A form action for `useActionState`: `(previous answer, form) => answer`. The form's text fields are
 * parsed with `schema`; `run` returns the parts of the answer it sets (`ok: true` is the default).
 */
export function action<S extends z.ZodType, R extends Partial<ActionState> = Partial<ActionState>>(
  access: Access,
  schema: S,
  run: (input: z.output<S>, ctx: ActionContext<StateOf<R>>) => Promise<R | undefined>,
  options: ActionOptions = {},
): (prev: StateOf<R>, formData: FormData) => Promise<StateOf<R>> {
  const marked = secretNamesOf(schema);
  return async (prev, sent) => {
    const formData = formOf(sent);
    const values = formValues(formData);
    const locale = await requestLocale();
    const answer = await guardedRun(access, async (user) => {
      const input = parsed(schema, values, options.invalid, 0, locale);
      return run(input, { user, formData, prev });
    });
    const state = (
      answer.ok
        ? { ok: true, seq: Date.now(), ...(answer.value ?? {}) }
        : { ...answer.state, ...(options.echo === false ? {} : { values }) }
    ) as StateOf<R>;
    return withoutSecrets(translateState(locale, state), values, marked);
  };
}

/**
 * An action called with arguments rather than a form (`schema` is a `z.tuple` of them). `refused`
 * turns a refusal (signed out, wrong role, bad input, failure) into the caller's answer type.
 */
export function callAction<Args extends unknown[], Input, R>(
  access: Access,
  schema: z.ZodType<Input, Args>,
  run: (input: Input, ctx: { user: CurrentUser }) => Promise<R>,
  refused: (state: ActionState) => R,
  options: Pick<ActionOptions, "invalid"> = {},
): (...args: Args) => Promise<R> {
  return async (...args) => {
    const locale = await requestLocale();
    const answer = await guardedRun(access, (user) => run(parsed(schema, args, options.invalid, 1, locale), { user }));
    return answer.ok ? answer.value : refused(translateState(locale, answer.state));
  };
}

/** A plain `<form action>` with no answer (a preference such as the theme). */
export function formAction<S extends z.ZodType>(
  access: Access,
  schema: S,
  run: (input: z.output<S>, ctx: { user: CurrentUser; formData: FormData }) => Promise<void>,
): (formData: FormData) => Promise<void> {
  return async (sent) => {
    const formData = formOf(sent);
    const values = formValues(formData);
    await guardedRun(access, (user) => run(parsed(schema, values), { user, formData }));
  };
}
