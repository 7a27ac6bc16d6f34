import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { Card, PageHeader } from "@/components/ui";
import { OwnPasswordForm } from "@/components/users/user-admin";
import { changeOwnPasswordAction } from "../users/actions";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requirePageUser("viewer");
  return (
    <div className="max-w-md">
      <PageHeader title="Your account" subtitle={`${user.email} · ${user.role}`} />
      <Card title="Change your password">
        <OwnPasswordForm action={changeOwnPasswordAction} />
      </Card>
    </div>
  );
}
