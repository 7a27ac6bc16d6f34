import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { getCustomer } from "@/lib/customers/customers";
import { listOrders } from "@/lib/customers/orders";
import { orderToForm } from "@/lib/customers/form";
import { formatDateTime } from "@/lib/datetime";
import { Badge, Card, LinkButton, Notice, PageHeader } from "@/components/ui";
import { ConfirmForm } from "@/components/ui/confirm-form";
import { OrderForm } from "@/components/customers/order-form";
import { addOrderAction, deleteCustomerAction, deleteOrderAction, updateOrderAction } from "../actions";
import { sendTriggerAction } from "../trigger-actions";
import { availableTriggers } from "@/lib/vendors/sobot/api/available";
import { triggerBodyFor } from "@/lib/vendors/sobot/api/prefill";
import { TriggerForm } from "@/components/customers/trigger-form";
import { customerTimeline } from "@/lib/audit/query";
import { OUTCOME_LABELS, outcomeTone } from "@/lib/calls/outcomes";
import { Changes } from "@/components/audit/changes";
import Link from "next/link";
import { unnamedIds } from "@/lib/vendors/sobot/dictionary";
import { normalizePhone } from "@/lib/phones/normalize";
import { DICTIONARY_TEXT, fill } from "@/components/sobot/dictionary-text";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

async function load(idText: string) {
  const id = Number(idText);
  if (!Number.isInteger(id) || id <= 0) return null;
  return getCustomer(await db(), id);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const customer = await load((await params).id);
  return { title: customer ? customer.uname || customer.realname : "Customer" };
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-3 py-1.5 text-sm">
      <dt className="text-muted">{label}</dt>
      <dd className="col-span-2 min-w-0 wrap-anywhere">{children || <span className="text-muted">—</span>}</dd>
    </div>
  );
}

/** "crm ×12, task ×2": a timeline line's calls per kind. */
const kindList = (kinds: [string, number][]) => kinds.map(([kind, n]) => `${kind} ×${n}`).join(", ");

