import { getAddress } from "ethers";
import { isBytes32Hex } from "./bytes32";
import { MerkleTreeError } from "./errors";
import { sortBatchLeaves } from "./merkle";

export const BATCH_MANIFEST_TYPE = "CredAnchorBatchManifest";
/** Version 2 is the first one SPEC §7.1 defines; earlier manifests had two layouts and are not specified. */
export const BATCH_MANIFEST_VERSION = 2;

export interface BatchManifestInput {
  chainId: number;
  anchor: string;
  issuer: string;
  signer: string;
  root: string;
  /** The batch's leaves in any order: the manifest lists them ascending, the tree's order. */
  leaves: readonly string[];
}

/**
 * The bytes of a batch manifest (SPEC §7.1), whose CID is anchored with the batch: the RFC 8785 form of
 * `{ anchor, chainId, count, issuer, leaves, root, signer, type, version }`. It is a pure function of the batch —
 * no clock, no input order — so every issuer (CLI, service, bench) writes the same bytes and CID for the same batch,
 * and an auditor who fetched a manifest can rebuild it from its fields to check it is in this form. Every value is
 * ASCII without characters JSON escapes, so the canonical text is written directly: JCS of 262,144 leaves through
 * the generic canonicaliser would normalise every string for nothing.
 */
export function buildBatchManifest(input: BatchManifestInput): Uint8Array<ArrayBuffer> {
  const { chainId, leaves } = input;
  if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new RangeError(`chainId must be a positive integer, got ${chainId}`);
  const sorted = sortBatchLeaves(leaves);
  if (!isBytes32Hex(input.root)) {
    throw new MerkleTreeError("The root is not 32 bytes of lowercase hex.", { code: "MERKLE_INVALID_LEAF", details: { leaf: input.root } });
  }
  const text =
    `{"anchor":"${getAddress(input.anchor)}","chainId":${chainId},"count":${sorted.length},"issuer":"${getAddress(input.issuer)}",` +
    `"leaves":["${sorted.join('","')}"],"root":"${input.root}","signer":"${getAddress(input.signer)}",` +
    `"type":"${BATCH_MANIFEST_TYPE}","version":${BATCH_MANIFEST_VERSION}}`;
  return new TextEncoder().encode(text);
}
