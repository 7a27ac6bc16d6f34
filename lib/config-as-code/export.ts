// `deskbridge config export`: the configuration as one JSON document, stable from run to run so it
// diffs well in version control. Secret values never leave: only which secrets an integration uses.
import type { Db } from "@/lib/db/client";
import { allSecrets, listIntegrations } from "@/lib/integrations/integrations";
import { kindOf } from "@/lib/integrations/kinds";
import { listTemplates } from "@/lib/templates/templates";
import { listEntries, listRules } from "@/lib/vendors/udesk/rules";
import { dictionaryCompanies, dictionaryView } from "@/lib/vendors/sobot/dictionary";
import { FORMAT, FORMAT_VERSION, type ConfigFile } from "@/lib/config-as-code/format";

export async function exportConfig(client: Db): Promise<ConfigFile> {
  const [integrations, templates] = await Promise.all([listIntegrations(client), listTemplates(client)]);
  const out: ConfigFile = { format: FORMAT, version: FORMAT_VERSION, integrations: [], sobotDictionary: [] };
  for (const i of integrations) {
    const kind = kindOf(i.vendor);
    if (!kind) continue;
    const [rules, entries] = await Promise.all([listRules(client, i.id), listEntries(client, i.id)]);
    out.integrations.push({
      vendor: i.vendor,
      name: i.name,
      enabled: i.enabled,
      settings: i.settings,
      secrets: allSecrets(kind, i.settings).map((s) => s.name),
      rules: rules.map(({ matchType, pattern, answer }) => ({ matchType, pattern, answer })),
      templates: templates
        .filter((t) => t.integrationId === i.id)
        .map(({ name, taskNodeId, isDefault, config }) => ({ name, taskNodeId, isDefault, config })),
      knowledge: entries.map(({ datumId, templateAttributeId, msgType, content }) => ({
        datumId,
        templateAttributeId,
        msgType,
        content,
      })),
    });
  }
  for (const companyId of await dictionaryCompanies(client)) {
    const view = await dictionaryView(client, companyId);
    const named =
      Object.keys(view.labels).length + Object.keys(view.vipLevels).length + Object.keys(view.fields).length;
    if (named === 0) continue;
    out.sobotDictionary.push({ companyId, labels: view.labels, vipLevels: view.vipLevels, fields: view.fields });
  }
  return out;
}
