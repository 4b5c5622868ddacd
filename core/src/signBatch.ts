import { getAddress, type TypedDataDomain, type TypedDataField } from "ethers";
import { recoverBatchSigner } from "./batchTypedData";
import { IssuanceError } from "./errors";
import type { Hex } from "./hex";
import type { Credential, CredentialProof } from "./Credential";
import type { WrappedBatch } from "./wrapBatch";

export interface TypedDataSigner {
  signTypedData(domain: TypedDataDomain, types: Record<string, TypedDataField[]>, value: Record<string, unknown>): Promise<string>;
}

export interface SignedBatch<C = Credential> extends WrappedBatch<C> {
  signature: Hex;
}

/**
 * Signs the batch's typed data once and puts the signature into every credential. The signature is checked the way
 * a verifier will check it (low s, recovers to the batch's signer) so a wrong key or a remote signer's mistake
 * never reaches the chain or a graduate.
 */
export async function signBatch<C extends { proof: CredentialProof }>(batch: WrappedBatch<C>, signer: TypedDataSigner): Promise<SignedBatch<C>> {
  const { domain, types, message } = batch.typedData;
  const signature = (await signer.signTypedData(domain, types, message)).toLowerCase() as Hex;
  const recovered = recoverBatchSigner({
    chainId: domain.chainId,
    anchor: domain.verifyingContract,
    issuer: message.issuer,
    merkleRoot: message.root,
    batchSize: message.count,
    signature,
  });
  if (getAddress(recovered) !== getAddress(batch.signer)) {
    throw new IssuanceError("The batch was signed by another key than the batch's signer.", {
      code: "SIGN_SIGNER_MISMATCH",
      details: { expected: batch.signer, recovered },
    });
  }
  return {
    ...batch,
    signature,
    credentials: batch.credentials.map((credential) => ({ ...credential, proof: { ...credential.proof, signature } })),
  };
}
