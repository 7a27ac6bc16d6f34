import { describe, expect, it } from "vitest";
import { proxiedOrigin } from "@/lib/public-url";

describe("the public origin behind trusted proxies", () => {
  it("comes from the proxy's X-Forwarded-Host and -Proto", () => {
    const h = new Headers({ "x-forwarded-host": "crm.example.com", "x-forwarded-proto": "https", host: "127.0.0.1" });
    expect(proxiedOrigin(h)).toBe("https://crm.example.com");
  });

  it("never from the Host header a direct caller chose", () => {
    expect(proxiedOrigin(new Headers({ host: "attacker.example:4444" }))).toBeNull();
  });

  it("refuses a forwarded host or scheme that is not one", () => {
    expect(proxiedOrigin(new Headers({ "x-forwarded-host": "evil.example/path" }))).toBeNull();
    expect(
      proxiedOrigin(new Headers({ "x-forwarded-host": "crm.example.com", "x-forwarded-proto": "javascript" })),
    ).toBeNull();
  });
});
