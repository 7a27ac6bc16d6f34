import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listUsers } from "@/lib/users/users";
import { Badge, Card, PageHeader } from "@/components/ui";
import { UserForm } from "@/components/users/user-form";
import {
  createUserAction,
  resetPasswordAction,
  resetTwoFactorAction,
  setDisabledAction,
  setRoleAction,
} from "./actions";
import { ActionButton } from "@/components/ui/action-button";
import { ResetPasswordForm, RoleForm } from "@/components/users/user-admin";

export async function generateMetadata() {
  const t = await getTranslations("users");
  return { title: t("title") };
}

export default async function UsersPage() {
  const me = await requirePageUser("admin");
  const [users, t, nav] = await Promise.all([listUsers(await db()), getTranslations("users"), getTranslations("nav")]);
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-2">
        <Card title={t("count", { count: users.length })} className="xl:col-span-2">
          <ul className="divide-y divide-line">
            {users.map((u) => (
              <li key={u.id} className="space-y-3 py-3" aria-label={t("user", { email: u.email })}>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{u.email}</span>
                  {u.name && <span className="text-sm text-muted">{u.name}</span>}
                  <Badge tone={u.role === "admin" ? "accent" : "neutral"}>{nav("role", { role: u.role })}</Badge>
                  {u.disabled && <Badge tone="danger">{t("disabled")}</Badge>}
                  {u.totpEnabledAt && <Badge tone="ok">{t("twoFactor")}</Badge>}
                  {u.id === me.id && <Badge tone="ok">{t("you")}</Badge>}
                </div>
                <div className="flex flex-wrap items-start gap-6">
                  <RoleForm action={setRoleAction} id={u.id} role={u.role} email={u.email} />
                  {u.id !== me.id && (
                    <ActionButton
                      action={setDisabledAction}
                      fields={{ id: u.id, disabled: u.disabled ? "0" : "1" }}
                      label={u.disabled ? t("enable") : t("disable")}
                    />
                  )}
                  <ResetPasswordForm action={resetPasswordAction} id={u.id} email={u.email} />
                  {u.totpEnabledAt && (
                    <ActionButton
                      action={resetTwoFactorAction}
                      fields={{ id: u.id }}
                      label={t("turnOffTwoFactor")}
                      variant="danger"
                    />
                  )}
                </div>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t("add")}>
          <UserForm action={createUserAction} />
        </Card>
      </div>
    </>
  );
}
