/// <reference lib="webworker" />
/**
 * Verifies submissions off the main thread: the inbox stays responsive while a long list of credentials is hashed
 * and checked against the chain, and core's verifier lives only in this worker's bundle.
 */
import { verifyCredential } from "@credanchor/core/protocol";
import { createCachedChainReader, createJsonRpcClient, createRpcChainReader, type ChainReader } from "@credanchor/core/chain";
import type { VerificationRequest, VerificationResult } from "./VerificationMessage";
import { verifiedCredential } from "./verifiedCredential";

declare const self: DedicatedWorkerGlobalScope;

/** An unreachable or stalled node must become an ERROR verdict within seconds, never a row verifying forever. */
const RPC_TIMEOUT_MS = 4000;

let readerFor: { key: string; reader: ChainReader } | undefined;

/**
 * One reader per node and deployment, over core's fetch-based JSON-RPC client (no ethers provider in the worker's
 * bundle); each submission gets a fresh cache, so it sees the newest block.
 */
function chainReader(request: VerificationRequest): ChainReader {
  const key = JSON.stringify([request.rpcUrl, request.deployment]);
  if (readerFor?.key !== key) {
    const client = createJsonRpcClient(request.rpcUrl, { fetch: (url, init) => fetch(url, init), timeoutMs: RPC_TIMEOUT_MS });
    readerFor = { key, reader: createRpcChainReader(client, request.deployment) };
  }
  return createCachedChainReader(readerFor.reader);
}

async function verify(request: VerificationRequest): Promise<VerificationResult> {
  const reader = chainReader(request);
  const credentials = await Promise.all(
    request.credentials.map(async (document) => verifiedCredential(document, await verifyCredential(JSON.stringify(document), { reader, deployment: request.deployment }))),
  );
  return { id: request.id, credentials };
}

self.addEventListener("message", (event: MessageEvent<VerificationRequest>) => {
  const { id } = event.data;
  verify(event.data).then(
    (result) => self.postMessage(result),
    (error: unknown) => self.postMessage({ id, failure: error instanceof Error ? error.message : String(error) } satisfies VerificationResult),
  );
});