export default async function CustomerPage({ params, searchParams }: Props) {
  const user = await requirePageUser("viewer");
  const customer = await load((await params).id);
  if (!customer) notFound();
  const { saved } = await searchParams;
  const client = await db();
  const [orders, triggers, timeline, unnamed] = await Promise.all([
    listOrders(client, customer.id),
    availableTriggers(client),
    customerTimeline(client, customer.id),
    unnamedIds(client, "label"),
  ]);
  // A Sobot tag id nobody has named yet says so, rather than showing a bare hash.
  const labelText = (l: string) => (unnamed.has(l) ? fill(DICTIONARY_TEXT.unnamedValue.label, { id: l }) : l);
  const canEdit = hasRole(user.role, "operator");

  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            {customer.uname || customer.realname}
            {customer.isVip && <Badge tone="warn">VIP{customer.vipLevel ? ` · ${customer.vipLevel}` : ""}</Badge>}
          </span>
        }
        subtitle={`Customer #${customer.id} · updated ${formatDateTime(customer.updatedAt)}`}
        actions={
          <>
            <LinkButton href="/customers">All customers</LinkButton>
            {canEdit && (
              <LinkButton href={`/customers/${customer.id}/edit`} variant="primary">
                Edit
              </LinkButton>
            )}
          </>
        }
      />
      {saved && (
        <div className="mb-4">
          <Notice tone="ok">{saved === "created" ? "Customer created." : "Changes saved."}</Notice>
        </div>
      )}
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-3">
        <div className="space-y-5 xl:col-span-1">
          <Card title="Profile">
            <dl className="divide-y divide-line">
              <Row label="Nickname">{customer.uname}</Row>
              <Row label="Real name">{customer.realname}</Row>
              <Row label="Emails">
                {customer.emails.map((e) => (
                  <div key={e}>{e}</div>
                ))}
              </Row>
              <Row label="Phones">
                {customer.phones.map((p) => (
                  <div key={p}>
                    <span>{p}</span>
                    {normalizePhone(p) !== p && (
                      <span className="ml-2 text-xs text-muted" title="The form every lookup compares">
                        {normalizePhone(p)}
                      </span>
                    )}
                  </div>
                ))}
              </Row>
              <Row label="VIP">
                {customer.isVip ? `Yes${customer.vipLevel ? ` (${customer.vipLevel})` : ""}` : "No"}
              </Row>
              <Row label="Labels">
                {customer.labels.length > 0 && (
                  <div className="flex flex-wrap gap-1">
                    {customer.labels.map((l) => (
                      <Badge key={l}>{labelText(l)}</Badge>
                    ))}
                  </div>
                )}
              </Row>
              <Row label="Remark">{customer.remark && <p className="whitespace-pre-wrap">{customer.remark}</p>}</Row>
            </dl>
          </Card>
          <Card title="Custom fields">
            {Object.keys(customer.customFields).length === 0 ? (
              <p className="text-sm text-muted">None.</p>
            ) : (
              <dl className="divide-y divide-line">
                {Object.entries(customer.customFields).map(([k, v]) => (
                  <Row key={k} label={k}>
                    {v}
                  </Row>
                ))}
              </dl>
            )}
          </Card>
          <Card title="External ids">
            {customer.externalIds.length === 0 ? (
              <p className="text-sm text-muted">None: vendors cannot find this customer by id.</p>
            ) : (
              <dl className="divide-y divide-line">
                {customer.externalIds.map((x) => (
                  <Row key={`${x.kind}:${x.value}`} label={x.kind}>
                    <span className="font-mono">{x.value}</span>
                  </Row>
                ))}
              </dl>
            )}
          </Card>
          {canEdit && triggers.length > 0 && (
            <Card title="Sobot rule trigger">
              <TriggerForm
                action={sendTriggerAction}
                choices={triggers}
                body={JSON.stringify(triggerBodyFor(customer), null, 2)}
              />
            </Card>
          )}
          {canEdit && (
            <Card title="Danger zone">
              <ConfirmForm
                action={deleteCustomerAction}
                fields={{ id: customer.id }}
                label="Delete customer"
                question={`Delete ${customer.uname || customer.realname} and ${orders.length} order(s)?`}
                confirmLabel="Delete permanently"
              />
            </Card>
          )}
        </div>

        <div className="space-y-5 xl:col-span-2">
          <Card title={`Orders (${orders.length})`}>
            {orders.length === 0 && <p className="text-sm text-muted">No orders yet.</p>}
            <ul className="space-y-4">
              {orders.map((o) => (
                <li key={o.id} className="rounded-md border border-line p-3" aria-label={`Order ${o.orderNo}`}>
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div>
                      <p className="font-medium">{o.title}</p>
                      <p className="text-xs text-muted">
                        <span className="font-mono">{o.orderNo}</span>
                        {` · ${formatDateTime(o.createdAt)} · ¥${o.amount} × ${o.quantity}`}
                      </p>
                    </div>
                    <Badge
                      tone={
                        o.status === "cancelled" || o.status === "refunded"
                          ? "danger"
                          : o.status === "pending"
                            ? "neutral"
                            : "ok"
                      }
                    >
                      {o.status}
                    </Badge>
                  </div>
                  {o.shipments.length > 0 && (
                    <ol className="mt-3 space-y-1 border-l-2 border-line pl-3 text-xs">
                      {o.shipments.map((s) => (
                        <li key={s.id}>
                          <span className="text-muted">{formatDateTime(s.time)}</span>{" "}
                          <span className="font-medium">{s.status}</span> {s.text}
                        </li>
                      ))}
                    </ol>
                  )}
                  {canEdit && (
                    <details className="mt-3">
                      <summary className="cursor-pointer text-sm text-accent">Edit order</summary>
                      <div className="mt-3 space-y-3">
                        <OrderForm
                          action={updateOrderAction}
                          initial={orderToForm(o)}
                          hidden={{ orderId: o.id }}
                          submitLabel="Save order"
                          idPrefix={`o${o.id}`}
                        />
                        <ConfirmForm
                          action={deleteOrderAction}
                          fields={{ orderId: o.id }}
                          label="Delete order"
                          question={`Delete order ${o.orderNo}?`}
                          confirmLabel="Delete order"
                        />
                      </div>
                    </details>
                  )}
                </li>
              ))}
            </ul>
          </Card>
          <Card title="Timeline">
            {timeline.length === 0 ? (
              <p className="text-sm text-muted">No changes or calls recorded yet.</p>
            ) : (
              <ol className="space-y-3 border-l-2 border-line pl-4 text-sm" aria-label="Timeline">
                {timeline.map((t) => (
                  <li key={`${t.type}-${t.id}`}>
                    <p className="text-xs text-muted">{formatDateTime(t.at)}</p>
                    {t.type === "change" ? (
                      <>
                        <p>
                          <span className="font-medium">{t.actor}</span> {t.summary}
                        </p>
                        <Changes changes={t.changes} />
                      </>
                    ) : (
                      <p>
                        <Link
                          className="text-accent hover:underline"
                          href={
                            `/calls?customer=${customer.id}&vendor=${encodeURIComponent(t.vendor)}` +
                            `&direction=${t.direction}&from=${t.day}T00:00:00Z&to=${t.day}T23:59:59.999Z`
                          }
                        >
                          {t.count} {t.count === 1 ? "call" : "calls"} {t.direction === "out" ? "to" : "from"}{" "}
                          {t.vendor}
                        </Link>{" "}
                        <span className="text-xs text-muted">({kindList(t.kinds)})</span>{" "}
                        {t.outcomes.map(([outcome, n]) => (
                          <span key={outcome} className="mr-1">
                            <Badge tone={outcomeTone(outcome)}>
                              {OUTCOME_LABELS[outcome as keyof typeof OUTCOME_LABELS] ?? outcome}
                              {n > 1 ? ` ×${n}` : ""}
                            </Badge>
                          </span>
                        ))}
                      </p>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </Card>
          {canEdit && (
            <Card title="Add an order">
              <OrderForm
                action={addOrderAction}
                initial={{ quantity: "1", status: "paid" }}
                hidden={{ customerId: customer.id }}
                submitLabel="Add order"
                idPrefix="new"
              />
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
