import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("status");
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-2 p-6 text-center">
      <h1 className="text-xl font-semibold">{t("notFound")}</h1>
      <p className="text-sm text-muted">{t("notFoundText")}</p>
      <Link href="/customers" className="text-sm text-accent underline">
        {t("back")}
      </Link>
    </main>
  );
}
