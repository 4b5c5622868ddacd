import { digestCredential } from "../digestCredential";
import { checkDisclosureRules } from "../kinds/checkDisclosureRules";
import { BaseError } from "../errors";
import type { AnyCredential } from "../kinds/AnyCredential";
import { expectedProofLength, verifyMerkleProof } from "../merkle";
import type { CheckCode, CheckResult } from "../VerificationReport";
import { CHECK_CODES } from "../VerificationReport";
import { checkResult } from "./checkResult";

export interface IntegrityOutcome {
  result: CheckResult;
  /** The leaf recomputed from the content; only trustworthy when the result is VALID. */
  leaf?: string;
}

function isIntegrityCode(code: string): code is CheckCode<"INTEGRITY"> {
  return (CHECK_CODES.INTEGRITY as readonly string[]).includes(code);
}

/**
 * INTEGRITY: every visible claim with its salt, plus the hashes of hidden claims, recomputes a leaf that the Merkle
 * proof carries to the signed root. Any changed, added or removed claim breaks it, and so does a hidden claim its
 * kind's disclosure rules do not allow hidden (SPEC §12), which the digest alone cannot tell from a deleted one.
 */
export function checkIntegrity(credential: AnyCredential): IntegrityOutcome {
  let leaf: string;
  try {
    checkDisclosureRules(credential);
    leaf = digestCredential(credential).leaf;
  } catch (error) {
    if (error instanceof BaseError && isIntegrityCode(error.code)) {
      const pointer = (error.details as { pointer?: string } | undefined)?.pointer ?? "";
      return { result: checkResult("INTEGRITY", "INVALID", error.code, { pointer }, { pointer }) };
    }
    throw error;
  }
  const { merkleRoot, merkleProof, leafIndex, batchSize } = credential.proof;
  if (leafIndex >= batchSize || merkleProof.length !== expectedProofLength(leafIndex, batchSize)) {
    return { result: checkResult("INTEGRITY", "INVALID", "INTEGRITY_PROOF_SHAPE", {}, { leafIndex, batchSize }), leaf };
  }
  if (!verifyMerkleProof({ root: merkleRoot, leaf, proof: merkleProof, leafIndex, batchSize })) {
    return { result: checkResult("INTEGRITY", "INVALID", "INTEGRITY_ROOT_MISMATCH", {}, { leaf, merkleRoot }), leaf };
  }
  return { result: checkResult("INTEGRITY", "VALID", "OK", {}, { leaf, merkleRoot }), leaf };
}
