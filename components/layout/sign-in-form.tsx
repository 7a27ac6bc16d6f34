"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Button, Notice, inputClass } from "@/components/ui";

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const t = useTranslations("auth");
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
        ? t("tooMany", { wait: waitText(t, Number(limited[1])) })
        : result?.error === "TwoFactorInvalid"
          ? t("codeInvalid") + t("codeInvalidHint")
          : t("wrong"),
    );
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      {error && <Notice>{error}</Notice>}
      <div className="space-y-1">
        <label htmlFor="email" className="block text-sm font-medium">
          {t("email")}
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required className={inputClass} />
      </div>
      <div className="space-y-1">
        <label htmlFor="password" className="block text-sm font-medium">
          {t("password")}
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
            {t("code")}
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
            {t("codeHint")}
          </p>
        </div>
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("signingIn") : t("signIn")}
      </Button>
    </form>
  );
}

function waitText(t: ReturnType<typeof useTranslations<"auth">>, seconds: number): string {
  if (seconds < 60) return t("seconds", { n: seconds });
  return t("minutes", { n: Math.ceil(seconds / 60) });
}
