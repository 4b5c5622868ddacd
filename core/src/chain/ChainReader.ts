/**
 * Everything verification needs from the chain, behind one interface so that `core/` never opens a network
 * connection itself: the CLI and the web pass an implementation (see `createChainReader`), tests and the bulk
 * verifier can pass a cached or fake one. Every read takes the block it is pinned to, so one report is
 * consistent with one chain state even while new blocks arrive.
 */
export enum AccreditationStatus {
  None = 0,
  Accredited = 1,
  Suspended = 2,
  Deaccredited = 3,
}

export enum RevocationReason {
  Unspecified = 0,
  IssuedInError = 1,
  Superseded = 2,
  AcademicMisconduct = 3,
  KeyCompromise = 4,
  Withdrawn = 5,
}

export const REVOCATION_REASON_NAMES = [
  "Unspecified",
  "IssuedInError",
  "Superseded",
  "AcademicMisconduct",
  "KeyCompromise",
  "Withdrawn",
] as const;
export type RevocationReasonName = (typeof REVOCATION_REASON_NAMES)[number];

export interface BlockRef {
  number: number;
  hash: string;
  timestamp: number;
}

export interface BatchRecord {
  issuerId: string;
  signer: string;
  anchoredAt: number;
  blockNumber: number;
  count: number;
  manifestCid: string;
}

export interface RevocationRecord {
  revokedAt: number;
  reasonCode: RevocationReason;
  revokedBy: string;
  reason: string;
}

export interface IssuerRecord {
  nameEn: string;
  nameZh: string;
  domain: string;
  accreditedAt: number;
}

/**
 * What ANCHOR, ISSUER and STATUS read about batch `(issuerId, root)` and some of its leaves, answered together (the
 * CredentialLens contract). Each field is what the single read of the same name answers at the same block.
 */
export interface BatchState {
  batch: BatchRecord | null;
  batchRevocation: RevocationRecord | null;
  /** `issuer(batch.issuerId)`; null also when there is no batch. */
  issuer: IssuerRecord | null;
  /** `isAuthorisedAt(batch.issuerId, batch.signer, batch.anchoredAt)`; false when there is no batch. */
  signerAuthorised: boolean;
  /** `statusAt(batch.issuerId, batch.anchoredAt)`; None when there is no batch. */
  statusAtAnchoring: AccreditationStatus;
  /** `credentialRevocation` of each leaf asked, in the order asked. */
  leafRevocations: (RevocationRecord | null)[];
}

export interface ChainReader {
  chainId(): Promise<number>;
  latestBlock(): Promise<BlockRef>;
  /** The batch `issuerId` anchored under `root`: each issuer has its own namespace of roots (SPEC §7). */
  batch(issuerId: string, root: string, blockNumber: number): Promise<BatchRecord | null>;
  batchRevocation(issuerId: string, root: string, blockNumber: number): Promise<RevocationRecord | null>;
  credentialRevocation(issuerId: string, root: string, leaf: string, blockNumber: number): Promise<RevocationRecord | null>;
  issuer(issuerId: string, blockNumber: number): Promise<IssuerRecord | null>;
  isAuthorisedAt(issuerId: string, key: string, timestamp: number, blockNumber: number): Promise<boolean>;
  statusAt(issuerId: string, timestamp: number, blockNumber: number): Promise<AccreditationStatus>;
  /**
   * The same reads of other contracts on the same chain: an earlier deployment listed in the deployment file's
   * `history` (SPEC §8.1). Optional; without it only the configured deployment can be verified.
   */
  forContracts?(contracts: { anchor: string; registry: string }): ChainReader;
  /**
   * The batch's reads and the given leaves' revocations in ONE request. Optional: only readers of a deployment with a
   * CredentialLens have it.
   */
  batchState?(issuerId: string, root: string, leaves: readonly string[], blockNumber: number): Promise<BatchState>;
  /**
   * Readers that remember answers (createCachedChainReader): fetch ahead, in as few requests as the reader can, what
   * ANCHOR, ISSUER and STATUS will ask about batch `(issuerId, root)` and these leaves. Never fails: whatever could
   * not be fetched ahead is read when it is asked for, and answers or fails as that read does.
   */
  readAhead?(issuerId: string, root: string, leaves: readonly string[], blockNumber: number): Promise<void>;
}
