import { useTranslations } from "next-intl";
import { EmptyState, PageHeader } from "@/components/ui";

export function ComingSoon({ title, description }: { title: string; description: string }) {
  const t = useTranslations("common");
  return (
    <>
      <PageHeader title={title} subtitle={description} />
      <EmptyState title={t("comingSoon")}>{t("notAvailable")}</EmptyState>
    </>
  );
}
