// Unit tests for the viewer < operator < admin role ordering.
import { describe, expect, it } from "vitest";
import { ROLES, hasRole, isRole, type Role } from "@/lib/auth/roles";

describe("hasRole", () => {
  const matrix: [string, Role, boolean][] = [
    ["viewer", "viewer", true],
    ["viewer", "operator", false],
    ["viewer", "admin", false],
    ["operator", "viewer", true],
    ["operator", "operator", true],
    ["operator", "admin", false],
    ["admin", "viewer", true],
    ["admin", "operator", true],
    ["admin", "admin", true],
  ];
  it.each(matrix)("%s needing %s → %s", (actual, needed, expected) => {
    expect(hasRole(actual, needed)).toBe(expected);
  });

  it.each(["", "Admin", "ADMIN", "superuser", "root", " admin", "admin ", "toString", "__proto__", "constructor"])(
    "unknown role %j has no rights, not even viewer",
    (actual) => {
      expect(hasRole(actual, "viewer")).toBe(false);
      expect(hasRole(actual, "admin")).toBe(false);
    },
  );
});

describe("isRole", () => {
  it("accepts exactly the three roles, in rank order", () => {
    expect(ROLES).toEqual(["viewer", "operator", "admin"]);
    for (const role of ROLES) expect(isRole(role)).toBe(true);
  });

  it.each([undefined, null, 0, 1, true, {}, ["admin"], "", "Viewer", "owner", "toString", "__proto__"])(
    "refuses %j",
    (value) => {
      expect(isRole(value)).toBe(false);
    },
  );
});
