import { LoadError } from "./LoadError";
import type { UploadedBatch } from "./uploadBatches";

interface BatchStatus {
  state: string;
  error: string | null;
  transaction: { hash: string } | null;
}

export interface Publication {
  published: number;
  /** Distinct anchoring transactions of the published batches: equal to `published` when each was anchored once. */
  anchorTransactions: number;
}

const POLL_MS = 1000;

/**
 * Polls each batch's status route (on the first instance; they share one database) until every batch is published.
 * Fails on a failed batch or once `timeoutSeconds` have passed.
 */
export async function awaitPublished(spec: {
  url: string;
  batches: UploadedBatch[];
  timeoutSeconds: number;
  progress(line: string): void;
}): Promise<Publication> {
  const deadline = Date.now() + spec.timeoutSeconds * 1000;
  const published = new Map<string, BatchStatus>();
  for (;;) {
    for (const batch of spec.batches.filter((each) => !published.has(each.id))) {
      const response = await fetch(`${spec.url}/api/v1/batches/${batch.id}`, { headers: { authorization: `Bearer ${batch.apiKey}` } });
      const status = (await response.json()) as BatchStatus;
      if (status.state === "failed") throw new LoadError(`batch ${batch.id} failed: ${status.error}`, { code: "LOAD_NOT_PUBLISHED" });
      if (status.state === "published") published.set(batch.id, status);
    }
    spec.progress(`publishing: ${published.size}/${spec.batches.length} published`);
    if (published.size === spec.batches.length) break;
    if (Date.now() > deadline) {
      throw new LoadError(`${spec.batches.length - published.size} batches not published after ${spec.timeoutSeconds} s`, { code: "LOAD_NOT_PUBLISHED" });
    }
    await new Promise((resolveLater) => setTimeout(resolveLater, POLL_MS));
  }
  const hashes = new Set([...published.values()].map((status) => status.transaction?.hash));
  return { published: published.size, anchorTransactions: hashes.size };
}
