import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { dictionaryCompanies, dictionaryView, type EntryType } from "@/lib/vendors/sobot/dictionary";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui";
import { ActionButton } from "@/components/ui/action-button";
import { EntryForm, NameIdForm } from "@/components/sobot/dictionary-forms";
import { DICTIONARY_TEXT as T, fill } from "@/components/sobot/dictionary-text";
import { removeEntryAction, setEntryAction } from "./actions";

export const metadata: Metadata = { title: T.title };

type Search = Record<string, string | string[] | undefined>;

function Entries({
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
  const rows = Object.entries(entries);
  return (
    <Card title={title}>
      {rows.length === 0 ? (
        <p className="text-sm text-muted">{T.none}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="text-left text-muted">
              <tr>
                <th scope="col" className="py-1 font-medium">
                  {nameLabel}
                </th>
                <th scope="col" className="py-1 font-medium">
                  {T.sobotId}
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
                      label={T.remove}
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

  return (
    <>
      <PageHeader title={T.title} subtitle={T.subtitle} />
      <nav aria-label={T.companies} className="mb-4 flex flex-wrap gap-2">
        {companies.length === 0 && <p className="text-sm text-muted">{T.noCompanies}</p>}
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
          <Card title={T.unnamedTitle} className="xl:col-span-2">
            <p className="mb-3 text-sm text-muted">{T.unnamedHint}</p>
            {view.unnamed.length === 0 ? (
              <p className="text-sm">{T.unnamedEmpty}</p>
            ) : (
              <ul className="divide-y divide-line">
                {view.unnamed.map((u) => (
                  <li
                    key={`${u.type}:${u.id}`}
                    className="space-y-2 py-3"
                    aria-label={fill(T.unnamedValue[u.type], { id: u.id })}
                  >
                    <div className="flex flex-wrap items-center gap-2 text-sm">
                      <Badge>{T.typeLabel[u.type]}</Badge>
                      <span className="font-mono text-xs break-all">{u.id}</span>
                      {u.callId ? (
                        <Link href={`/calls/${u.callId}`} className="text-accent hover:underline">
                          {fill(T.arrivedWith, { call: u.callId })}
                        </Link>
                      ) : (
                        <span className="text-muted">
                          {fill(T.arrivedAt, { time: u.firstSeen.replace("T", " ").slice(0, 19) })}
                        </span>
                      )}
                    </div>
                    <NameIdForm action={setEntryAction} companyId={view.companyId} type={u.type} sobotId={u.id} />
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Entries title={T.tags} nameLabel={T.name} type="label" entries={view.labels} companyId={view.companyId} />
          <Entries
            title={T.vipLevels}
            nameLabel={T.name}
            type="vipLevel"
            entries={view.vipLevels}
            companyId={view.companyId}
          />
          <Entries
            title={T.fields}
            nameLabel={T.fieldKey}
            type="field"
            entries={view.fields}
            companyId={view.companyId}
          />
          <Card title={T.addTitle}>
            <p className="mb-3 text-sm text-muted">{fill(T.company, { company: view.companyId })}</p>
            <EntryForm action={setEntryAction} companyId={view.companyId} />
          </Card>
        </div>
      ) : (
        <EmptyState title={T.title}>{T.noCompanies}</EmptyState>
      )}
    </>
  );
}
