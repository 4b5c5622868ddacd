import type { ChainReader } from "@credanchor/core/protocol";

/**
 * Wraps a ChainReader for one bulk run: the first `latestBlock` is pinned for the whole run (every row is judged
 * against the same chain state), and every other read is shared by all credentials that ask the same question —
 * a batch of 500 graduates costs one `batch`, one `issuer` and one `isAuthorisedAt` read, not 500. In-flight
 * promises are shared too, so concurrent rows never race to read the same thing. A failed read stays failed for
 * the run, so an unreachable chain costs one timeout rather than one per row.
 */
export function cachingChainReader(reader: ChainReader): ChainReader {
  const cache = new Map<string, Promise<unknown>>();
  function once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let hit = cache.get(key) as Promise<T> | undefined;
    if (hit === undefined) {
      hit = read();
      cache.set(key, hit);
    }
    return hit;
  }
  return {
    chainId: () => once("chainId", () => reader.chainId()),
    latestBlock: () => once("latestBlock", () => reader.latestBlock()),
    batch: (root, block) => once(`batch:${root}:${block}`, () => reader.batch(root, block)),
    batchRevocation: (root, block) => once(`batchRevocation:${root}:${block}`, () => reader.batchRevocation(root, block)),
    credentialRevocation: (root, leaf, block) =>
      once(`credentialRevocation:${root}:${leaf}:${block}`, () => reader.credentialRevocation(root, leaf, block)),
    issuer: (issuerId, block) => once(`issuer:${issuerId}:${block}`, () => reader.issuer(issuerId, block)),
    isAuthorisedAt: (issuerId, key, timestamp, block) =>
      once(`isAuthorisedAt:${issuerId}:${key}:${timestamp}:${block}`, () => reader.isAuthorisedAt(issuerId, key, timestamp, block)),
    statusAt: (issuerId, timestamp, block) =>
      once(`statusAt:${issuerId}:${timestamp}:${block}`, () => reader.statusAt(issuerId, timestamp, block)),
  };
}
