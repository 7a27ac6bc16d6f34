"use client";
// The editor's Save: straight away when nothing looks wrong; otherwise the warnings are listed
// first, and the operator saves anyway or keeps editing.
import { useTranslations } from "next-intl";
import { Button, Notice } from "@/components/ui";

type Props = {
  saving: boolean;
  confirming: boolean;
  warnings: Record<string, string[]>;
  onKeepEditing: () => void;
};

export function SaveBar({ saving, confirming, warnings, onKeepEditing }: Props) {
  const t = useTranslations("templates.save");
  const list = Object.entries(warnings).flatMap(([field, messages]) => messages.map((m) => `${field}: ${m}`));
  if (confirming && list.length)
    return (
      <div className="space-y-3" data-testid="save-confirm">
        <Notice tone="warn">
          <p className="font-medium">{t("confirm", { count: list.length })}</p>
          <ul className="mt-1 list-inside list-disc">
            {list.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Notice>
        <div className="flex gap-2">
          <Button type="submit" name="confirmed" value="1" disabled={saving}>
            {saving ? t("saving") : t("anyway")}
          </Button>
          <Button type="button" variant="secondary" onClick={onKeepEditing}>
            {t("keepEditing")}
          </Button>
        </div>
      </div>
    );
  return (
    <Button type="submit" disabled={saving}>
      {saving ? t("saving") : t("save")}
    </Button>
  );
}
