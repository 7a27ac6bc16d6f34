// Where the sign-in page may send a user afterwards: only to a path of Deskbridge itself, however
// the value is spelt (browsers read "\" as "/" and drop tabs and newlines before resolving).
import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";

describe("safeCallbackPath", () => {
  it.each([
    ["/customers", "/customers"],
    ["/customers?q=x", "/customers?q=x"],
    ["/customers?q=%E5%BC%A0%E4%B8%89&page=2#top", "/customers?q=%E5%BC%A0%E4%B8%89&page=2#top"],
    ["/calls/42", "/calls/42"],
    // Percent-encoded, a backslash is just a character of the path: it stays here.
    ["/%5Cevil.example/phish", "/%5Cevil.example/phish"],
    ["/./customers", "/customers"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "//evil.example/phish",
    "https://evil.example",
    "http://evil.example/customers",
    "/\\evil.example/phish",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\\/evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "customers",
    "",
    "http://127.0.0.1:3000/customers",
    `/${"a".repeat(3000)}`,
  ])("refuses %j and falls back to the overview", (input) => {
    expect(safeCallbackPath(input)).toBe("/");
  });

  it("falls back when there is no value", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(["/calls", "/users"])).toBe("/");
  });
});
