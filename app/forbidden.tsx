import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function Forbidden() {
  const t = await getTranslations("status");
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-2 p-6 text-center">
      <h1 className="text-xl font-semibold">{t("forbidden")}</h1>
      <p className="text-sm text-muted">{t("forbiddenText")}</p>
      <Link href="/customers" className="text-sm text-accent underline">
        {t("back")}
      </Link>
    </main>
  );
}
