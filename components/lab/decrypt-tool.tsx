"use client";
// The decrypt tool: a Sobot AES or Hyphenate DES ciphertext and an integration → the plaintext,
// or exactly why it does not decrypt. The key stays on the server.
import { useState, useTransition } from "react";
import { Button, Field, Notice, inputClass } from "@/components/ui";
import { initialActionState } from "@/lib/action-state";
import { decryptAction, type LabDecryptState } from "@/app/(dashboard)/lab/actions";

export type DecryptChoice = { id: string; name: string; vendor: string };

const REASONS: Record<string, string> = {
  empty: "Empty",
  odd_length: "Odd length",
  not_hex: "Not hex",
  bad_length: "Not whole blocks",
  bad_padding: "Wrong padding: likely the wrong key",
  not_text: "Not text: likely the wrong key",
};

export function DecryptTool({ integrations }: { integrations: DecryptChoice[] }) {
  const [integrationId, setIntegrationId] = useState(integrations[0]?.id ?? "");
  const [ciphertext, setCiphertext] = useState("");
  const [state, setState] = useState<LabDecryptState>(initialActionState);
  const [pending, start] = useTransition();
  const chosen = integrations.find((i) => i.id === integrationId);
  const result = state.decrypted;
  return (
    <form
      className="space-y-3"
      aria-label="Decrypt a ciphertext"
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
        label="Key of integration"
        name="decrypt-integration"
        errors={state.fieldErrors?.integrationId}
        hint={
          chosen
            ? chosen.vendor === "sobot-crm"
              ? "Sobot AES-128-ECB (key from SHA1(SHA1(secretKey))), hex."
              : "Hyphenate DES-ECB (first 8 bytes of the key), hex."
            : "Sobot CRM and Hyphenate integrations."
        }
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
      <Field label="Ciphertext (hex)" name="decrypt-ciphertext" errors={state.fieldErrors?.ciphertext}>
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
        {pending ? "Decrypting…" : "Decrypt"}
      </Button>
      {!result && state.message && !state.ok && <Notice>{state.message}</Notice>}
      {result &&
        ("plaintext" in result ? (
          <div className="space-y-1">
            <p className="text-sm text-muted">Decrypted with the {result.key} key:</p>
            <pre
              className="overflow-auto whitespace-pre-wrap break-all rounded-md bg-surface-2 p-3 font-mono text-xs"
              data-testid="decrypt-plaintext"
            >
              {result.plaintext}
            </pre>
          </div>
        ) : (
          <Notice>
            <span data-testid="decrypt-reason">{REASONS[result.reason] ?? result.reason}</span> ({result.reason}):{" "}
            {result.message}
          </Notice>
        ))}
    </form>
  );
}
