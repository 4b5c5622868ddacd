import { api } from "./api";
import type { Batch } from "./ApiTypes";

const POLL_MS = 500;

/** Reads a batch until it is published or failed, handing each state to `onUpdate`; resolves with the last one. */
export async function followBatch(id: string, onUpdate: (batch: Batch) => void): Promise<Batch> {
  for (;;) {
    const batch = await api.get<Batch>(`/batches/${encodeURIComponent(id)}`);
    onUpdate(batch);
    if (batch.state === "published" || batch.state === "failed") return batch;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
