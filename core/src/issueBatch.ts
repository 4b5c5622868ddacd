import type { ContractTransactionReceipt } from "ethers";
import { buildBatchManifest } from "./buildBatchManifest";
import { buildCredential, type IssuerProfile } from "./buildCredential";
import type { ChainWriter } from "./chain/ChainWriter";
import type { ContentStore } from "./content/ContentStore";
import type { Credential } from "./Credential";
import type { AnyUnsignedCredential } from "./kinds/AnyCredential";
import type { GraduateRecord } from "./GraduateRecord";
import { signBatch, type SignedBatch, type TypedDataSigner } from "./signBatch";
import { wrapBatch, type WithProof } from "./wrapBatch";

export interface IssueBatchOptions {
  /** Who issues, on which chain: the registry's issuer id and names, and its domain for `issuer.url`. */
  issuer: IssuerProfile;
  /** The CredentialAnchor the batch is signed for and anchored in. */
  anchor: string;
  /** The issuer's signing key (its address must be authorised for the issuer). */
  signer: TypedDataSigner & { address: string };
  /** Sends the anchoring transaction from `signer`. */
  writer: Pick<ChainWriter, "anchorBatch">;
  /** Where the batch manifest goes; its CID is anchored with the root. */
  store: ContentStore;
  /** Blocks to wait for after the anchoring transaction (default 1). */
  confirmations?: number;
  /** Called once per credential built, for progress. */
  onCredentialBuilt?(): void;
  /**
   * Called with the signed batch after its manifest is stored and before the root is anchored: an app stages the
   * credential files here and releases them only once issueBatch resolves, so a failed anchoring leaves no file that
   * looks like a valid credential.
   */
  beforeAnchor?(batch: SignedBatch): void | Promise<void>;
}

export interface IssuedBatch<C = Credential> {
  batch: SignedBatch<C>;
  manifestCid: string;
  transaction: string;
  blockNumber: number;
}

/**
 * Issues one batch (SPEC §4–§7): builds a credential per graduate, salts and hashes every claim, builds the tree,
 * signs the root, stores the batch manifest and anchors the root, waiting for the receipt. Writing the credential
 * files is the caller's (`beforeAnchor` and the result): the CLI and `npm start` both issue through here. A revert
 * rejects with the node's error (decode it with `decodeRevert`).
 */
export async function issueBatch(records: readonly GraduateRecord[], options: IssueBatchOptions): Promise<IssuedBatch> {
  const unsigned = records.map((record) => {
    const credential = buildCredential(record, options.issuer);
    options.onCredentialBuilt?.();
    return credential;
  });
  return issueCredentials(unsigned, options);
}

/**
 * issueBatch for credentials already built, of any kind (SPEC §12): a transcript or letter batch is salted, hashed,
 * signed, stored and anchored exactly as an award batch.
 */
export async function issueCredentials<U extends AnyUnsignedCredential>(
  unsigned: readonly U[],
  options: Omit<IssueBatchOptions, "onCredentialBuilt" | "beforeAnchor"> & { beforeAnchor?(batch: SignedBatch<WithProof<U>>): void | Promise<void> },
): Promise<IssuedBatch<WithProof<U>>> {
  const { issuer, anchor, signer } = options;
  const wrapped = wrapBatch(unsigned, { chainId: issuer.chainId, anchor, issuer: issuer.id, signer: signer.address });
  const batch = await signBatch(wrapped, signer);
  const manifest = buildBatchManifest({ chainId: issuer.chainId, anchor, issuer: issuer.id, signer: signer.address, root: batch.root, leaves: batch.leaves });
  const manifestCid = await options.store.put(manifest);
  await options.beforeAnchor?.(batch);
  const transaction = await options.writer.anchorBatch(batch.root, batch.count, manifestCid, batch.signature);
  const receipt = (await transaction.wait(options.confirmations ?? 1)) as ContractTransactionReceipt;
  return { batch, manifestCid, transaction: transaction.hash, blockNumber: receipt.blockNumber };
}
