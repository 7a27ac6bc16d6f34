import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui";
import { CustomerForm } from "@/components/customers/customer-form";
import { createCustomerAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("customers");
  return { title: t("new.title") };
}

export default async function NewCustomerPage() {
  await requirePageUser("operator");
  const t = await getTranslations("customers");
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("new.title")} />
      <CustomerForm action={createCustomerAction} initial={{}} cancelHref="/customers" submitLabel={t("new.submit")} />
    </div>
  );
}
