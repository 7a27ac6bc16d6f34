import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getCustomer } from "@/lib/customers/customers";
import { customerToForm } from "@/lib/customers/form";
import { PageHeader } from "@/components/ui";
import { CustomerForm } from "@/components/customers/customer-form";
import { updateCustomerAction } from "../../actions";

export const metadata: Metadata = { title: "Edit customer" };

export default async function EditCustomerPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser("operator");
  const id = Number((await params).id);
  const customer = Number.isInteger(id) ? await getCustomer(await db(), id) : null;
  if (!customer) notFound();
  return (
    <div className="max-w-3xl">
      <PageHeader title={`Edit ${customer.uname || customer.realname}`} subtitle={`Customer #${customer.id}`} />
      <CustomerForm
        action={updateCustomerAction}
        initial={customerToForm(customer)}
        customerId={customer.id}
        cancelHref={`/customers/${customer.id}`}
        submitLabel="Save changes"
      />
    </div>
  );
}
