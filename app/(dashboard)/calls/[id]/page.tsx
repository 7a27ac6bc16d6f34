import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getCall } from "@/lib/calls/query";
import { curlCommand, pretty } from "@/lib/calls/curl";
import { OUTCOME_LABELS, outcomeTone } from "@/lib/calls/outcomes";
import { publicOrigin } from "@/lib/public-url";
import { Badge, Card, LinkButton, PageHeader } from "@/components/ui";
import { CopyButton } from "@/components/ui/copy-button";
import { ReplayButtons } from "@/components/calls/replay-buttons";
import { ExplainPanel } from "@/components/calls/explain-panel";
import { replayAction } from "../actions";
import { hasRole } from "@/lib/auth/roles";
import { formatDate, formatDateTime } from "@/lib/datetime";

export const metadata: Metadata = { title: "Call" };

function Block({ label, text, empty = "—" }: { label: string; text: string | null; empty?: string }) {
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
  const origin = await publicOrigin();
  const curl = curlCommand(call, origin);
  const pruned = call.prunedAt ? `Deleted by retention on ${formatDate(call.prunedAt)} (UTC).` : "—";
  const headers = Object.entries(JSON.parse(call.headers || "{}") as Record<string, string>);

  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            Call #{call.id}{" "}
            <Badge tone={outcomeTone(call.outcome)}>
              {OUTCOME_LABELS[call.outcome as keyof typeof OUTCOME_LABELS] ?? call.outcome}
            </Badge>
          </span>
        }
        subtitle={
          `${call.direction === "out" ? "Sent to" : "Received from"} ${call.vendor} (${call.kind}) · ` +
          `${formatDateTime(call.createdAt, { precision: "millisecond" })} · ${call.durationMs} ms`
        }
        actions={<LinkButton href="/calls">All calls</LinkButton>}
      />
      <div className="space-y-5">
        <Card title="Summary">
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm lg:grid-cols-4">
            <div>
              <dt className="text-muted">Request</dt>
              <dd className="font-mono text-xs break-all">
                {call.method} {call.path}
                {call.query ? `?${call.query}` : ""}
              </dd>
            </div>
            <div>
              <dt className="text-muted">HTTP status</dt>
              <dd>{call.status}</dd>
            </div>
            <div>
              <dt className="text-muted">Integration</dt>
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
              <dt className="text-muted">Verified with</dt>
              <dd>
                {call.keyUsed ? (
                  call.keyUsed === "previous" ? (
                    <Badge tone="warn">the previous key</Badge>
                  ) : (
                    "the current key"
                  )
                ) : (
                  "—"
                )}
              </dd>
            </div>
            <div>
              <dt className="text-muted">Customer</dt>
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
              <dt className="text-muted">Body size</dt>
              <dd>
                {call.requestBytes} bytes{call.requestEncoding === "base64" ? " (binary, shown as base64)" : ""}
              </dd>
            </div>
            <div className="col-span-2">
              <dt className="text-muted">Detail</dt>
              <dd data-testid="call-detail">{call.detail || "—"}</dd>
            </div>
            {call.replayOfId && (
              <div>
                <dt className="text-muted">Replay of</dt>
                <dd>
                  <Link className="text-accent underline" href={`/calls/${call.replayOfId}`}>
                    call #{call.replayOfId}
                  </Link>
                </dd>
              </div>
            )}
          </dl>
        </Card>
        {call.direction === "in" &&
          ["bad_signature", "stale_timestamp", "decrypt_failed"].includes(call.outcome) &&
          hasRole(user.role, "operator") && (
            <Card title="Explain">
              <ExplainPanel callId={call.id} />
            </Card>
          )}
        <div className="grid grid-cols-1 gap-5 xl:grid-cols-2">
          <Card title="Request">
            <div className="space-y-4">
              <div>
                <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">Headers</h3>
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
              <Block label="Raw body" text={pretty(call.requestBody)} empty={call.prunedAt ? pruned : "Empty"} />
              <Block
                label="Decrypted"
                text={pretty(call.decryptedRequest)}
                empty={call.prunedAt ? pruned : "Nothing was decrypted"}
              />
            </div>
          </Card>
          <Card title="Response">
            <div className="space-y-4">
              <Block label="Raw body" text={pretty(call.responseBody)} empty={call.prunedAt ? pruned : "Empty"} />
              <Block
                label="Decrypted"
                text={pretty(call.decryptedResponse)}
                empty={call.prunedAt ? pruned : "Nothing was encrypted"}
              />
            </div>
          </Card>
        </div>
        {call.direction === "in" && call.integration && !call.prunedAt && hasRole(user.role, "operator") && (
          <Card title="Replay">
            <ReplayButtons action={replayAction} id={call.id} />
          </Card>
        )}
        <Card title="Copy as curl" actions={<CopyButton text={curl} label="Copy curl" />}>
          <p className="mb-2 text-xs text-muted">Secret-bearing headers were redacted when the call was recorded.</p>
          <pre className="overflow-auto whitespace-pre-wrap break-all rounded-md bg-surface-2 p-3 font-mono text-xs">
            {curl}
          </pre>
        </Card>
      </div>
    </>
  );
}
