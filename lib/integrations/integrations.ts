// Integrations and their secrets: sealed at rest, write-only, rotated with a grace period.
import crypto from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { configurationGeneration, dateOf, preparedRows } from "@/lib/db/prepared";
import { Prisma } from "@/lib/generated/sqlite/client";
import { fieldErrorsOf } from "@/lib/field-errors";
import { notFound, validationError } from "@/lib/errors";
import { hint, open, seal } from "@/lib/secrets/cipher";
import type { MasterKeySecret } from "@/lib/secrets/master-key";
import { safeEqual } from "@/lib/crypto/constant-time";
import { kindOf, VENDORS, type SecretSpec, type VendorKind } from "@/lib/integrations/kinds";
import { audit, diff } from "@/lib/audit/audit";

export type SecretView = {
  name: string;
  hint: string | null;
  previous: { hint: string; expiresAt: Date | null; lastUsedAt: Date | null } | null;
};

export type IntegrationView = {
  id: string;
  vendor: string;
  name: string;
  slug: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  secrets: SecretView[];
  endpoints: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
};

const secretValue = z.string().min(1, "A secret cannot be empty").max(1000, "At most 1000 characters");
export const secretSchema = (spec: SecretSpec) =>
  spec.minLength
    ? secretValue.refine((v) => [...v].length >= spec.minLength!, `At least ${spec.minLength} characters`)
    : secretValue;
const nameSchema = z.string().trim().min(1, "A name is required").max(100, "At most 100 characters");

const context = (integrationId: string, name: string) => `integration:${integrationId}:${name}`;

/** Seals a value for one of an integration's secrets (the name is bound into the ciphertext). */
export const sealSecret = (key: MasterKeySecret, integrationId: string, name: string, value: string) => ({
  sealed: seal(key, value, context(integrationId, name)),
  hint: hint(value),
});

export const allSecrets = (kind: VendorKind, settings: Record<string, unknown>): SecretSpec[] => [
  ...kind.secrets,
  ...(kind.extraSecrets?.(settings) ?? []),
];

export function requireKind(vendor: string): VendorKind {
  const kind = kindOf(vendor);
  if (!kind) throw validationError(`Unknown vendor kind "${vendor}".`, { vendor: [`One of ${VENDORS.join(", ")}`] });
  return kind;
}

