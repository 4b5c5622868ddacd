import { PROOF_TYPE, type CredentialProof } from "../Credential";

/**
 * An export's `proof` (SPEC §10): not a new signature but the credential as held, which is what a verifier checks,
 * named by the did:pkh of the key that signed its batch.
 */
export interface VcProof<Original> {
  type: typeof PROOF_TYPE;
  proofPurpose: "assertionMethod";
  verificationMethod: string;
  originalCredential: Original;
}

export function vcProof<Original extends { proof: Pick<CredentialProof, "chainId" | "signer"> }>(original: Original): VcProof<Original> {
  return {
    type: PROOF_TYPE,
    proofPurpose: "assertionMethod",
    verificationMethod: `did:pkh:eip155:${original.proof.chainId}:${original.proof.signer}`,
    originalCredential: original,
  };
}
