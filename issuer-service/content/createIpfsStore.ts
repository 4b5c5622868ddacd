import { create } from "ipfs-http-client";
import { contentId } from "../../core/contentId";
import type { ContentStore } from "./ContentStore";

/**
 * An IPFS (Kubo) node through its RPC API. The add options are Kubo's defaults spelled out, so the node computes
 * exactly core/contentId's CID; a node that disagrees is refused rather than trusted, because the CID anchored on
 * chain must fetch these bytes. CIDs are compared as strings: ipfs-http-client bundles its own `multiformats`.
 */
export function createIpfsStore(apiUrl: string): ContentStore {
  const client = create({ url: apiUrl, timeout: 10_000 });
  return {
    kind: "ipfs",
    async put(bytes) {
      const expected = contentId(bytes);
      const added = await client.add(bytes, { cidVersion: 0, rawLeaves: false, chunker: "size-262144", pin: true });
      const cid = added.cid.toString();
      if (cid !== expected) throw new Error(`IPFS node returned CID ${cid}, expected ${expected}`);
      return cid;
    },
    async healthy() {
      try {
        await client.id({ timeout: 2000 });
        return true;
      } catch {
        return false;
      }
    },
  };
}
