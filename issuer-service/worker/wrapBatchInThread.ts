import { Worker } from "node:worker_threads";
import { join } from "node:path";
import type { AnyCredential } from "@credanchor/core/protocol";
import type { BatchContext, IssueKind, IssuerProfile, KindRecord, WrappedBatch } from "@credanchor/core/issue";

/**
 * buildKindCredential + wrapBatch (salting and hashing every claim, the Merkle tree) in a worker thread. When the service
 * runs from TypeScript sources the thread gets the same tsx loader as the process.
 */
export function wrapBatchInThread(records: KindRecord[], issuer: IssuerProfile, context: BatchContext, kind: IssueKind): Promise<WrappedBatch<AnyCredential>> {
  const fromSource = __filename.endsWith(".ts");
  const thread = join(__dirname, `wrapBatch.thread${fromSource ? ".ts" : ".js"}`);
  // A worker's entry is not passed through the process's require hooks, so from sources the entry installs tsx first.
  const entry = `${fromSource ? `require(${JSON.stringify(require.resolve("tsx/cjs"))});` : ""}require(${JSON.stringify(thread)});`;
  const worker = new Worker(entry, { eval: true, workerData: { records, issuer, context, kind } });
  return new Promise((resolve, reject) => {
    worker.once("message", (wrapped: WrappedBatch<AnyCredential>) => {
      resolve(wrapped);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`batch builder thread exited with code ${code}`));
    });
  });
}
