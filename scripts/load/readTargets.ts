import { unzipSync } from "fflate";
import { LoadError } from "./LoadError";
import type { UploadedBatch } from "./uploadBatches";

export interface ReadTarget {
  path: string;
  apiKey: string;
}

/**
 * What the read phases ask for: every batch's status, and the credentials of one published batch per university,
 * whose ids come from the batch report inside the batch's ZIP download (as a registrar receives them).
 */
export async function readTargets(url: string, batches: UploadedBatch[]): Promise<{ credentials: ReadTarget[]; statuses: ReadTarget[] }> {
  const statuses = batches.map((batch) => ({ path: `/api/v1/batches/${batch.id}`, apiKey: batch.apiKey }));
  const onePerUniversity = [...new Map(batches.map((batch) => [batch.apiKey, batch])).values()];
  const credentials: ReadTarget[] = [];
  for (const batch of onePerUniversity) {
    const response = await fetch(`${url}/api/v1/batches/${batch.id}/credentials`, { headers: { authorization: `Bearer ${batch.apiKey}` } });
    if (!response.ok) throw new LoadError(`ZIP of ${batch.id} answered ${response.status}`, { code: "LOAD_READ_TARGETS" });
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    // The batch report is the ZIP's one `batch-….json`; `batch-…-claim-codes.csv` sits beside it.
    const report = Object.entries(files).find(([name]) => name.startsWith("batch-") && name.endsWith(".json"));
    if (report === undefined) throw new LoadError(`ZIP of ${batch.id} has no batch report`, { code: "LOAD_READ_TARGETS" });
    const { credentialIds } = JSON.parse(new TextDecoder().decode(report[1])) as { credentialIds: string[] };
    credentials.push(...credentialIds.map((id) => ({ path: `/api/v1/credentials/${id}`, apiKey: batch.apiKey })));
  }
  return { credentials, statuses };
}
