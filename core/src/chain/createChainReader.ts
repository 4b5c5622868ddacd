import { Contract, type Provider } from "ethers";
import { credentialAnchorAbi, issuerRegistryAbi } from "../generated/abis";
import type { Deployment } from "../Deployment";
import { ChainError } from "../errors";
import {
  AccreditationStatus,
  type BatchRecord,
  type ChainReader,
  type IssuerRecord,
  type RevocationRecord,
  type RevocationReason,
} from "./ChainReader";

interface RawRevocation {
  revokedAt: bigint;
  reasonCode: bigint;
  revokedBy: string;
  reason: string;
}

function toRevocation(raw: RawRevocation): RevocationRecord | null {
  if (raw.revokedAt === 0n) return null;
  return {
    revokedAt: Number(raw.revokedAt),
    reasonCode: Number(raw.reasonCode) as RevocationReason,
    revokedBy: raw.revokedBy,
    reason: raw.reason,
  };
}

/**
 * The call's result, or null when the contract answered with the custom error `errorName` ("no such thing"):
 * the chain was reached and said so, which is not a failure to read it.
 */
async function nullIfReverted<T>(errorName: string, call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if ((error as { revert?: { name?: string } } | null)?.revert?.name === errorName) return null;
    throw error;
  }
}

async function rpc<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new ChainError(`Chain read failed: ${what}`, { code: "CHAIN_UNREACHABLE", cause: error });
  }
}

/** A ChainReader over an ethers provider (JSON-RPC in Node and in the browser) for one deployment. */
export function createChainReader(provider: Provider, deployment: Pick<Deployment, "anchor" | "registry">): ChainReader {
  const anchor = new Contract(deployment.anchor, credentialAnchorAbi, provider);
  const registry = new Contract(deployment.registry, issuerRegistryAbi, provider);
  const at = (blockTag: number) => ({ blockTag });

  return {
    // Asked of the node itself: a provider pinned to a network would otherwise just repeat what it was told.
    chainId: () =>
      rpc("chain id", async () =>
        "send" in provider && typeof provider.send === "function"
          ? Number(await (provider as { send(method: string, params: unknown[]): Promise<string> }).send("eth_chainId", []))
          : Number((await provider.getNetwork()).chainId),
      ),

    latestBlock: () =>
      rpc("latest block", async () => {
        const block = await provider.getBlock("latest");
        if (!block || block.hash === null) throw new Error("no latest block");
        return { number: block.number, hash: block.hash, timestamp: block.timestamp };
      }),

    batch: (root, blockNumber) =>
      rpc("batch", () =>
        nullIfReverted("CredentialAnchorBatchMissing", async (): Promise<BatchRecord> => {
          const raw = await anchor.getFunction("batch").staticCall(root, at(blockNumber));
          return {
            issuerId: raw.issuerId as string,
            signer: raw.signer as string,
            anchoredAt: Number(raw.anchoredAt),
            blockNumber: Number(raw.blockNumber),
            count: Number(raw.count),
            manifestCid: raw.manifestCid as string,
          };
        }),
      ),

    batchRevocation: (root, blockNumber) =>
      rpc("batch revocation", async () =>
        toRevocation(await anchor.getFunction("batchRevocation").staticCall(root, at(blockNumber))),
      ),

    credentialRevocation: (root, leaf, blockNumber) =>
      rpc("credential revocation", async () =>
        toRevocation(await anchor.getFunction("credentialRevocation").staticCall(root, leaf, at(blockNumber))),
      ),

    issuer: (issuerId, blockNumber) =>
      rpc("issuer", () =>
        nullIfReverted("IssuerRegistryIssuerMissing", async (): Promise<IssuerRecord> => {
          const raw = await registry.getFunction("issuer").staticCall(issuerId, at(blockNumber));
          return {
            nameEn: raw.nameEn as string,
            nameZh: raw.nameZh as string,
            domain: raw.domain as string,
            accreditedAt: Number(raw.accreditedAt),
          };
        }),
      ),

    isAuthorisedAt: (issuerId, key, timestamp, blockNumber) =>
      rpc("key authorisation", async () =>
        Boolean(await registry.getFunction("isAuthorisedAt").staticCall(issuerId, key, timestamp, at(blockNumber))),
      ),

    statusAt: (issuerId, timestamp, blockNumber) =>
      rpc("accreditation status", async () =>
        Number(await registry.getFunction("statusAt").staticCall(issuerId, timestamp, at(blockNumber))) as AccreditationStatus,
      ),
  };
}
