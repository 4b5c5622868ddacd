import { digestCredential, parseCredential, verifyMerkleProof, type Credential } from "@credanchor/core/protocol";
import { recordOfCredential } from "@credanchor/core/issue";
import type { ServiceContext } from "../ServiceContext";
import { BadRequestError } from "../errors";
import { importBatch } from "./importBatch";

/** What is wrong with the `index`-th credential of an import, as the 400 names it. */
function refused(index: number, message: string): BadRequestError {
  return new BadRequestError("INVALID_REQUEST", { details: [{ field: `body.credentials[${index}]`, message }] });
}

/**
 * Takes in a batch issued with `credanchor issue` from its credential files (every file of the batch, with all
 * claims): each must be a well-formed credential of one root, signer and issuer, in the tree at its own index; the
 * records are read back from the claims, and importBatch then checks the batch against the chain.
 */
export async function importCredentials(ctx: ServiceContext, universityId: string, request: { label: string; credentials: readonly unknown[] }): Promise<string> {
  const parsed: { credential: Credential; leaf: string }[] = request.credentials.map((value, index) => {
    try {
      const credential = parseCredential(JSON.stringify(value));
      return { credential, leaf: digestCredential(credential).leaf };
    } catch (error) {
      throw refused(index, error instanceof Error ? error.message : String(error));
    }
  });
  const first = parsed[0]!.credential.proof;
  parsed.forEach(({ credential, leaf }, index) => {
    const { proof } = credential;
    if (
      proof.merkleRoot !== first.merkleRoot ||
      proof.issuer !== first.issuer ||
      proof.signer !== first.signer ||
      proof.batchSize !== first.batchSize ||
      proof.anchor !== first.anchor ||
      proof.chainId !== first.chainId
    ) {
      throw refused(index, "belongs to another batch than the first credential");
    }
    if (!verifyMerkleProof({ root: proof.merkleRoot, leaf, proof: proof.merkleProof, leafIndex: proof.leafIndex, batchSize: proof.batchSize })) {
      throw refused(index, "is not in its batch's tree at its index (altered, or not a full credential)");
    }
  });
  if (first.chainId !== ctx.chain.deployment.chainId) {
    throw refused(0, `was anchored on chain ${first.chainId}, not on this service's chain ${ctx.chain.deployment.chainId}`);
  }
  const byIndex = [...parsed].sort((a, b) => a.credential.proof.leafIndex - b.credential.proof.leafIndex);
  if (byIndex.length !== first.batchSize || byIndex.some(({ credential }, position) => credential.proof.leafIndex !== position)) {
    throw refused(0, `the batch has ${first.batchSize} credentials: send each exactly once`);
  }
  const records = byIndex.map(({ credential }, index) => {
    try {
      return recordOfCredential(credential);
    } catch (error) {
      throw refused(index, error instanceof Error ? error.message : String(error));
    }
  });
  return importBatch(ctx, {
    universityId,
    label: request.label,
    records,
    credentials: byIndex.map(({ credential }) => credential),
    leaves: byIndex.map(({ leaf }) => leaf),
    root: first.merkleRoot,
    signer: first.signer,
    signature: first.signature,
    anchor: first.anchor,
  });
}
