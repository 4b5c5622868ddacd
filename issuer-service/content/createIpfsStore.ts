import type { IPFSHTTPClient } from "ipfs-http-client";
import { contentId, initFastSha256 } from "@credanchor/core/protocol";
import { importEsm } from "../importEsm";
import type { ContentStore } from "@credanchor/core/issue";

/** ipfs-http-client is published as ES modules only; it is loaded the first time the store is used. */
async function connect(apiUrl: string): Promise<IPFSHTTPClient> {
  const { create } = await importEsm<typeof import("ipfs-http-client")>("ipfs-http-client");
  return create({ url: apiUrl, timeout: 10_000 });
}

/**
 * An IPFS (Kubo) node through its RPC API. The add options are Kubo's defaults spelled out, so the node computes
 * exactly core/contentId's CID; a node that disagrees is refused rather than trusted, because the CID anchored on
 * chain must fetch these bytes. CIDs are compared as strings: ipfs-http-client bundles its own `multiformats`.
 */
export function createIpfsStore(apiUrl: string): ContentStore {
  let client: Promise<IPFSHTTPClient> | null = null;
  const ipfs = () => (client ??= connect(apiUrl));
  return {
    kind: "ipfs",
    async put(bytes) {
      await initFastSha256();
      const expected = contentId(bytes);
      const added = await (await ipfs()).add(bytes, { cidVersion: 0, rawLeaves: false, chunker: "size-262144", pin: true });
      const cid = added.cid.toString();
      if (cid !== expected) throw new Error(`IPFS node returned CID ${cid}, expected ${expected}`);
      return cid;
    },
    async healthy() {
      try {
        await (await ipfs()).version({ timeout: 2000 });
        return true;
      } catch {
        return false;
      }
    },
  };
}
