import { Contract, ZeroAddress, type Log, type Provider } from "ethers";
import { credentialAnchorAbi, credentialLensAbi, issuerRegistryAbi } from "../generated/abis";
import type { Deployment } from "../Deployment";
import { ChainError } from "../errors";
import type { AccreditationStatus } from "./ChainReader";
import { chainRecords, type RawRevocation } from "./chainRecords";
import type { ChainEvent } from "./ChainEvent";
import type { DeploymentReader, ProposalRecord, ReadBlock, SigningKeyRecord } from "./DeploymentReader";
import { decodeRevert } from "./decodeRevert";
import { contractInterface } from "./contractInterface";
import { isRpcFailure } from "./isRpcFailure";

/**
 * The call's result, or null when the contract answered with the custom error `errorName` ("no such thing"):
 * the chain was reached and said so, which is not a failure to read it.
 */
async function nullIfReverted<T>(errorName: string, call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (decodeRevert(error)?.name === errorName) return null;
    throw error;
  }
}

/**
 * Runs one read; its failure becomes ChainError CHAIN_UNREACHABLE when the chain could not be asked, and
 * CHAIN_READ_FAILED when it answered something this deployment's contracts should never answer (a revert the read
 * does not expect, or no contract at the address).
 */
async function rpc<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = isRpcFailure(error) ? "CHAIN_UNREACHABLE" : "CHAIN_READ_FAILED";
    throw new ChainError(`Chain read failed: ${what}`, { code, cause: error });
  }
}


function stringify(value: unknown): string {
  return typeof value === "bigint" ? value.toString() : String(value);
}

/** Decodes a log of the registry or the anchor; undefined for a log neither contract declares. */
function describeLog(log: Log, registryAddress: string): ChainEvent | undefined {
  const fromRegistry = log.address.toLowerCase() === registryAddress.toLowerCase();
  const parsed = contractInterface(fromRegistry ? "registry" : "anchor").parseLog({ topics: [...log.topics], data: log.data });
  if (!parsed) return undefined;
  return {
    event: parsed.name,
    contract: fromRegistry ? "IssuerRegistry" : "CredentialAnchor",
    blockNumber: log.blockNumber,
    blockHash: log.blockHash,
    transactionHash: log.transactionHash,
    logIndex: log.index,
    args: Object.fromEntries(parsed.fragment.inputs.map((input, i) => [input.name, stringify(parsed.args[i])])),
  };
}

/**
 * The one reader of a deployment over an ethers provider (JSON-RPC in Node and in the browser): every contract the
 * apps read is built here, and nowhere else.
 */
