"use client";
// The decrypt tool: a Sobot AES or Hyphenate DES ciphertext and an integration → the plaintext,
// or exactly why it does not decrypt. The key stays on the server.
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, Notice, inputClass } from "@/components/ui";
import { initialActionState } from "@/lib/action-state";
import { decryptAction, type LabDecryptState } from "@/app/(dashboard)/lab/actions";

export type DecryptChoice = { id: string; name: string; vendor: string };

const REASONS = ["empty", "odd_length", "not_hex", "bad_length", "bad_padding", "not_text"] as const;
const isReason = (r: string): r is (typeof REASONS)[number] => (REASONS as readonly string[]).includes(r);

export function DecryptTool({ integrations }: { integrations: DecryptChoice[] }) {
  const t = useTranslations("lab.decryptTool");
  const [integrationId, setIntegrationId] = useState(integrations[0]?.id ?? "");
  const [ciphertext, setCiphertext] = useState("");
  const [state, setState] = useState<LabDecryptState>(initialActionState);
  const [pending, start] = useTransition();
  const chosen = integrations.find((i) => i.id === integrationId);
  const result = state.decrypted;
  return (
    <form
      className="space-y-3"
      aria-label={t("aria")}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const formData = new FormData();
          formData.set("integrationId", integrationId);
          formData.set("ciphertext", ciphertext);
          setState(await decryptAction(initialActionState, formData));
        });
      }}
    >
      <Field
        label={t("key")}
        name="decrypt-integration"
        errors={state.fieldErrors?.integrationId}
        hint={chosen ? (chosen.vendor === "sobot-crm" ? t("hintSobot") : t("hintHyphenate")) : t("hintNone")}
      >
        {(a) => (
          <select
            {...a}
            value={integrationId}
            onChange={(e) => setIntegrationId(e.target.value)}
            className={inputClass}
          >
            {integrations.length === 0 && <option value="">—</option>}
            {integrations.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name} ({i.vendor === "sobot-crm" ? "Sobot AES" : "Hyphenate DES"})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("ciphertext")} name="decrypt-ciphertext" errors={state.fieldErrors?.ciphertext}>
        {(a) => (
          <textarea
            {...a}
            value={ciphertext}
            onChange={(e) => setCiphertext(e.target.value)}
            rows={4}
            spellCheck={false}
            className={`${inputClass} font-mono text-xs`}
          />
        )}
      </Field>
      <Button type="submit" variant="secondary" disabled={pending || !integrationId}>
        {pending ? t("decrypting") : t("decrypt")}
      </Button>
      {!result && state.message && !state.ok && <Notice>{state.message}</Notice>}
      {result &&
        ("plaintext" in result ? (
          <div className="space-y-1">
            <p className="text-sm text-muted">{t("decryptedWith", { key: result.key ?? "" })}</p>
            <pre
              className="overflow-auto whitespace-pre-wrap break-all rounded-md bg-surface-2 p-3 font-mono text-xs"
              data-testid="decrypt-plaintext"
            >
              {result.plaintext}
            </pre>
          </div>
        ) : (
          <Notice>
            <span data-testid="decrypt-reason">
              {isReason(result.reason) ? t(`reasons.${result.reason}`) : result.reason}
            </span>{" "}
            ({result.reason}): {result.message}
          </Notice>
        ))}
    </form>
  );
}
