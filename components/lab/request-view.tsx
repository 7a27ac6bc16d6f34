// The lab's built request and the answer to a sent one. Server-safe (no state; next-intl's
// useTranslations works in server and client components alike).
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui";
import { CopyButton } from "@/components/ui/copy-button";
import { OUTCOME_LABELS, outcomeTone } from "@/lib/calls/outcomes";
import type { LabRequestView } from "@/lib/lab/build";
import type { LabSendResult } from "@/app/(dashboard)/lab/actions";

function Block({ label, text, testId, copy }: { label: string; text: string | null; testId: string; copy?: boolean }) {
  const t = useTranslations("lab.request");
  if (text === null || text === "") return null;
  return (
    <div className="min-w-0">
      <div className="mb-1 flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-muted">{label}</h3>
        {copy && <CopyButton text={text} label={t("copy", { label: label.toLowerCase() })} />}
      </div>
      <pre
        className="max-h-80 overflow-auto whitespace-pre-wrap break-all rounded-md bg-surface-2 p-3 font-mono text-xs"
        data-testid={testId}
      >
        {text}
      </pre>
    </div>
  );
}

const pretty = (text: string | null) => {
  if (text === null) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};

export function RequestView({ built }: { built: LabRequestView }) {
  const t = useTranslations("lab.request");
  return (
    <div className="space-y-4" data-testid="lab-request">
      <p className="font-mono text-xs break-all">
        <Badge tone={built.key === "wrong" ? "danger" : "neutral"}>
          {built.key === "wrong" ? t("wrongKey") : built.key === "current" ? t("currentKey") : t("noKey")}
        </Badge>{" "}
        {built.method} {built.path}
      </p>
      {built.notes.length > 0 && (
        <ul className="list-disc space-y-0.5 pl-5 text-xs text-muted" aria-label={t("notes")}>
          {built.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {built.formula && (
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">
            {t("signedString", { formula: built.formula })}
          </h3>
          <p className="mb-1 flex flex-wrap gap-1 text-xs">
            {built.signedParts.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: parts repeat (the "&"s); position is identity
              <span key={i} className="rounded border border-line px-1.5 py-0.5">
                <span className="text-muted">{p.name}</span> <span className="font-mono break-all">{p.value}</span>
              </span>
            ))}
          </p>
          <pre
            className="overflow-auto whitespace-pre-wrap break-all rounded-md bg-surface-2 p-3 font-mono text-xs"
            data-testid="lab-signed-string"
          >
            {built.signedString}
          </pre>
        </div>
      )}
      <Block label={t("sign")} text={built.sign} testId="lab-sign" />
      <Block label={t("plaintext")} text={built.plaintext} testId="lab-plaintext" />
      <Block label={t("ciphertext")} text={built.ciphertext} testId="lab-ciphertext" />
      <div>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">{t("headers")}</h3>
        {built.headers.length === 0 ? (
          <p className="text-sm text-muted">{t("noHeaders")}</p>
        ) : (
          <table className="w-full text-xs" data-testid="lab-headers">
            <tbody>
              {built.headers.map(([k, v]) => (
                <tr key={k} className="border-t border-line">
                  <td className="py-1 pr-3 font-mono text-muted">{k}</td>
                  <td className="py-1 font-mono break-all">{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {built.params.length > 0 && (
        <table className="w-full text-xs" aria-label={t("params")} data-testid="lab-params">
          <thead>
            <tr className="text-left text-muted">
              <th className="py-1 pr-3 font-medium">{t("parameter")}</th>
              <th className="py-1 pr-3 font-medium">{t("value")}</th>
              <th className="py-1 font-medium">{t("sent")}</th>
            </tr>
          </thead>
          <tbody>
            {built.params.map((p) => (
              <tr key={p.name} className="border-t border-line">
                <td className="py-1 pr-3 font-mono">{p.name}</td>
                <td className="py-1 pr-3 font-mono break-all">{p.value}</td>
                <td className="py-1 font-mono break-all">
                  {p.encrypted ? p.sent : <span className="text-muted">{t("inClear")}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Block label={t("body")} text={pretty(built.body)} testId="lab-body" />
      <Block label={t("curl")} text={built.curl} testId="lab-curl" copy />
    </div>
  );
}

export function SendResultView({ sent }: { sent: LabSendResult }) {
  const t = useTranslations("lab.request");
  return (
    <div className="space-y-4" data-testid="lab-answer">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm lg:grid-cols-4">
        <div>
          <dt className="text-muted">{t("status")}</dt>
          <dd data-testid="lab-status">{sent.status}</dd>
        </div>
        <div>
          <dt className="text-muted">{t("took")}</dt>
          <dd>{sent.durationMs} ms</dd>
        </div>
        <div className="col-span-2">
          <dt className="text-muted">{t("loggedAs")}</dt>
          <dd>
            {sent.call ? (
              <span className="flex flex-wrap items-center gap-2">
                <Link className="text-accent underline" href={`/calls/${sent.call.id}`} data-testid="lab-call-link">
                  {t("call", { id: sent.call.id })}
                </Link>
                <Badge tone={outcomeTone(sent.call.outcome)}>
                  {OUTCOME_LABELS[sent.call.outcome as keyof typeof OUTCOME_LABELS] ?? sent.call.outcome}
                </Badge>
              </span>
            ) : (
              t("noCall")
            )}
          </dd>
        </div>
        {sent.call && (
          <div className="col-span-2 lg:col-span-4">
            <dt className="text-muted">{t("detail")}</dt>
            <dd data-testid="lab-call-detail">{sent.call.detail || "—"}</dd>
          </div>
        )}
      </dl>
      <Block
        label={t("answer")}
        text={sent.contentType.includes("html") ? sent.answer.slice(0, 2000) : pretty(sent.answer)}
        testId="lab-answer-raw"
      />
      <Block
        label={sent.contentType.includes("html") ? t("pageText") : t("decrypted")}
        text={pretty(sent.decrypted)}
        testId="lab-answer-decrypted"
      />
    </div>
  );
}
