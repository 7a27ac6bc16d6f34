import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
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
import { isExternalIdKind, isOrderStatus } from "@/components/customers/labels";
import { customerTimeline } from "@/lib/audit/query";
import { OUTCOMES, type Outcome, outcomeTone } from "@/lib/calls/outcomes";
import { Changes } from "@/components/audit/changes";
import Link from "next/link";
import { unnamedIds } from "@/lib/vendors/sobot/dictionary";
import { normalizePhone } from "@/lib/phones/normalize";
import { DICTIONARY_TEXT, fill } from "@/components/sobot/dictionary-text";
import { translateMessage } from "@/lib/i18n/domain";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

async function load(idText: string) {
  const id = Number(idText);
  if (!Number.isInteger(id) || id <= 0) return null;
  return getCustomer(await db(), id);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const customer = await load((await params).id);
  const t = await getTranslations("customers");
  return { title: customer ? customer.uname || customer.realname : t("detail.title") };
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
  const [t, tc, timeZone, locale] = await Promise.all([
    getTranslations("customers"),
    getTranslations("calls"),
    getTimeZone(),
    getLocale(),
  ]);
  const [orders, triggers, timeline, unnamed] = await Promise.all([
    listOrders(client, customer.id),
    availableTriggers(client),
    customerTimeline(client, customer.id, { timeZone }),
    unnamedIds(client, "label"),
  ]);
  // A Sobot tag id nobody has named yet says so, rather than showing a bare hash.
  const labelText = (l: string) => (unnamed.has(l) ? fill(DICTIONARY_TEXT.unnamedValue.label, { id: l }) : l);
  const canEdit = hasRole(user.role, "operator");
  const outcomeText = (o: string) => ((OUTCOMES as readonly string[]).includes(o) ? tc(`outcomes.${o as Outcome}`) : o);

  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            {customer.uname || customer.realname}
            {customer.isVip && <Badge tone="warn">VIP{customer.vipLevel ? ` · ${customer.vipLevel}` : ""}</Badge>}
          </span>
        }
        subtitle={t("detail.subtitle", { id: customer.id, time: formatDateTime(customer.updatedAt, { timeZone }) })}
        actions={
          <>
            <LinkButton href="/customers">{t("detail.all")}</LinkButton>
            {canEdit && (
              <LinkButton href={`/customers/${customer.id}/edit`} variant="primary">
                {t("detail.edit")}
              </LinkButton>
            )}
          </>
        }
      />
      {saved && (
        <div className="mb-4">
          <Notice tone="ok">{saved === "created" ? t("detail.created") : t("detail.saved")}</Notice>
        </div>
      )}
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-3">
        <div className="space-y-5 xl:col-span-1">
          <Card title={t("detail.profile")}>
            <dl className="divide-y divide-line">
              <Row label={t("detail.nickname")}>{customer.uname}</Row>
              <Row label={t("detail.realName")}>{customer.realname}</Row>
              <Row label={t("detail.emails")}>
                {customer.emails.map((e) => (
                  <div key={e}>{e}</div>
                ))}
              </Row>
              <Row label={t("detail.phones")}>
                {customer.phones.map((p) => (
                  <div key={p}>
                    <span>{p}</span>
                    {normalizePhone(p) !== p && (
                      <span className="ml-2 text-xs text-muted" title={t("detail.phoneNormalized")}>
                        {normalizePhone(p)}
                      </span>
                    )}
                  </div>
                ))}
              </Row>
              <Row label={t("detail.vip")}>
                {customer.isVip
                  ? customer.vipLevel
                    ? t("detail.yesLevel", { level: customer.vipLevel })
                    : t("detail.yes")
                  : t("detail.no")}
              </Row>
              <Row label={t("detail.labels")}>
                {customer.labels.length > 0 && (
                  <div className="flex flex-wrap gap-1">
                    {customer.labels.map((l) => (
                      <Badge key={l}>{labelText(l)}</Badge>
                    ))}
                  </div>
                )}
              </Row>
              <Row label={t("detail.remark")}>
                {customer.remark && <p className="whitespace-pre-wrap">{customer.remark}</p>}
              </Row>
            </dl>
          </Card>
          <Card title={t("detail.customFields")}>
            {Object.keys(customer.customFields).length === 0 ? (
              <p className="text-sm text-muted">{t("detail.none")}</p>
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
          <Card title={t("detail.externalIds")}>
            {customer.externalIds.length === 0 ? (
              <p className="text-sm text-muted">{t("detail.noExternalIds")}</p>
            ) : (
              <dl className="divide-y divide-line">
                {customer.externalIds.map((x) => (
                  <Row key={`${x.kind}:${x.value}`} label={isExternalIdKind(x.kind) ? t(`kinds.${x.kind}`) : x.kind}>
                    <span className="font-mono">{x.value}</span>
                  </Row>
                ))}
              </dl>
            )}
          </Card>
          {canEdit && triggers.length > 0 && (
            <Card title={t("detail.trigger")}>
              <TriggerForm
                action={sendTriggerAction}
                choices={triggers}
                body={JSON.stringify(triggerBodyFor(customer), null, 2)}
              />
            </Card>
          )}
          {canEdit && (
            <Card title={t("detail.danger")}>
              <ConfirmForm
                action={deleteCustomerAction}
                fields={{ id: customer.id }}
                label={t("detail.delete")}
                question={t("detail.deleteQuestion", {
                  name: customer.uname || customer.realname,
                  count: String(orders.length),
                })}
                confirmLabel={t("detail.deletePermanently")}
              />
            </Card>
          )}
        </div>

        <div className="space-y-5 xl:col-span-2">
          <Card title={t("detail.orders", { count: String(orders.length) })}>
            {orders.length === 0 && <p className="text-sm text-muted">{t("detail.noOrders")}</p>}
            <ul className="space-y-4">
              {orders.map((o) => (
                <li
                  key={o.id}
                  className="rounded-md border border-line p-3"
                  aria-label={t("detail.order", { number: o.orderNo })}
                >
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div>
                      <p className="font-medium">{o.title}</p>
                      <p className="text-xs text-muted">
                        <span className="font-mono">{o.orderNo}</span>
                        {` · ${formatDateTime(o.createdAt, { timeZone })} · ¥${o.amount} × ${o.quantity}`}
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
                      {isOrderStatus(o.status) ? t(`statuses.${o.status}`) : o.status}
                    </Badge>
                  </div>
                  {o.shipments.length > 0 && (
                    <ol className="mt-3 space-y-1 border-l-2 border-line pl-3 text-xs">
                      {o.shipments.map((s) => (
                        <li key={s.id}>
                          <span className="text-muted">{formatDateTime(s.time, { timeZone })}</span>{" "}
                          <span className="font-medium">{s.status}</span> {s.text}
                        </li>
                      ))}
                    </ol>
                  )}
                  {canEdit && (
                    <details className="mt-3">
                      <summary className="cursor-pointer text-sm text-accent">{t("detail.editOrder")}</summary>
                      <div className="mt-3 space-y-3">
                        <OrderForm
                          action={updateOrderAction}
                          initial={orderToForm(o, timeZone)}
                          hidden={{ orderId: o.id }}
                          submitLabel={t("detail.saveOrder")}
                          idPrefix={`o${o.id}`}
                        />
                        <ConfirmForm
                          action={deleteOrderAction}
                          fields={{ orderId: o.id }}
                          label={t("detail.deleteOrder")}
                          question={t("detail.deleteOrderQuestion", { number: o.orderNo })}
                          confirmLabel={t("detail.deleteOrder")}
                        />
                      </div>
                    </details>
                  )}
                </li>
              ))}
            </ul>
          </Card>
          <Card title={t("detail.timeline")}>
            {timeline.length === 0 ? (
              <p className="text-sm text-muted">{t("detail.noTimeline")}</p>
            ) : (
              <ol className="space-y-3 border-l-2 border-line pl-4 text-sm" aria-label={t("detail.timeline")}>
                {timeline.map((line) => (
                  <li key={`${line.type}-${line.id}`}>
                    <p className="text-xs text-muted">{formatDateTime(line.at, { timeZone })}</p>
                    {line.type === "change" ? (
                      <>
                        <p>
                          <span className="font-medium">{line.actor}</span> {translateMessage(locale, line.summary)}
                        </p>
                        <Changes changes={line.changes} />
                      </>
                    ) : (
                      <p>
                        <Link
                          className="text-accent hover:underline"
                          href={
                            `/calls?customer=${customer.id}&vendor=${encodeURIComponent(line.vendor)}` +
                            `&direction=${line.direction}&from=${line.from}&to=${line.to}`
                          }
                        >
                          {t("detail.callsLink", { count: line.count, direction: line.direction, vendor: line.vendor })}
                        </Link>{" "}
                        <span className="text-xs text-muted">({kindList(line.kinds)})</span>{" "}
                        {line.outcomes.map(([outcome, n]) => (
                          <span key={outcome} className="mr-1">
                            <Badge tone={outcomeTone(outcome)}>
                              {outcomeText(outcome)}
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
            <Card title={t("detail.addOrder")}>
              <OrderForm
                action={addOrderAction}
                initial={{ quantity: "1", status: "paid" }}
                hidden={{ customerId: customer.id }}
                submitLabel={t("detail.addOrderButton")}
                idPrefix="new"
              />
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
