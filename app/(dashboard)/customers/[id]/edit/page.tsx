import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getCustomer } from "@/lib/customers/customers";
import { customerToForm } from "@/lib/customers/form";
import { PageHeader } from "@/components/ui";
import { CustomerForm } from "@/components/customers/customer-form";
import { updateCustomerAction } from "../../actions";

export async function generateMetadata() {
  const t = await getTranslations("customers");
  return { title: t("edit.title") };
}

export default async function EditCustomerPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser("operator");
  const id = Number((await params).id);
  const customer = Number.isInteger(id) ? await getCustomer(await db(), id) : null;
  if (!customer) notFound();
  const t = await getTranslations("customers");
  return (
    <div className="max-w-3xl">
      <PageHeader
        title={t("edit.heading", { name: customer.uname || customer.realname })}
        subtitle={t("edit.subtitle", { id: String(customer.id) })}
      />
      <CustomerForm
        action={updateCustomerAction}
        initial={customerToForm(customer)}
        customerId={customer.id}
        cancelHref={`/customers/${customer.id}`}
        submitLabel={t("edit.submit")}
      />
    </div>
  );
}
