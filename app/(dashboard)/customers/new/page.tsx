import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui";
import { CustomerForm } from "@/components/customers/customer-form";
import { createCustomerAction } from "../actions";

export const metadata: Metadata = { title: "New customer" };

export default async function NewCustomerPage() {
  await requirePageUser("operator");
  return (
    <div className="max-w-3xl">
      <PageHeader title="New customer" />
      <CustomerForm action={createCustomerAction} initial={{}} cancelHref="/customers" submitLabel="Create customer" />
    </div>
  );
}
