import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/auth/session";
import { SignInForm } from "@/components/layout/sign-in-form";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { Notice } from "@/components/ui";
import { safeCallbackPath } from "@/lib/auth/callback-url";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("signIn") };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string; signedOut?: string }>;
}) {
  if (await currentUser()) redirect("/");
  const [{ callbackUrl, error, signedOut }, t] = await Promise.all([searchParams, getTranslations("auth")]);
  // Only same-site paths: an open redirect after sign-in would be a phishing aid.
  const next = safeCallbackPath(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-line bg-surface p-8 shadow-sm">
        <div className="flex items-center justify-between gap-3">
          <p className="text-sm font-semibold tracking-wide text-accent">Deskbridge</p>
          <LanguageSwitch />
        </div>
        <h1 className="mt-1 text-xl font-semibold">{t("signIn")}</h1>
        <p className="mt-1 text-sm text-muted">{t("intro")}</p>
        {signedOut === "everywhere" && (
          <div className="mt-4">
            <Notice tone="ok">{t("signedOutEverywhere")}</Notice>
          </div>
        )}
        <SignInForm
          callbackUrl={next}
          initialError={error ? (error.startsWith("RateLimited") ? t("rateLimitedWait") : t("failed")) : undefined}
        />
      </div>
    </main>
  );
}
