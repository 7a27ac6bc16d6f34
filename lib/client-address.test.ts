// The address bin/server.mjs records for a caller, directly and behind trusted proxies.
import { describe, expect, it } from "vitest";
import { clientAddress, isTrustedPeer, trustedPeers } from "@/lib/client-address.mjs";

const defaults = trustedPeers();

describe("clientAddress", () => {
  it("is the socket peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("::ffff:203.0.113.9", "198.51.100.1", 0, defaults)).toBe("203.0.113.9");
  });

  it("is the hop a trusted proxy on loopback reports", () => {
    expect(clientAddress("127.0.0.1", "198.51.100.1", 1, defaults)).toBe("198.51.100.1");
    expect(clientAddress("::1", "10.9.9.9, 198.51.100.1", 1, defaults)).toBe("198.51.100.1");
    expect(clientAddress("10.0.0.4", "192.0.2.7, 198.51.100.1", 2, defaults)).toBe("192.0.2.7");
  });

  it("ignores what a caller adds in front of the proxies' entries", () => {
    expect(clientAddress("127.0.0.1", "6.6.6.6, 198.51.100.1", 1, defaults)).toBe("198.51.100.1");
  });

  it("is a direct caller's own address when it is not a trusted proxy, even while trusting proxies", () => {
    expect(clientAddress("203.0.113.9", "198.51.100.1", 1, defaults)).toBe("203.0.113.9");
    const onlyOne = trustedPeers("127.0.0.1");
    expect(clientAddress("127.0.0.2", "198.51.100.1", 1, onlyOne)).toBe("127.0.0.2");
    expect(clientAddress("127.0.0.1", "198.51.100.1", 1, onlyOne)).toBe("198.51.100.1");
  });
});

describe("trustedPeers", () => {
  it("takes addresses, CIDR ranges and the words loopback and private", () => {
    const peers = trustedPeers("loopback, 192.0.2.0/24, 2001:db8::1");
    expect(isTrustedPeer("::ffff:127.0.0.1", peers)).toBe(true);
    expect(isTrustedPeer("192.0.2.200", peers)).toBe(true);
    expect(isTrustedPeer("2001:db8::1", peers)).toBe(true);
    expect(isTrustedPeer("10.0.0.1", peers)).toBe(false);
    expect(isTrustedPeer("172.20.0.3", defaults)).toBe(true);
    expect(isTrustedPeer("172.32.0.3", defaults)).toBe(false);
  });

  it("names an entry it cannot read", () => {
    expect(() => trustedPeers("loopback, proxy.internal")).toThrow(/"proxy.internal" is not an address/);
    expect(() => trustedPeers("10.0.0.0/33")).toThrow(/"10.0.0.0\/33"/);
  });
});
