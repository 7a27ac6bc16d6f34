// The caller's address as bin/server.mjs records it: the socket peer, or, behind trusted reverse
// proxies, the hop they report in X-Forwarded-For. Plain JavaScript: the server loads it before
// Next.js, in the source tree and in a release folder alike.
import net from "node:net";

const RANGES = {
  loopback: [
    ["127.0.0.0", 8, "ipv4"],
    ["::1", 128, "ipv6"],
  ],
  private: [
    ["10.0.0.0", 8, "ipv4"],
    ["172.16.0.0", 12, "ipv4"],
    ["192.168.0.0", 16, "ipv4"],
    ["fc00::", 7, "ipv6"],
  ],
};

/**
 * The peers whose X-Forwarded-For is believed, from DESKBRIDGE_TRUSTED_PROXIES: a comma-separated
 * list of addresses, CIDR ranges and the words `loopback` and `private` (default: both words).
 * Throws on an entry that is none of those, naming it.
 */
export function trustedPeers(spec = "loopback,private") {
  const list = new net.BlockList();
  for (const raw of spec.split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry in RANGES) {
      for (const [address, prefix, family] of RANGES[entry]) list.addSubnet(address, prefix, family);
      continue;
    }
    const [address, prefix] = entry.split("/");
    const family = net.isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (!family || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32))
      throw new Error(
        `DESKBRIDGE_TRUSTED_PROXIES: "${entry}" is not an address, a CIDR range, "loopback" or "private"`,
      );
    list.addSubnet(address, bits, family === 6 ? "ipv6" : "ipv4");
  }
  return list;
}

const bare = (address) => (address ?? "").replace(/^::ffff:(?=\d+\.)/, "");

/** Whether the socket peer is one of the trusted proxies. */
export function isTrustedPeer(socketAddress, peers) {
  const peer = bare(socketAddress);
  const family = net.isIP(peer);
  return family !== 0 && peers.check(peer, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The caller's address: the socket peer; or, when the peer is a trusted proxy, the hop `hops`
 * proxies back in X-Forwarded-For (the last `hops` entries were added by the proxies). A caller
 * that reaches Deskbridge directly, from an address that is not a trusted proxy, is recorded
 * with its own address whatever X-Forwarded-For it sends.
 */
export function clientAddress(socketAddress, forwardedFor, hops, peers) {
  const peer = bare(socketAddress);
  if (!hops || !forwardedFor || !isTrustedPeer(socketAddress, peers)) return peer;
  const chain = forwardedFor
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - hops] ?? chain[0] ?? peer;
}
