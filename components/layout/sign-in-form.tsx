"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { Button, Notice, inputClass } from "@/components/ui";

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);
  // After the right password of an account with two-factor sign-in, the form asks for the code and
  // sends the three together.
  const [askCode, setAskCode] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", {
      email: String(data.get("email") ?? ""),
      password: String(data.get("password") ?? ""),
      ...(askCode ? { code: String(data.get("code") ?? "") } : {}),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    const limited = result?.error?.match(/^RateLimited:(\d+)$/);
    if (result?.error === "TwoFactorRequired") {
      setAskCode(true);
      return;
    }
    setError(
      limited
        ? `Too many failed sign-ins. Try again in ${waitText(Number(limited[1]))}.`
        : result?.error === "TwoFactorInvalid"
          ? "That code is not right, or it was already used. Type the code your app shows now, or a recovery code."
          : "Wrong email or password, or the account is disabled.",
    );
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      {error && <Notice>{error}</Notice>}
      <div className="space-y-1">
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required className={inputClass} />
      </div>
      <div className="space-y-1">
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={inputClass}
        />
      </div>
      {askCode && (
        <div className="space-y-1">
          <label htmlFor="code" className="block text-sm font-medium">
            Two-factor code
          </label>
          <input
            id="code"
            name="code"
            autoComplete="one-time-code"
            ref={(input) => input?.focus()}
            aria-describedby="code-hint"
            required
            className={inputClass}
          />
          <p id="code-hint" className="text-xs text-muted">
            The six digits your authenticator app shows, or one of your recovery codes.
          </p>
        </div>
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
