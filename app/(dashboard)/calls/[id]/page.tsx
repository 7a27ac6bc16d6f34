import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getCall } from "@/lib/calls/query";
import { curlCommand, pretty } from "@/lib/calls/curl";
import { OUTCOMES, type Outcome, outcomeTone } from "@/lib/calls/outcomes";
import { publicOrigin } from "@/lib/public-url";
import { Badge, Card, LinkButton, PageHeader } from "@/components/ui";
import { CopyButton } from "@/components/ui/copy-button";
import { ReplayButtons } from "@/components/calls/replay-buttons";
import { ExplainPanel } from "@/components/calls/explain-panel";
import { replayAction } from "../actions";
import { hasRole } from "@/lib/auth/roles";
import { formatDate, formatDateTime } from "@/lib/datetime";
import { translateDetail } from "@/lib/i18n/domain/detail";

export async function generateMetadata() {
  const t = await getTranslations("calls");
  return { title: t("call.title") };
}

function Block({ label, text, empty }: { label: string; text: string | null; empty: string }) {
  return (
    <div className="min-w-0">
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">{label}</h3>
      {text === null || text === "" ? (
        <p className="text-sm text-muted">{empty}</p>
      ) : (
        <pre
          className={
            "max-h-96 overflow-auto whitespace-pre-wrap break-all rounded-md bg-surface-2 p-3 " + "font-mono text-xs"
          }
        >
          {text}
        </pre>
      )}
    </div>
  );
}

export default async function CallPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("viewer");
  const id = Number((await params).id);
  const call = Number.isInteger(id) && id > 0 ? await getCall(await db(), id) : null;
  if (!call) notFound();
  const origin = publicOrigin();
  const curl = curlCommand(call, origin);
  const [t, timeZone, locale] = await Promise.all([getTranslations("calls"), getTimeZone(), getLocale()]);
  const pruned = call.prunedAt
    ? t("call.pruned", { date: formatDate(call.prunedAt, { timeZone }), zone: timeZone })
    : "—";
  const outcome = (OUTCOMES as readonly string[]).includes(call.outcome)
    ? t(`outcomes.${call.outcome as Outcome}`)
    : call.outcome;
  const headers = Object.entries(JSON.parse(call.headers || "{}") as Record<string, string>);

  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            {t("call.heading", { id: String(call.id) })} <Badge tone={outcomeTone(call.outcome)}>{outcome}</Badge>
          </span>
        }
        subtitle={t("call.subtitle", {
          direction: call.direction,
          vendor: call.vendor,
          kind: call.kind,
          time: formatDateTime(call.createdAt, { precision: "millisecond", timeZone }),
          ms: String(call.durationMs),
        })}
        actions={<LinkButton href="/calls">{t("call.all")}</LinkButton>}
      />
      <div className="space-y-5">
        <Card title={t("call.summary")}>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm lg:grid-cols-4">
            <div>
              <dt className="text-muted">{t("call.request")}</dt>
              <dd className="font-mono text-xs break-all">
                {call.method} {call.path}
                {call.query ? `?${call.query}` : ""}
              </dd>
            </div>
            <div>
              <dt className="text-muted">{t("call.httpStatus")}</dt>
              <dd>{call.status}</dd>
            </div>
            <div>
              <dt className="text-muted">{t("call.integration")}</dt>
              <dd>
                {call.integration ? (
                  <Link className="text-accent underline" href={`/integrations/${call.integration.id}`}>
                    {call.integration.name}
                  </Link>
                ) : (
                  "—"
                )}
              </dd>
            </div>
            <div>
              <dt className="text-muted">{t("call.verifiedWith")}</dt>
              <dd>
                {call.keyUsed ? (
                  call.keyUsed === "previous" ? (
                    <Badge tone="warn">{t("call.previousKey")}</Badge>
                  ) : (
                    t("call.currentKey")
                  )
                ) : (
                  "—"
                )}
              </dd>
            </div>
            <div>
              <dt className="text-muted">{t("call.customer")}</dt>
              <dd>
                {call.customer ? (
                  <Link className="text-accent underline" href={`/customers/${call.customer.id}`}>
                    {call.customer.uname || call.customer.realname || `#${call.customer.id}`}
                  </Link>
                ) : (
                  "—"
                )}
              </dd>
            </div>
            <div>
              <dt className="text-muted">{t("call.bodySize")}</dt>
              <dd>
                {t("call.bytes", { count: String(call.requestBytes) })}
                {call.requestEncoding === "base64" ? t("call.binary") : ""}
              </dd>
            </div>
            <div className="col-span-2">
              <dt className="text-muted">{t("call.detail")}</dt>
              <dd data-testid="call-detail">{translateDetail(locale, call.detail) || "—"}</dd>
            </div>
            {call.replayOfId && (
              <div>
                <dt className="text-muted">{t("call.replayOf")}</dt>
                <dd>
                  <Link className="text-accent underline" href={`/calls/${call.replayOfId}`}>
                    {t("call.callRef", { id: String(call.replayOfId) })}
                  </Link>
                </dd>
              </div>
            )}
          </dl>
        </Card>
        {call.direction === "in" &&
          ["bad_signature", "stale_timestamp", "decrypt_failed"].includes(call.outcome) &&
          hasRole(user.role, "operator") && (
            <Card title={t("call.explain")}>
              <ExplainPanel callId={call.id} />
            </Card>
          )}
        <div className="grid grid-cols-1 gap-5 xl:grid-cols-2">
          <Card title={t("call.request")}>
            <div className="space-y-4">
              <div>
                <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">{t("call.headers")}</h3>
                <table className="w-full text-xs">
                  <tbody>
                    {headers.map(([k, v]) => (
                      <tr key={k} className="border-t border-line">
                        <td className="py-1 pr-3 font-mono text-muted">{k}</td>
                        <td className="py-1 font-mono break-all">{v}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Block
                label={t("call.rawBody")}
                text={pretty(call.requestBody)}
                empty={call.prunedAt ? pruned : t("call.empty")}
              />
              <Block
                label={t("call.decrypted")}
                text={pretty(call.decryptedRequest)}
                empty={call.prunedAt ? pruned : t("call.nothingDecrypted")}
              />
            </div>
          </Card>
          <Card title={t("call.response")}>
            <div className="space-y-4">
              <Block
                label={t("call.rawBody")}
                text={pretty(call.responseBody)}
                empty={call.prunedAt ? pruned : t("call.empty")}
              />
              <Block
                label={t("call.decrypted")}
                text={pretty(call.decryptedResponse)}
                empty={call.prunedAt ? pruned : t("call.nothingEncrypted")}
              />
            </div>
          </Card>
        </div>
        {call.direction === "in" && call.integration && !call.prunedAt && hasRole(user.role, "operator") && (
          <Card title={t("call.replay")}>
            <ReplayButtons action={replayAction} id={call.id} />
          </Card>
        )}
        <Card title={t("call.copyCurl")} actions={<CopyButton text={curl} label={t("call.copyCurlButton")} />}>
          <p className="mb-2 text-xs text-muted">{t("call.redacted")}</p>
          <pre className="overflow-auto whitespace-pre-wrap break-all rounded-md bg-surface-2 p-3 font-mono text-xs">
            {curl}
          </pre>
        </Card>
      </div>
    </>
  );
}
