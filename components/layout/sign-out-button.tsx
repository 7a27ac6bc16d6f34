"use client";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui";

export function SignOutButton() {
  const t = useTranslations("nav");
  return (
    <Button variant="ghost" type="button" onClick={() => signOut({ callbackUrl: "/signin" })}>
      {t("signOut")}
    </Button>
  );
}
