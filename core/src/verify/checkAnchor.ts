import { checksumAddress } from "../checksumAddress";
import type { BatchRecord } from "../chain/ChainReader";
import type { AnyCredential } from "../kinds/AnyCredential";
import type { CheckResult } from "../VerificationReport";
import type { ChainContext } from "./ChainContext";
import { localisedDate } from "../i18n/localisedDate";
import { checkResult, isoSeconds, unreachable } from "./checkResult";

export interface AnchorOutcome {
  result: CheckResult;
  /** The anchored batch, when the anchor check passed. */
  batch?: BatchRecord;
}

/**
 * ANCHOR: the credential points at this deployment (chain id and contract), and the issuer it names anchored its root
 * there (looked up under that issuer: another issuer's record of the same root is not this credential's batch),
 * with the key and size it claims, no later than the moment checked.
 */
export async function checkAnchor(credential: AnyCredential, chain: ChainContext, at: Date): Promise<AnchorOutcome> {
  const { proof } = credential;
  const { deployment } = chain;
  if (proof.chainId !== deployment.chainId) {
    return {
      result: checkResult("ANCHOR", "INVALID", "ANCHOR_WRONG_CHAIN", { expected: proof.chainId, actual: deployment.chainId }),
    };
  }
  if (checksumAddress(proof.anchor) !== checksumAddress(deployment.anchor)) {
    return {
      result: checkResult("ANCHOR", "INVALID", "ANCHOR_WRONG_CONTRACT", { expected: proof.anchor, actual: deployment.anchor }),
    };
  }
  let batch: BatchRecord | null;
  try {
    const connectedChainId = await chain.reader.chainId();
    if (connectedChainId !== deployment.chainId) {
      return {
        result: checkResult("ANCHOR", "INVALID", "ANCHOR_WRONG_CHAIN", { expected: deployment.chainId, actual: connectedChainId }),
      };
    }
    batch = await chain.reader.batch(proof.issuer, proof.merkleRoot, chain.block.number);
  } catch (error) {
    return { result: unreachable("ANCHOR", error) };
  }
  if (batch === null) {
    return { result: checkResult("ANCHOR", "INVALID", "ANCHOR_NOT_FOUND", {}, { merkleRoot: proof.merkleRoot }) };
  }
  if (checksumAddress(batch.issuerId) !== checksumAddress(proof.issuer)) {
    return { result: checkResult("ANCHOR", "INVALID", "ANCHOR_ISSUER_MISMATCH", {}, { anchoredBy: batch.issuerId }) };
  }
  if (checksumAddress(batch.signer) !== checksumAddress(proof.signer)) {
    return { result: checkResult("ANCHOR", "INVALID", "ANCHOR_SIGNER_MISMATCH", {}, { anchoredBy: batch.signer }) };
  }
  if (batch.count !== proof.batchSize) {
    return { result: checkResult("ANCHOR", "INVALID", "ANCHOR_COUNT_MISMATCH", {}, { anchoredCount: batch.count }) };
  }
  const data = {
    chainId: deployment.chainId,
    blockNumber: batch.blockNumber,
    anchoredAt: isoSeconds(batch.anchoredAt),
    manifestCid: batch.manifestCid,
  };
  if (batch.anchoredAt * 1000 > at.getTime()) {
    return {
      result: checkResult("ANCHOR", "INVALID", "ANCHOR_NOT_YET", { anchoredAt: localisedDate(data.anchoredAt), at: localisedDate(at.toISOString()) }, data),
    };
  }
  return { result: checkResult("ANCHOR", "VALID", "OK", data, data), batch };
}
