"use client";
// The editor's Save: straight away when nothing looks wrong; otherwise the warnings are listed
// first, and the operator saves anyway or keeps editing.
import { Button, Notice } from "@/components/ui";

type Props = {
  saving: boolean;
  confirming: boolean;
  warnings: Record<string, string[]>;
  onKeepEditing: () => void;
};

export function SaveBar({ saving, confirming, warnings, onKeepEditing }: Props) {
  const list = Object.entries(warnings).flatMap(([field, messages]) => messages.map((m) => `${field}: ${m}`));
  if (confirming && list.length)
    return (
      <div className="space-y-3" data-testid="save-confirm">
        <Notice tone="warn">
          <p className="font-medium">Save with {list.length === 1 ? "this warning" : "these warnings"}?</p>
          <ul className="mt-1 list-inside list-disc">
            {list.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Notice>
        <div className="flex gap-2">
          <Button type="submit" name="confirmed" value="1" disabled={saving}>
            {saving ? "Saving…" : "Save anyway"}
          </Button>
          <Button type="button" variant="secondary" onClick={onKeepEditing}>
            Keep editing
          </Button>
        </div>
      </div>
    );
  return (
    <Button type="submit" disabled={saving}>
      {saving ? "Saving…" : "Save template"}
    </Button>
  );
}
