import Link from "next/link";
import { getTimeZone, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { dictionaryCompanies, dictionaryView, type EntryType } from "@/lib/vendors/sobot/dictionary";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui";
import { ActionButton } from "@/components/ui/action-button";
import { EntryForm, NameIdForm } from "@/components/sobot/dictionary-forms";
import { formatDateTime } from "@/lib/datetime";
import { removeEntryAction, setEntryAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("sobot");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;

async function Entries({
  title,
  nameLabel,
  type,
  entries,
  companyId,
}: {
  title: string;
  nameLabel: string;
  type: EntryType;
  entries: Record<string, string>;
  companyId: string;
}) {
  const t = await getTranslations("sobot");
  const rows = Object.entries(entries);
  return (
    <Card title={title}>
      {rows.length === 0 ? (
        <p className="text-sm text-muted">{t("none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="text-left text-muted">
              <tr>
                <th scope="col" className="py-1 font-medium">
                  {nameLabel}
                </th>
                <th scope="col" className="py-1 font-medium">
                  {t("sobotId")}
                </th>
                <th scope="col" className="py-1" />
              </tr>
            </thead>
            <tbody>
              {rows.map(([name, id]) => (
                <tr key={id} className="border-t border-line align-top">
                  <td className="py-1.5">{name}</td>
                  <td className="py-1.5 font-mono text-xs break-all">{id}</td>
                  <td className="py-1.5 text-right">
                    <ActionButton
                      action={removeEntryAction}
                      fields={{ companyId, type, sobotId: id }}
                      label={t("remove")}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export default async function SobotDictionaryPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePageUser("admin");
  const client = await db();
  const companies = await dictionaryCompanies(client);
  const asked = (await searchParams).company;
  const companyId = (Array.isArray(asked) ? asked[0] : asked)?.trim() || companies[0] || "";
  const view = companyId ? await dictionaryView(client, companyId) : null;
  const [t, timeZone] = await Promise.all([getTranslations("sobot"), getTimeZone()]);

  return (
    <>
      <PageHeader title={t("title")} subtitle={`${t("subtitle.1")}${t("subtitle.2")}`} />
      <nav aria-label={t("companies")} className="mb-4 flex flex-wrap gap-2">
        {companies.length === 0 && <p className="text-sm text-muted">{t("noCompanies")}</p>}
        {companies.map((c) => (
          <Link
            key={c}
            href={`/sobot/dictionary?company=${encodeURIComponent(c)}`}
            aria-current={c === companyId ? "page" : undefined}
            className={
              "rounded-md border border-line px-3 py-1 text-sm hover:bg-surface-2 " +
              "aria-[current=page]:bg-accent-soft aria-[current=page]:text-accent"
            }
          >
            {c}
          </Link>
        ))}
      </nav>
      {view ? (
        <div className="grid grid-cols-1 gap-5 xl:grid-cols-2">
          <Card title={t("unnamedTitle")} className="xl:col-span-2">
            <p className="mb-3 text-sm text-muted">{t("unnamedHint")}</p>
            {view.unnamed.length === 0 ? (
              <p className="text-sm">{t("unnamedEmpty")}</p>
            ) : (
              <ul className="divide-y divide-line">
                {view.unnamed.map((u) => (
                  <li
                    key={`${u.type}:${u.id}`}
                    className="space-y-2 py-3"
                    aria-label={t(`unnamedValue.${u.type}`, { id: u.id })}
                  >
                    <div className="flex flex-wrap items-center gap-2 text-sm">
                      <Badge>{t(`typeLabel.${u.type}`)}</Badge>
                      <span className="font-mono text-xs break-all">{u.id}</span>
                      {u.callId ? (
                        <Link href={`/calls/${u.callId}`} className="text-accent hover:underline">
                          {t("arrivedWith", { call: u.callId })}
                        </Link>
                      ) : (
                        <span className="text-muted">
                          {t("arrivedAt", {
                            time: formatDateTime(new Date(u.firstSeen), { timeZone, precision: "second" }),
                          })}
                        </span>
                      )}
                    </div>
                    <NameIdForm action={setEntryAction} companyId={view.companyId} type={u.type} sobotId={u.id} />
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Entries
            title={t("tags")}
            nameLabel={t("name")}
            type="label"
            entries={view.labels}
            companyId={view.companyId}
          />
          <Entries
            title={t("vipLevels")}
            nameLabel={t("name")}
            type="vipLevel"
            entries={view.vipLevels}
            companyId={view.companyId}
          />
          <Entries
            title={t("fields")}
            nameLabel={t("fieldKey")}
            type="field"
            entries={view.fields}
            companyId={view.companyId}
          />
          <Card title={t("addTitle")}>
            <p className="mb-3 text-sm text-muted">{t("company", { company: view.companyId })}</p>
            <EntryForm action={setEntryAction} companyId={view.companyId} />
          </Card>
        </div>
      ) : (
        <EmptyState title={t("title")}>{t("noCompanies")}</EmptyState>
      )}
    </>
  );
}
