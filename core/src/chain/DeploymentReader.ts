import type { AccreditationStatus, BatchRecord, ChainReader, IssuerRecord, RevocationRecord } from "./ChainReader";
import type { ChainEvent } from "./ChainEvent";

/** A block number, or the newest block: reads that are not part of a pinned verification ask about "latest". */
export type ReadBlock = number | "latest";

/** A signing key, authorised at moments T with validFrom < T <= validUntil (SPEC §8.2). */
export interface SigningKeyRecord {
  issuerId: string;
  validFrom: number;
  /** 0 when open-ended. */
  validUntil: number;
}

/** A status change governing the moments after `effectiveFrom`; back-dated when `effectiveFrom < recordedAt`. */
export interface AccreditationChange {
  status: AccreditationStatus;
  effectiveFrom: number;
  /** Block time of the execution that recorded it. */
  recordedAt: number;
}

export interface ProposalRecord {
  id: bigint;
  proposer: string;
  target: string;
  data: string;
  createdAt: number;
  expiresAt: number;
  executed: boolean;
}

export interface AnchoringRecord {
  transactionHash: string;
  blockNumber: number;
}

/**
 * Every read the apps make of one deployment: the verification reads of ChainReader (which also accept "latest"),
 * the registry's keys, history and governance state, and the contracts' events. Reads of "no such thing" answer
 * null; a chain that cannot be asked throws ChainError CHAIN_UNREACHABLE.
 */
export interface DeploymentReader extends ChainReader {
  batch(issuerId: string, root: string, blockNumber?: ReadBlock): Promise<BatchRecord | null>;
  issuer(issuerId: string, blockNumber?: ReadBlock): Promise<IssuerRecord | null>;
  batchRevocation(issuerId: string, root: string, blockNumber?: ReadBlock): Promise<RevocationRecord | null>;
  credentialRevocation(issuerId: string, root: string, leaf: string, blockNumber?: ReadBlock): Promise<RevocationRecord | null>;
  isAnchored(issuerId: string, root: string): Promise<boolean>;
  /** The BatchAnchored event of `(issuerId, root)` in blocks `fromBlock`…`toBlock` (default: the latest), or null. */
  anchoring(issuerId: string, root: string, fromBlock: number, toBlock?: number): Promise<AnchoringRecord | null>;

  /** Which issuer a signing key belongs to and its validity window; null for a key the registry never held. */
  signingKey(key: string): Promise<SigningKeyRecord | null>;
  /** The registered issuer behind a signing key (what a credential signed with it must name), or null. */
  issuerOfKey(key: string): Promise<(IssuerRecord & { issuerId: string }) | null>;
  signingKeysOf(issuerId: string): Promise<string[]>;
  accreditationHistory(issuerId: string): Promise<AccreditationChange[]>;
  issuerIds(): Promise<string[]>;

  members(): Promise<string[]>;
  threshold(): Promise<number>;
  proposalCount(): Promise<number>;
  /** Proposal `id`, or null when there is none with that id. */
  proposal(id: bigint): Promise<ProposalRecord | null>;
  approvalCount(id: bigint): Promise<number>;

  /** Events of the registry and the anchor in blocks `fromBlock`…`toBlock`, in chain order. */
  events(fromBlock: number, toBlock: number): Promise<ChainEvent[]>;
}
