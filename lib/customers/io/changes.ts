// What an import would do to one customer, field by field, as the preview shows it: each field
// that changes (old → new) and each that is cleared. Custom fields count one by one
// (customFields.city) and external ids per kind (sobot-partner), as the file's columns name them.
import { LIST_SEPARATOR } from "@/lib/customers/io/format";
import type { Shape } from "@/lib/customers/io/merge";
import { EXTERNAL_ID_KINDS } from "@/lib/customers/schemas";

/** One field of a row's customer, before and after as the CSV writes them; cleared when the
 *  import empties it. */
export type FieldChange = { field: string; before: string; after: string; cleared: boolean };

const joined = (items: string[]) => items.join(LIST_SEPARATOR);

/** The changes from before to after, in the CSV's column order. */
export function fieldChanges(before: Shape, after: Shape): FieldChange[] {
  const out: FieldChange[] = [];
  const add = (field: string, was: string, now: string, cleared = now === "" && was !== "") => {
    if (was !== now) out.push({ field, before: was, after: now, cleared });
  };
  add("uname", before.uname, after.uname);
  add("realname", before.realname, after.realname);
  add("emails", joined(before.emails), joined(after.emails));
  add("phones", joined(before.phones), joined(after.phones));
  add("remark", before.remark, after.remark);
  add("isVip", String(before.isVip), String(after.isVip), false);
  add("vipLevel", before.vipLevel, after.vipLevel);
  add("labels", joined([...before.labels].sort()), joined([...after.labels].sort()));
  const keys = new Set([...Object.keys(before.customFields), ...Object.keys(after.customFields)]);
  for (const key of [...keys].sort()) {
    const was = before.customFields[key];
    const now = after.customFields[key];
    // A key that goes away is cleared, even when its value was empty.
    if (now === undefined) out.push({ field: `customFields.${key}`, before: was ?? "", after: "", cleared: true });
    else add(`customFields.${key}`, was ?? "", now);
  }
  for (const kind of EXTERNAL_ID_KINDS) {
    const of = (s: Shape) =>
      joined(
        s.externalIds
          .filter((x) => x.kind === kind)
          .map((x) => x.value)
          .sort(),
      );
    add(kind, of(before), of(after));
  }
  return out;
}
