import { checksumAddress } from "../checksumAddress";
import { recoverBatchSigner } from "../batchTypedData";
import type { AnyCredential } from "../kinds/AnyCredential";
import type { CheckResult } from "../VerificationReport";
import { checkResult } from "./checkResult";

/** The issuer DID a credential must carry for the issuer id and chain in its proof. */
export function issuerDid(chainId: number, issuerId: string): string {
  return `did:pkh:eip155:${chainId}:${checksumAddress(issuerId)}`;
}

/**
 * SIGNATURE: the batch root, size and issuer were signed (EIP-712, bound to chain id and anchor contract) by the key
 * the proof names, and the issuer in the visible document is the issuer in the signed data. Works offline.
 */
export function checkSignature(credential: AnyCredential): CheckResult {
  const { proof } = credential;
  if (credential.issuer.id !== issuerDid(proof.chainId, proof.issuer)) {
    return checkResult("SIGNATURE", "INVALID", "SIGNATURE_ISSUER_MISMATCH", {}, {
      documentIssuer: credential.issuer.id,
      proofIssuer: proof.issuer,
    });
  }
  let recovered: string;
  try {
    recovered = recoverBatchSigner(proof);
  } catch {
    return checkResult("SIGNATURE", "INVALID", "SIGNATURE_MALFORMED");
  }
  if (checksumAddress(recovered) !== checksumAddress(proof.signer)) {
    return checkResult("SIGNATURE", "INVALID", "SIGNATURE_SIGNER_MISMATCH", { signer: proof.signer }, {
      signer: proof.signer,
      recovered,
    });
  }
  return checkResult("SIGNATURE", "VALID", "OK", { signer: proof.signer }, { signer: proof.signer });
}
