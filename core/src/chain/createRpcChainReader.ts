import type { Deployment } from "../Deployment";
import { ChainError } from "../errors";
import { bytesToHex, hexToBytes } from "../hex";
import { credentialAnchorAbi, credentialLensAbi, issuerRegistryAbi } from "../generated/abis";
import type { AbiFragment } from "./AbiParameter";
import { abiSelector } from "./abiSelector";
import type { AccreditationStatus, BlockRef, ChainReader } from "./ChainReader";
import { chainRecords, type RawRevocation } from "./chainRecords";
import { decodeAbiParameters } from "./decodeAbiParameters";
import { encodeAbiParameters } from "./encodeAbiParameters";
import type { JsonRpcClient } from "./JsonRpcClient";

type Abi = readonly AbiFragment[];

function fragment(abi: Abi, type: "function" | "error", name: string): AbiFragment {
  const found = abi.find((entry) => entry.type === type && entry.name === name);
  if (found === undefined) throw new TypeError(`no ${type} ${name} in the ABI`);
  return found;
}

function hexQuantity(value: unknown, what: string): number {
  if (typeof value !== "string" || !/^0x[0-9a-f]+$/i.test(value)) throw new ChainError(`Cannot decode the chain's answer: ${what}`, { code: "CHAIN_READ_FAILED" });
  return Number(value);
}

/**
 * Runs one read; its failure becomes ChainError CHAIN_UNREACHABLE when the chain could not be asked, and
 * CHAIN_READ_FAILED when it answered something this deployment's contracts should never answer (as
 * `createChainReader` does, so reports are the same whichever reader made them).
 */
async function rpc<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = error instanceof ChainError && error.code === "CHAIN_UNREACHABLE" ? "CHAIN_UNREACHABLE" : "CHAIN_READ_FAILED";
    throw new ChainError(`Chain read failed: ${what}`, { code, cause: error });
  }
}

/**
 * The verification reads of a deployment (ChainReader) over plain JSON-RPC: `eth_call`s encoded and decoded with
 * core's small ABI codec from the generated ABIs, `eth_getBlockByNumber` and `eth_chainId`. What the verifier page
 * uses instead of `createChainReader`, which needs ethers' provider and contract classes; its answers and failures
 * are those of `createChainReader` (test/core/chain/lensReports.test.ts compares the reports).
 */
export function createRpcChainReader(client: JsonRpcClient, deployment: Pick<Deployment, "anchor" | "registry" | "lens">): ChainReader {
  const blockTag = (blockNumber: number | undefined) => (blockNumber === undefined ? "latest" : `0x${blockNumber.toString(16)}`);

  async function call(to: string, abi: Abi, name: string, args: readonly unknown[], blockNumber?: number): Promise<unknown[]> {
    const { inputs = [], outputs = [] } = fragment(abi, "function", name);
    const data = abiSelector(fragment(abi, "function", name)) + bytesToHex(encodeAbiParameters(inputs, args)).slice(2);
    const result = await client.request("eth_call", [{ to, data }, blockTag(blockNumber)]);
    if (typeof result !== "string") throw new ChainError("Cannot decode the chain's answer: not hex", { code: "CHAIN_READ_FAILED" });
    let bytes: Uint8Array;
    try {
      bytes = hexToBytes(result);
    } catch (error) {
      throw new ChainError("Cannot decode the chain's answer: not hex", { code: "CHAIN_READ_FAILED", cause: error });
    }
    return decodeAbiParameters(outputs, bytes);
  }

  /** The call's first result, or null when the contract reverted with its custom error `errorName` ("no such thing"). */
  async function orNullIf(errorName: string, abi: Abi, read: () => Promise<unknown[]>): Promise<Record<string, unknown> | null> {
    try {
      return (await read())[0] as Record<string, unknown>;
    } catch (error) {
      const revertData = error instanceof ChainError ? (error.details as { revertData?: string } | undefined)?.revertData : undefined;
      if (revertData?.startsWith(abiSelector(fragment(abi, "error", errorName))) === true) return null;
      throw error;
    }
  }

  const first = async (read: Promise<unknown[]>) => (await read)[0];

  return {
    // One lens reads any deployment's contracts: earlier ones keep the one-request path.
    forContracts: (contracts) => createRpcChainReader(client, { ...contracts, lens: deployment.lens }),
    chainId: () => rpc("chain id", async () => hexQuantity(await client.request("eth_chainId", []), "chain id")),
    latestBlock: () =>
      rpc("latest block", async (): Promise<BlockRef> => {
        const block = (await client.request("eth_getBlockByNumber", ["latest", false])) as { number?: unknown; hash?: unknown; timestamp?: unknown } | null;
        if (block === null || typeof block !== "object" || typeof block.hash !== "string") throw new Error("no latest block");
        return { number: hexQuantity(block.number, "block number"), hash: block.hash, timestamp: hexQuantity(block.timestamp, "block time") };
      }),
    batch: (issuerId, root, blockNumber) =>
      rpc("batch", async () => {
        const raw = await orNullIf("CredentialAnchorBatchMissing", credentialAnchorAbi, () => call(deployment.anchor, credentialAnchorAbi, "batch", [issuerId, root], blockNumber));
        return raw === null ? null : chainRecords.batch(raw);
      }),
    ...(deployment.lens === undefined
      ? {}
      : {
          batchState: (issuerId: string, root: string, leaves: readonly string[], blockNumber: number) =>
            rpc("batch state", async () => {
              const [state, revocations] = await call(
                deployment.lens as string,
                credentialLensAbi,
                "batchState",
                [deployment.anchor, deployment.registry, issuerId, root, leaves],
                blockNumber,
              );
              return chainRecords.batchState(state as Record<string, unknown>, revocations as RawRevocation[]);
            }),
        }),
    batchRevocation: (issuerId, root, blockNumber) =>
      rpc("batch revocation", async () =>
        chainRecords.revocation((await first(call(deployment.anchor, credentialAnchorAbi, "batchRevocation", [issuerId, root], blockNumber))) as RawRevocation),
      ),
    credentialRevocation: (issuerId, root, leaf, blockNumber) =>
      rpc("credential revocation", async () =>
        chainRecords.revocation((await first(call(deployment.anchor, credentialAnchorAbi, "credentialRevocation", [issuerId, root, leaf], blockNumber))) as RawRevocation),
      ),
    issuer: (issuerId, blockNumber) =>
      rpc("issuer", async () => {
        const raw = await orNullIf("IssuerRegistryIssuerMissing", issuerRegistryAbi, () => call(deployment.registry, issuerRegistryAbi, "issuer", [issuerId], blockNumber));
        return raw === null ? null : chainRecords.issuer(raw);
      }),
    isAuthorisedAt: (issuerId, key, timestamp, blockNumber) =>
      rpc("key authorisation", async () => (await first(call(deployment.registry, issuerRegistryAbi, "isAuthorisedAt", [issuerId, key, timestamp], blockNumber))) as boolean),
    statusAt: (issuerId, timestamp, blockNumber) =>
      rpc(
        "accreditation status",
        async () => Number(await first(call(deployment.registry, issuerRegistryAbi, "statusAt", [issuerId, timestamp], blockNumber))) as AccreditationStatus,
      ),
  };
}
