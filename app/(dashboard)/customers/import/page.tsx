import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { Card, LinkButton, PageHeader, cx } from "@/components/ui";
import { ImportForm } from "@/components/customers/import-form";
import { CSV_COLUMNS } from "@/lib/customers/io";
import { importChunkAction } from "./actions";

export const metadata: Metadata = { title: "Import customers" };
const mono = "font-mono";

export default async function ImportCustomersPage() {
  await requirePageUser("operator");
  return (
    <div className="max-w-5xl space-y-5">
      <PageHeader
        title="Import customers"
        subtitle="Create and update customers from a CSV file: the same format as Export CSV on the customers list."
        actions={<LinkButton href="/customers">Back to customers</LinkButton>}
      />
      <ImportForm action={importChunkAction} />
      <Card title="The file">
        <div className="space-y-2 text-sm text-muted">
          <p>
            UTF-8 (with or without a BOM) or GBK/GB18030 (Excel's "CSV" on Chinese Windows), comma-separated, with a
            header line naming the columns (any of them, in any order):{" "}
            <span className="font-mono text-fg">{CSV_COLUMNS.join(", ")}</span>.
          </p>
          <p>
            Each row updates the customer with one of its external ids, else one of its emails, else its{" "}
            <span className={mono}>id</span>; otherwise it creates a customer. A row that already matches its customer
            changes nothing, so importing the same file twice is harmless.
          </p>
          <p>
            <strong className="text-fg">An empty cell leaves that field as it is</strong>, as does a column the file
            does not have. To clear a field, write <span className={cx(mono, "text-fg")}>(clear)</span> in its cell
            (custom fields and external ids too). The preview lists, for each row, every field that will change and
            every field that will be cleared.
          </p>
          <p>
            Several emails, phones, labels or ids in one cell are separated with <span className={mono}>;</span>.{" "}
            <span className={mono}>isVip</span> is true or false; <span className={mono}>customFields</span> is a JSON
            object such as <span className={mono}>{'{"city":"上海"}'}</span>.
          </p>
        </div>
      </Card>
    </div>
  );
}
