// Importing the Sobot dictionary: for each company the file names, its named ids become the file's
// (names given, renamed, or removed); ids that arrived unnamed stay until someone names them.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import {
  checkDictionaryEntries,
  dictionaryView,
  removeDictionaryEntry,
  setDictionaryEntries,
  type EntryInput,
  type EntryType,
} from "@/lib/vendors/sobot/dictionary";
import type { CompanyConfig } from "@/lib/config-as-code/format";
import type { Errors, Step } from "@/lib/config-as-code/answers";

const TYPES: [EntryType, "labels" | "vipLevels" | "fields", string][] = [
  ["label", "labels", "label"],
  ["vipLevel", "vipLevels", "VIP level"],
  ["field", "fields", "field"],
];

export async function planDictionary(client: Db, companies: CompanyConfig[], errors: Errors): Promise<Step[]> {
  const steps: Step[] = [];
  const seen = new Set<string>();
  for (const [i, company] of companies.entries()) {
    const companyId = company.companyId.trim();
    if (!companyId || seen.has(companyId)) {
      errors[`sobotDictionary.${i}.companyId`] = [companyId ? "This company appears twice" : "A company id"];
      continue;
    }
    seen.add(companyId);
    const view = await dictionaryView(client, companyId);
    const set: EntryInput[] = [];
    const lines: string[] = [];
    const removed: { type: EntryType; sobotId: string }[] = [];
    for (const [type, group, label] of TYPES) {
      const wanted = company[group];
      const have = view[group];
      for (const [name, sobotId] of Object.entries(wanted))
        if (have[name] !== sobotId) {
          set.push({ type, name, sobotId });
          lines.push(`Sobot company ${companyId}: ${label} ${sobotId} is "${name}"`);
        }
      const wantedIds = new Set(Object.values(wanted));
      for (const [name, sobotId] of Object.entries(have))
        if (!wantedIds.has(sobotId)) {
          removed.push({ type, sobotId });
          lines.push(`Sobot company ${companyId}: remove ${label} ${sobotId} ("${name}")`);
        }
    }
    try {
      checkDictionaryEntries(companyId, set);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      for (const [k, v] of Object.entries(error.fieldErrors)) {
        const [, index, field] = k.split(".");
        const entry = set[Number(index)];
        errors[entry ? `sobotDictionary.${i}.${entry.type}.${entry.name}${field ? `.${field}` : ""}` : k] = v;
      }
      continue;
    }
    if (lines.length === 0) continue;
    steps.push({
      line: lines.join("\n"),
      apply: async (tx) => {
        for (const r of removed) await removeDictionaryEntry(tx, companyId, r.type, r.sobotId);
        if (set.length) await setDictionaryEntries(tx, companyId, set);
      },
    });
  }
  return steps;
}
