import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { SignInForm } from "@/components/layout/sign-in-form";
import { Notice } from "@/components/ui";
import { safeCallbackPath } from "@/lib/auth/callback-url";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string; signedOut?: string }>;
}) {
  if (await currentUser()) redirect("/customers");
  const { callbackUrl, error, signedOut } = await searchParams;
  // Only same-site paths: an open redirect after sign-in would be a phishing aid.
  const next = safeCallbackPath(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-line bg-surface p-8 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-accent">Deskbridge</p>
        <h1 className="mt-1 text-xl font-semibold">Sign in</h1>
        <p className="mt-1 text-sm text-muted">
          Operators&apos; dashboard for your Sobot, Udesk and Hyphenate integrations.
        </p>
        {signedOut === "everywhere" && (
          <div className="mt-4">
            <Notice tone="ok">You are signed out everywhere: every session of your account has ended.</Notice>
          </div>
        )}
        <SignInForm
          callbackUrl={next}
          initialError={
            error
              ? error.startsWith("RateLimited")
                ? "Too many failed sign-ins. Wait a few minutes and try again."
                : "Sign-in failed. Check the email and password."
              : undefined
          }
        />
      </div>
    </main>
  );
}
