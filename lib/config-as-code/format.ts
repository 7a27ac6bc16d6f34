// The configuration file `deskbridge config export` writes and `deskbridge config import` reads:
// integrations with their settings (never a secret value: only the names of the secrets the
// target must be given), their answer rules, card templates and knowledge entries, and the
// Sobot dictionary. Records carry no database ids: an integration is matched by vendor and name,
// everything else by its natural key.
import { z } from "zod";

export const FORMAT = "deskbridge-config";
export const FORMAT_VERSION = 1;

const rule = z.object({
  matchType: z.string(),
  pattern: z.string().default(""),
  answer: z.string(),
});

const template = z.object({
  name: z.string(),
  taskNodeId: z.string().nullable().default(null),
  isDefault: z.boolean().default(false),
  config: z.record(z.string(), z.unknown()),
});

const entry = z.object({
  datumId: z.string().default(""),
  templateAttributeId: z.string().default(""),
  msgType: z.string().default(""),
  content: z.string(),
});

const integration = z.object({
  vendor: z.string(),
  name: z.string(),
  enabled: z.boolean().default(true),
  settings: z.record(z.string(), z.unknown()).default({}),
  /** Names of the secrets this integration uses; their values are set on each installation. */
  secrets: z.array(z.string()).default([]),
  rules: z.array(rule).default([]),
  templates: z.array(template).default([]),
  knowledge: z.array(entry).default([]),
});

const names = z.record(z.string(), z.string()).default({});
const company = z.object({ companyId: z.string(), labels: names, vipLevels: names, fields: names });

export const configFile = z.object({
  format: z.literal(FORMAT, { message: `Not a Deskbridge configuration file (format "${FORMAT}" expected)` }),
  version: z.literal(FORMAT_VERSION, { message: `Only version ${FORMAT_VERSION} of the file is understood` }),
  integrations: z.array(integration).default([]),
  sobotDictionary: z.array(company).default([]),
});

export type ConfigFile = z.infer<typeof configFile>;
export type IntegrationConfig = ConfigFile["integrations"][number];
export type RuleConfig = IntegrationConfig["rules"][number];
export type TemplateConfigEntry = IntegrationConfig["templates"][number];
export type EntryConfig = IntegrationConfig["knowledge"][number];
export type CompanyConfig = ConfigFile["sobotDictionary"][number];