export function createChainReader(provider: Provider, deployment: Pick<Deployment, "anchor" | "registry" | "lens">): DeploymentReader {
  const anchor = new Contract(deployment.anchor, credentialAnchorAbi, provider);
  const registry = new Contract(deployment.registry, issuerRegistryAbi, provider);
  const lens = deployment.lens === undefined ? undefined : new Contract(deployment.lens, credentialLensAbi, provider);
  const at = (blockTag: ReadBlock = "latest") => ({ blockTag });
  const call = <T = unknown>(contract: Contract, name: string, ...args: unknown[]): Promise<T> =>
    contract.getFunction(name).staticCall(...args) as Promise<T>;

  const issuer = (issuerId: string, blockNumber?: ReadBlock) =>
    rpc("issuer", () =>
      nullIfReverted("IssuerRegistryIssuerMissing", async () => chainRecords.issuer(await call<Record<string, unknown>>(registry, "issuer", issuerId, at(blockNumber)))),
    );

  const signingKey = (key: string) =>
    rpc("signing key", () =>
      nullIfReverted("IssuerRegistryKeyMissing", async (): Promise<SigningKeyRecord | null> => {
        const raw = await call<Record<string, unknown>>(registry, "signingKey", key);
        if (raw.issuerId === ZeroAddress) return null;
        return { issuerId: raw.issuerId as string, validFrom: Number(raw.validFrom), validUntil: Number(raw.validUntil) };
      }),
    );

  return {
    // One lens reads any deployment's contracts: earlier ones keep the one-request path.
    forContracts: (contracts) => createChainReader(provider, { ...contracts, lens: deployment.lens }),
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

    batch: (issuerId, root, blockNumber) =>
      rpc("batch", () =>
        nullIfReverted("CredentialAnchorBatchMissing", async () => chainRecords.batch(await call<Record<string, unknown>>(anchor, "batch", issuerId, root, at(blockNumber)))),
      ),

    ...(lens === undefined
      ? {}
      : {
          batchState: (issuerId: string, root: string, leaves: readonly string[], blockNumber: number) =>
            rpc("batch state", async () => {
              const [state, revocations] = await call<[Record<string, unknown>, RawRevocation[]]>(
                lens,
                "batchState",
                deployment.anchor,
                deployment.registry,
                issuerId,
                root,
                [...leaves],
                at(blockNumber),
              );
              return chainRecords.batchState(state, revocations);
            }),
        }),

    batchRevocation: (issuerId, root, blockNumber) =>
      rpc("batch revocation", async () => chainRecords.revocation(await call<RawRevocation>(anchor, "batchRevocation", issuerId, root, at(blockNumber)))),

    credentialRevocation: (issuerId, root, leaf, blockNumber) =>
      rpc("credential revocation", async () =>
        chainRecords.revocation(await call<RawRevocation>(anchor, "credentialRevocation", issuerId, root, leaf, at(blockNumber))),
      ),

    issuer,

    isAuthorisedAt: (issuerId, key, timestamp, blockNumber) =>
      rpc("key authorisation", async () => Boolean(await call(registry, "isAuthorisedAt", issuerId, key, timestamp, at(blockNumber)))),

    statusAt: (issuerId, timestamp, blockNumber) =>
      rpc("accreditation status", async () => Number(await call(registry, "statusAt", issuerId, timestamp, at(blockNumber))) as AccreditationStatus),

    isAnchored: (issuerId, root) => rpc("batch", async () => Boolean(await call(anchor, "isAnchored", issuerId, root))),

    anchoring: (issuerId, root, fromBlock, toBlock) =>
      rpc("anchoring event", async () => {
        const [event] = await anchor.queryFilter(anchor.getEvent("BatchAnchored")(issuerId, root), fromBlock, toBlock);
        return event === undefined ? null : { transactionHash: event.transactionHash, blockNumber: event.blockNumber };
      }),

    signingKey,

    issuerOfKey: async (key) => {
      const record = await signingKey(key);
      if (record === null) return null;
      const profile = await issuer(record.issuerId);
      return profile === null ? null : { issuerId: record.issuerId, ...profile };
    },

    signingKeysOf: (issuerId) => rpc("signing keys", async () => [...(await call<string[]>(registry, "signingKeysOf", issuerId))]),

    accreditationHistory: (issuerId) =>
      rpc("accreditation history", async () =>
        (await call<{ status: bigint; effectiveFrom: bigint; recordedAt: bigint }[]>(registry, "accreditationHistory", issuerId)).map((change) => ({
          status: Number(change.status) as AccreditationStatus,
          effectiveFrom: Number(change.effectiveFrom),
          recordedAt: Number(change.recordedAt),
        })),
      ),

    issuerIds: () => rpc("issuer ids", async () => [...(await call<string[]>(registry, "issuerIds"))]),

    members: () => rpc("council members", async () => [...(await call<string[]>(registry, "members"))]),

    threshold: () => rpc("threshold", async () => Number(await call(registry, "threshold"))),

    proposalCount: () => rpc("proposal count", async () => Number(await call(registry, "proposalCount"))),

    proposal: (id) =>
      rpc("proposal", () =>
        nullIfReverted("IssuerRegistryProposalMissing", async (): Promise<ProposalRecord | null> => {
          const raw = await call<Record<string, unknown>>(registry, "proposal", id);
          if (raw.proposer === ZeroAddress) return null;
          return {
            id,
            proposer: raw.proposer as string,
            target: raw.target as string,
            data: raw.data as string,
            createdAt: Number(raw.createdAt),
            expiresAt: Number(raw.expiresAt),
            executed: Boolean(raw.executed),
          };
        }),
      ),

    approvalCount: (id) => rpc("approval count", async () => Number(await call(registry, "approvalCount", id))),

    events: (fromBlock, toBlock) =>
      rpc("events", async () => {
        const logs = await provider.getLogs({ address: [deployment.registry, deployment.anchor], fromBlock, toBlock });
        return [...logs]
          .sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index)
          .map((log) => describeLog(log, deployment.registry))
          .filter((event): event is ChainEvent => event !== undefined);
      }),
  };
}

