import { AccreditationStatus, type BatchRecord, type BatchState, type IssuerRecord, type RevocationRecord, type RevocationReason } from "./ChainReader";

/** A Revocation struct as the ABI decodes it (ethers' Result or `decodeAbiParameters`' object). */
export interface RawRevocation {
  revokedAt: bigint;
  reasonCode: bigint;
  revokedBy: string;
  reason: string;
}

function revocation(raw: RawRevocation): RevocationRecord | null {
  if (raw.revokedAt === 0n) return null;
  return {
    revokedAt: Number(raw.revokedAt),
    reasonCode: Number(raw.reasonCode) as RevocationReason,
    revokedBy: raw.revokedBy,
    reason: raw.reason,
  };
}

function batch(raw: Record<string, unknown>): BatchRecord {
  return {
    issuerId: raw.issuerId as string,
    signer: raw.signer as string,
    anchoredAt: Number(raw.anchoredAt),
    blockNumber: Number(raw.blockNumber),
    count: Number(raw.count),
    manifestCid: raw.manifestCid as string,
  };
}

function issuer(raw: Record<string, unknown>): IssuerRecord {
  return { nameEn: raw.nameEn as string, nameZh: raw.nameZh as string, domain: raw.domain as string, accreditedAt: Number(raw.accreditedAt) };
}

/** The lens's answer in the shapes the single reads give (ICredentialLens.BatchState). */
function batchState(raw: Record<string, unknown>, revocations: RawRevocation[]): BatchState {
  const anchored = Boolean(raw.anchored);
  return {
    batch: anchored ? batch(raw.batch as Record<string, unknown>) : null,
    batchRevocation: revocation(raw.revocation as RawRevocation),
    issuer: anchored && Boolean(raw.issuerRegistered) ? issuer(raw.issuer as Record<string, unknown>) : null,
    signerAuthorised: Boolean(raw.signerAuthorised),
    statusAtAnchoring: Number(raw.statusAtAnchoring) as AccreditationStatus,
    leafRevocations: revocations.map(revocation),
  };
}

/**
 * The contracts' structs, as decoded, in the record shapes of ChainReader: one conversion for both readers (ethers'
 * contracts in `createChainReader`, `fetch` in `createRpcChainReader`), so their answers cannot drift apart.
 */
export const chainRecords = { revocation, batch, issuer, batchState };
