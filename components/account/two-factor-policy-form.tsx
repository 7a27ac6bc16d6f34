"use client";
// Settings → who must use two-factor sign-in.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Notice, inputClass } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";

const CHOICES = ["off", "admins", "everyone"] as const;

export function TwoFactorPolicyForm({
  policy,
  save,
}: {
  policy: string;
  save: (s: ActionState, f: FormData) => Promise<ActionState>;
}) {
  const t = useTranslations("settings");
  const common = useTranslations("common");
  const [state, action, pending] = useActionState(save, initialActionState);
  return (
    <form key={state.seq} action={action} className="space-y-3">
      <p className="text-sm text-muted">
        {t("policyAsked")}
        {t("policyNextPage")}
        {t("policyAdmin")}
        {t("policyCli")}
        {t.rich("policyCommand", { code: (chunks) => <code>{chunks}</code> })}
      </p>
      <div className="flex items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("requiredFor")}</span>
          <select name="twoFactor" defaultValue={state.values?.twoFactor ?? policy} className={inputClass}>
            {CHOICES.map((value) => (
              <option key={value} value={value}>
                {t(`policies.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" disabled={pending}>
          {common("save")}
        </Button>
      </div>
      {state.message && <Notice tone={state.ok ? "ok" : "danger"}>{state.message}</Notice>}
    </form>
  );
}
