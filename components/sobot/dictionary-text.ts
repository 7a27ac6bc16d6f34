// Every text of the Sobot dictionary's screens, in one place (whole sentences, with {placeholders}).
export const DICTIONARY_TEXT = {
  title: "Sobot dictionary",
  subtitle:
    "Sobot sends and expects its own ids for customer tags, VIP levels and custom fields. " +
    "Name each id once per Sobot company.",
  companies: "Sobot companies",
  noCompanies: "No Sobot company yet: add a Sobot CRM integration, or wait for a push.",
  company: "Sobot company {company}",
  tags: "Tags",
  vipLevels: "VIP levels",
  fields: "Custom fields",
  name: "Name",
  fieldKey: "Custom-field key",
  sobotId: "Sobot id",
  none: "None yet.",
  unnamedTitle: "Ids nobody has named yet",
  unnamedHint: "These ids arrived in pushes. Customers show them as they came until you name them.",
  unnamedEmpty: "Every id that arrived has a name.",
  arrivedWith: "Arrived with call #{call}",
  arrivedAt: "First seen {time}",
  nameIt: "Name it",
  remove: "Remove",
  addTitle: "Add or change an entry",
  type: "Kind",
  save: "Save",
  saved: "Saved: {type} {id} is now “{name}”.",
  removed: "Removed.",
  typeLabel: { label: "Tag", vipLevel: "VIP level", field: "Custom field" },
  unnamedValue: {
    label: "unnamed Sobot tag {id}",
    vipLevel: "unnamed Sobot VIP level {id}",
    field: "unnamed Sobot field {id}",
  },
} as const;

/** A text with its {placeholders} filled in. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}
