// Roles and what each may do. Viewers read; operators edit customers and templates;
// admins also manage integrations, secrets and users.
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function hasRole(actual: string, needed: Role): boolean {
  return isRole(actual) && rank[actual] >= rank[needed];
}
