// Who must use two-factor sign-in: nobody (the default), admins, or everyone. Users it covers who
// have not set it up are sent to set it up before they reach anything else.
import type { Db } from "@/lib/db/client";
import { audit } from "@/lib/audit/audit";
import { validationError } from "@/lib/errors";
import type { Role } from "@/lib/auth/roles";

export const TWO_FACTOR_POLICIES = ["off", "admins", "everyone"] as const;
export type TwoFactorPolicy = (typeof TWO_FACTOR_POLICIES)[number];
const KEY = "auth.twoFactorRequired";

const isPolicy = (value: unknown): value is TwoFactorPolicy =>
  typeof value === "string" && (TWO_FACTOR_POLICIES as readonly string[]).includes(value);

export async function twoFactorPolicy(client: Pick<Db, "setting">): Promise<TwoFactorPolicy> {
  const row = await client.setting.findUnique({ where: { key: KEY } });
  return isPolicy(row?.value) ? row.value : "off";
}

export function twoFactorRequired(policy: TwoFactorPolicy, role: Role | string): boolean {
  return policy === "everyone" || (policy === "admins" && role === "admin");
}

export async function setTwoFactorPolicy(client: Db, value: unknown): Promise<TwoFactorPolicy> {
  if (!isPolicy(value))
    throw validationError(`Two-factor sign-in must be one of ${TWO_FACTOR_POLICIES.join(", ")}.`, {
      twoFactor: [`One of ${TWO_FACTOR_POLICIES.join(", ")}`],
    });
  const before = await twoFactorPolicy(client);
  if (before === value) return value;
  await client.setting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
  await audit(client, {
    action: "update",
    entity: "setting",
    entityId: KEY,
    summary: `two-factor sign-in required for: ${value === "off" ? "nobody" : value}`,
    changes: { twoFactorRequired: [before, value] },
  });
  return value;
}
