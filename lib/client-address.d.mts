import type { BlockList } from "node:net";

export declare function trustedPeers(spec?: string): BlockList;
export declare function isTrustedPeer(socketAddress: string | undefined, peers: BlockList): boolean;
export declare function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  hops: number,
  peers: BlockList,
): string;
