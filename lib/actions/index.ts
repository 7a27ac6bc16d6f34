// Server actions: every action in app/ is made here, never written by hand.
//
//   "use server";
//   const schema = z.object({ id: text(), password: secret() });
//   export const resetPasswordAction = action("admin", schema, async (input, { user, formData }) => {
//     await resetPassword(await db(), input.id, input.password);
//     return { message: "Password reset." };
//   });
//
// - The exported value IS the guarded action: the access check ("viewer" | "operator" | "admin",
//   "enrolling" for two-factor set-up, "anyone" for preferences) runs before the input is read.
// - `schema` (zod) parses the form's text fields; `ctx.formData` is there for repeated rows.
// - Throw `validationError`/`AppError` for a refusal the user sees; anything else is logged and
//   answered generically. `redirect()` works inside `run`.
// - The answer never carries a typed-in secret: fields marked `secret()` or named like one
//   (password, secret, token, key, code…) are dropped from the echoed values and blanked anywhere
//   else in the answer.
// - `action` is for `useActionState` forms, `callAction` for actions called with arguments (a
//   `z.tuple` schema), `formAction` for a plain `<form action>` with no answer.
// e2e/actions.spec.ts calls every exported action signed out and as a viewer: list a new one there.
export { type ActionContext, type ActionOptions, action, callAction, formAction } from "./action";
export type { Access } from "./guard";
export { flag, formValues, text } from "./form";
export { secret } from "./secrets";
export type { ActionState } from "@/lib/action-state";
