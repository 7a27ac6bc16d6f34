import { Fragment } from "react";
import { getTranslations } from "next-intl/server";
import type { Messages } from "@/lib/i18n/messages";
import { requirePageUser } from "@/lib/auth/session";
import { Card, LinkButton, PageHeader, cx } from "@/components/ui";
import { ImportForm } from "@/components/customers/import-form";
import { CSV_COLUMNS } from "@/lib/customers/io";
import { importChunkAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("customers");
  return { title: t("import.title") };
}
const mono = "font-mono";
type HelpKey = keyof Messages["customers"]["help"];

export default async function ImportCustomersPage() {
  await requirePageUser("operator");
  const t = await getTranslations("customers");
  const code = (chunks: React.ReactNode) => <span className={mono}>{chunks}</span>;
  const tags = {
    mono: code,
    strong: (chunks: React.ReactNode) => <strong className="text-fg">{chunks}</strong>,
    clear: (chunks: React.ReactNode) => <span className={cx(mono, "text-fg")}>{chunks}</span>,
    columns: () => <span className="font-mono text-fg">{CSV_COLUMNS.join(", ")}</span>,
    example: () => <span className={mono}>{'{"city":"上海"}'}</span>,
  };
  /** A paragraph of the help, written as several messages (one sentence or clause each). */
  const help = (keys: HelpKey[]) =>
    keys.map((key, i) => (
      <Fragment key={key}>
        {i > 0 && t("gap")}
        {t.rich(`help.${key}`, tags)}
      </Fragment>
    ));
  return (
    <div className="max-w-5xl space-y-5">
      <PageHeader
        title={t("import.title")}
        subtitle={t("import.subtitle")}
        actions={<LinkButton href="/customers">{t("import.back")}</LinkButton>}
      />
      <ImportForm action={importChunkAction} />
      <Card title={t("import.file")}>
        <div className="space-y-2 text-sm text-muted">
          <p>{help(["encodings1", "encodings2"])}</p>
          <p>{help(["matching1", "matching2", "matching3", "matching4"])}</p>
          <p>{help(["cells1", "cells2", "cells3"])}</p>
          <p>{help(["lists1", "lists2", "lists3"])}</p>
        </div>
      </Card>
    </div>
  );
}
