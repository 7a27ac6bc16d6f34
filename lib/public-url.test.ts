import { afterEach, describe, expect, it, vi } from "vitest";

// What a request would say if the dashboard asked: a trusted proxy passing on a Host its caller typed.
const forged = new Headers({
  host: "evil.example:4444",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
});
vi.mock("next/headers", () => ({ headers: async () => forged }));

const { publicOrigin, selfOrigin } = await import("@/lib/public-url");

describe("the callback URLs' origin shown to operators", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("is DESKBRIDGE_PUBLIC_URL when it is set", () => {
    vi.stubEnv("DESKBRIDGE_PUBLIC_URL", "https://crm.example.com/");
    vi.stubEnv("DESKBRIDGE_TRUST_PROXY", "1");
    expect(publicOrigin()).toBe("https://crm.example.com");
  });

  it("is never a forwarded host, even behind a trusted proxy", () => {
    vi.stubEnv("DESKBRIDGE_PUBLIC_URL", "");
    vi.stubEnv("DESKBRIDGE_TRUST_PROXY", "1");
    vi.stubEnv("DESKBRIDGE_SELF_URL", "");
    vi.stubEnv("DESKBRIDGE_LISTEN_URL", "http://127.0.0.1:3999");
    expect(publicOrigin()).toBe("http://127.0.0.1:3999");
    expect(publicOrigin()).toBe(selfOrigin());
  });
});
