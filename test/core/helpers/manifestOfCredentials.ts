import { buildBatchManifest } from "../../../core/src/buildBatchManifest";
import type { Credential } from "../../../core/src/Credential";
import { digestCredential } from "../../../core/src/digestCredential";
import { parseCredential } from "../../../core/src/parseCredential";

/**
 * The manifest SPEC §7.1 prescribes for a batch, rebuilt from every credential of that batch as files (as a third
 * party would): the leaves are recomputed from the content, the other fields read from the proofs. An issuer that
 * wrote anything else for the same batch — a clock, another order — fails the comparison.
 */
export function manifestOfCredentials(texts: readonly string[]): Uint8Array {
  const credentials: Credential[] = texts.map((text) => parseCredential(text));
  const proof = credentials[0]?.proof;
  if (proof === undefined) throw new Error("no credentials");
  if (credentials.length !== proof.batchSize) throw new Error(`batch has ${proof.batchSize} credentials, got ${credentials.length}`);
  return buildBatchManifest({
    chainId: proof.chainId,
    anchor: proof.anchor,
    issuer: proof.issuer,
    signer: proof.signer,
    root: proof.merkleRoot,
    leaves: credentials.map((credential) => digestCredential(credential).leaf),
  });
}
