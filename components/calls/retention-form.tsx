"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, Notice, inputClass } from "@/components/ui";
import { initialActionState, type ActionState } from "@/lib/action-state";

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;

export function RetentionForm({ days, save, prune }: { days: number; save: Action; prune: Action }) {
  const t = useTranslations("settings");
  const common = useTranslations("common");
  const [saved, saveAction, saving] = useActionState(save, initialActionState);
  const [pruned, pruneAction, pruning] = useActionState(prune, initialActionState);
  return (
    <div className="space-y-4">
      <form key={saved.seq} action={saveAction} className="flex items-end gap-3" noValidate>
        <div className="w-48">
          <Field label={t("keepFor")} name="retentionDays" errors={saved.fieldErrors?.retentionDays}>
            {(a) => (
              <input
                {...a}
                name="retentionDays"
                inputMode="numeric"
                defaultValue={saved.values?.retentionDays ?? String(days)}
                className={inputClass}
              />
            )}
          </Field>
        </div>
        <Button type="submit" disabled={saving}>
          {common("save")}
        </Button>
      </form>
      {saved.message && <Notice tone={saved.ok ? "ok" : "danger"}>{saved.message}</Notice>}
      <form action={pruneAction}>
        <Button type="submit" variant="secondary" disabled={pruning}>
          {pruning ? t("pruning") : t("pruneNow")}
        </Button>
      </form>
      {pruned.message && <Notice tone={pruned.ok ? "ok" : "danger"}>{pruned.message}</Notice>}
    </div>
  );
}