function parseSettings(kind: VendorKind, settings: Record<string, unknown>) {
  const parsed = kind.settings.safeParse(settings);
  if (!parsed.success) throw validationError("The integration has invalid settings.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

type Row = Awaited<ReturnType<typeof loadRow>>;
const loadRow = (client: Db, where: { id: string } | { slug: string }) =>
  client.integration.findUnique({
    where: where as { id: string },
    include: { secrets: { orderBy: { createdAt: "desc" } } },
  });

function toView(row: NonNullable<Row>): IntegrationView {
  const kind = requireKind(row.vendor);
  const now = Date.now();
  return {
    id: row.id,
    vendor: row.vendor,
    name: row.name,
    slug: row.slug,
    enabled: row.enabled,
    settings: JSON.parse(row.settings),
    secrets: allSecrets(kind, JSON.parse(row.settings)).map((spec) => {
      const current = row.secrets.find((s) => s.name === spec.name && s.state === "current");
      const previous = row.secrets.find(
        (s) => s.name === spec.name && s.state === "previous" && (!s.expiresAt || s.expiresAt.getTime() > now),
      );
      return {
        name: spec.name,
        hint: current?.hint ?? null,
        previous: previous
          ? { hint: previous.hint, expiresAt: previous.expiresAt, lastUsedAt: previous.lastUsedAt }
          : null,
      };
    }),
    endpoints: kind.endpoints(row.slug),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type CreateIntegrationInput = {
  vendor: string;
  name: string;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
};

export async function createIntegration(
  client: Db,
  key: MasterKeySecret,
  input: CreateIntegrationInput,
): Promise<IntegrationView> {
  const kind = requireKind(input.vendor);
  const errors: Record<string, string[]> = {};
  const name = nameSchema.safeParse(input.name);
  if (!name.success) errors.name = name.error.issues.map((i) => i.message);
  const settings = kind.settings.safeParse(input.settings);
  if (!settings.success) Object.assign(errors, fieldErrorsOf(settings.error));
  for (const spec of kind.secrets) {
    const given = input.secrets[spec.name] ?? "";
    if (spec.optional && given === "") continue;
    const value = secretSchema(spec).safeParse(given);
    if (!value.success) errors[`secrets.${spec.name}`] = value.error.issues.map((i) => i.message);
  }
  if (Object.keys(errors).length) throw validationError("The integration has invalid fields.", errors);

  const id = crypto.randomUUID();
  await client.integration.create({
    data: {
      id,
      vendor: kind.vendor,
      name: name.data!,
      slug: crypto.randomBytes(18).toString("base64url"),
      settings: JSON.stringify(settings.data),
      secrets: {
        create: kind.secrets
          .filter((spec) => (input.secrets[spec.name] ?? "") !== "")
          .map((spec) => ({
            name: spec.name,
            state: "current",
            sealed: seal(key, input.secrets[spec.name], context(id, spec.name)),
            hint: hint(input.secrets[spec.name]),
          })),
      },
    },
  });
  const view = (await getIntegration(client, id))!;
  await audit(client, {
    action: "create",
    entity: "integration",
    entityId: id,
    summary: `created ${kind.label} integration "${view.name}"${
      view.secrets.some((s) => s.hint)
        ? ` with ${view.secrets
            .filter((s) => s.hint)
            .map((s) => s.name)
            .join(", ")} set`
        : ""
    }`,
    changes: diff(null, { name: view.name, settings: view.settings, enabled: view.enabled }),
  });
  return view;
}

export async function getIntegration(client: Db, id: string): Promise<IntegrationView | null> {
  const row = await loadRow(client, { id });
  return row ? toView(row) : null;
}

export async function listIntegrations(client: Db): Promise<IntegrationView[]> {
  const rows = await client.integration.findMany({
    include: { secrets: { orderBy: { createdAt: "desc" } } },
    orderBy: [{ vendor: "asc" }, { name: "asc" }],
  });
  return rows.map(toView);
}

export async function updateIntegration(
  client: Db,
  id: string,
  input: { name?: string; settings?: Record<string, unknown>; enabled?: boolean },
): Promise<IntegrationView> {
  const row = await loadRow(client, { id });
  if (!row) throw notFound(`Integration ${id} does not exist.`);
  const kind = requireKind(row.vendor);
  const data: { name?: string; settings?: string; enabled?: boolean } = {};
  if (input.name !== undefined) {
    const name = nameSchema.safeParse(input.name);
    if (!name.success)
      throw validationError("The integration has invalid fields.", { name: name.error.issues.map((i) => i.message) });
    data.name = name.data;
  }
  if (input.settings !== undefined)
    data.settings = JSON.stringify(parseSettings(kind, { ...JSON.parse(row.settings), ...input.settings }));
  if (input.enabled !== undefined) data.enabled = input.enabled;
  await client.integration.update({ where: { id }, data });
  const view = (await getIntegration(client, id))!;
  const changes = diff(
    { name: row.name, enabled: row.enabled, ...JSON.parse(row.settings) },
    { name: view.name, enabled: view.enabled, ...view.settings },
  );
  if (Object.keys(changes).length) {
    await audit(client, {
      action: "update",
      entity: "integration",
      entityId: id,
      summary: `changed ${Object.keys(changes).join(", ")} of "${view.name}"`,
      changes,
    });
  }
  return view;
}

export async function deleteIntegration(client: Db, id: string): Promise<void> {
  const row = await client.integration.findUnique({ where: { id } });
  const { count } = await client.integration.deleteMany({ where: { id } });
  if (count === 0 || !row) throw notFound(`Integration ${id} does not exist.`);
  await audit(client, {
    action: "delete",
    entity: "integration",
    entityId: id,
    summary: `deleted ${row.vendor} integration "${row.name}"`,
  });
}

/** One of an integration's secrets, opened: it carries the plaintext value. Never log or send one. */
export type OpenedSecret = { secretId: number; value: string; state: "current" | "previous" };
/** An integration with its usable secrets opened, for the server's own use (callbacks, outbound calls). */
export type IntegrationWithSecrets = {
  id: string;
  vendor: string;
  name: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  /** Usable values of each secret, current first. */
  keys: Record<string, OpenedSecret[]>;
};

/** Every stored secret of an integration, opened, with what decides whether it is usable now. */
type NamedOpenedSecret = OpenedSecret & { name: string; expiresAt: number | null };
/**
 * The cache of opened secrets per URL segment, valid while the row's updatedAt and the master key
 * stay; on PostgreSQL also the change notices' generation it was last confirmed under.
 */
type OpenedSecrets = {
  stamp: string;
  generation: string | null;
  key: MasterKeySecret;
  row: RowWithSecrets;
  keys: NamedOpenedSecret[];
};
const openedHolder = globalThis as { __deskbridgeOpenedIntegrations?: Map<string, OpenedSecrets> };
openedHolder.__deskbridgeOpenedIntegrations ??= new Map();
const opened = openedHolder.__deskbridgeOpenedIntegrations;

/**
 * The integration a callback URL names, with its keys opened. A call checks the row's updatedAt
 * with one small query (rotation, settings, enabling and disabling all change it), so a change
 * made on any instance applies to the next call; the secrets are read and opened again only then,
 * not on every call. On PostgreSQL, while the database's change notices arrive
 * (lib/db/change-notices), a call whose integration was confirmed under the current generation
 * asks nothing at all: any change since would have moved the generation.
 */
export async function loadCallbackIntegration(
  client: Db,
  key: MasterKeySecret,
  vendor: string,
  slug: string,
): Promise<IntegrationWithSecrets | null> {
  // Taken before reading: a notice that arrives during the read leaves the entry unconfirmed.
  const generation = configurationGeneration(client);
  let hit = opened.get(slug);
  if (hit && !safeEqual(hit.key, key)) hit = undefined;
  if (generation !== null) {
    // Listening: unchanged since confirmed, or read again (whatever changed, even by plain SQL).
    if (hit?.generation !== generation) hit = await openIntegration(client, key, slug, generation);
  } else {
    const [head] = await preparedRows<{ id: string; updatedAt: Date | string }>(
      client,
      Prisma.sql`SELECT "id", "updatedAt" FROM "Integration" WHERE "slug" = ${slug}`,
    );
    if (!head) return null;
    if (hit?.stamp !== stampOf(head)) hit = await openIntegration(client, key, slug, null);
  }
  return hit ? liveIntegration(hit.row, hit.keys, vendor) : null;
}

/** The row's id and instant of change, whichever side read it (SQLite's runner reads dates as text). */
const stampOf = (row: { id: string; updatedAt: unknown }) => `${row.id}@${dateOf(row.updatedAt).getTime()}`;

/** Reads an integration with its secrets and opens them, for the cache. */
async function openIntegration(
  client: Db,
  key: MasterKeySecret,
  slug: string,
  generation: string | null,
): Promise<OpenedSecrets | undefined> {
  const row = await client.integration.findUnique({ where: { slug }, include: { secrets: true } });
  if (!row) {
    opened.delete(slug);
    return undefined;
  }
  if (opened.size > 1000) opened.clear();
  const hit = { stamp: stampOf(row), generation, key, row, keys: openKeys(key, row) };
  opened.set(slug, hit);
  return hit;
}

/** The same, by id: for calls Deskbridge makes to a vendor. */
export async function loadIntegrationWithKeys(
  client: Db,
  key: MasterKeySecret,
  id: string,
  vendor: string,
): Promise<IntegrationWithSecrets | null> {
  const row = await client.integration.findUnique({ where: { id }, include: { secrets: true } });
  return row ? liveIntegration(row, openKeys(key, row), vendor) : null;
}

type RowWithSecrets = NonNullable<Awaited<ReturnType<Db["integration"]["findUnique"]>>> & {
  secrets: { id: number; name: string; state: string; sealed: string; expiresAt: Date | null }[];
};

function openKeys(key: MasterKeySecret, row: RowWithSecrets): NamedOpenedSecret[] {
  return row.secrets.map((s) => ({
    secretId: s.id,
    name: s.name,
    value: open(key, s.sealed, context(row.id, s.name)),
    state: s.state as "current" | "previous",
    expiresAt: s.expiresAt?.getTime() ?? null,
  }));
}

/** The integration with the keys valid now: a previous key's grace period runs out by the clock. */
function liveIntegration(
  row: RowWithSecrets,
  opened: NamedOpenedSecret[],
  vendor: string,
): IntegrationWithSecrets | null {
  if (row.vendor !== vendor) return null;
  const now = Date.now();
  const keys: Record<string, OpenedSecret[]> = {};
  for (const k of opened) {
    if (k.state === "previous" && k.expiresAt !== null && k.expiresAt <= now) continue;
    keys[k.name] ??= [];
    keys[k.name].push({ secretId: k.secretId, value: k.value, state: k.state });
  }
  for (const list of Object.values(keys))
    list.sort((a, b) => (a.state === b.state ? 0 : a.state === "current" ? -1 : 1));
  return {
    id: row.id,
    vendor: row.vendor,
    name: row.name,
    enabled: row.enabled,
    settings: JSON.parse(row.settings),
    keys,
  };
}

export async function markKeyUsed(client: Db, secretId: number): Promise<void> {
  await client.integrationSecret.updateMany({ where: { id: secretId }, data: { lastUsedAt: new Date() } });
}
