import { getAddress } from "ethers";
import { batchTypedData, type BatchTypedData } from "./batchTypedData";
import type { Credential, UnsignedCredential } from "./Credential";
import { PROOF_TYPE } from "./Credential";
import { digestClaimHashes } from "./digestClaimHashes";
import { leafFromDigest } from "./digestCredential";
import { BaseError } from "./errors";
import { secureRandomBytes, type RandomBytes } from "./generateSalt";
import { hashClaim } from "./hashClaim";
import { bytesToHex, type Hex } from "./hex";
import { listClaims } from "./listClaims";
import { buildMerkleTree } from "./merkle";

export interface BatchContext {
  chainId: number;
  anchor: string;
  issuer: string;
  signer: string;
}

export interface WrappedBatch {
  root: Hex;
  count: number;
  /** Leaf of each credential, in input order (the tree itself sorts them). */
  leaves: Hex[];
  /** Checksummed address expected to sign (signBatch checks it). */
  signer: string;
  typedData: BatchTypedData;
  /** Input order; each with a complete proof except `signature: "0x"`. */
  credentials: Credential[];
}

/**
 * Draws a salt for every claim of one credential and computes its leaf (SPEC §4–§5), each claim hashed once: the
 * per-credential half of `wrapBatch`, exported for issuers that hash credentials on several threads.
 */
export function saltClaims(credential: UnsignedCredential, randomBytes: RandomBytes = secureRandomBytes): { salts: Record<string, string>; leaf: Hex } {
  const claims = listClaims(credential);
  // One call per credential: far cheaper than one CSPRNG call per salt, and the same byte stream.
  const pool = randomBytes(32 * claims.length);
  if (pool.length !== 32 * claims.length) throw new RangeError("random source returned too few bytes");
  const salts: Record<string, string> = {};
  const pointers: string[] = [];
  const hashes = claims.map(({ pointer, value }, i) => {
    const salt = bytesToHex(pool.subarray(32 * i, 32 * i + 32));
    salts[pointer] = salt;
    pointers.push(pointer);
    return hashClaim(pointer, salt, value);
  });
  return { salts, leaf: leafFromDigest(digestClaimHashes(pointers, hashes)) };
}

/**
 * Salts every claim of every credential, computes digests and leaves (each claim hashed once), builds the batch
 * tree and attaches each credential's proof. Credentials share their unchanged members with the input objects.
 * Throws if a credential names another issuer or two credentials have the same leaf (MERKLE_DUPLICATE_LEAF).
 */
export function wrapBatch(
  credentials: readonly UnsignedCredential[],
  context: BatchContext,
  options: { randomBytes?: RandomBytes } = {},
): WrappedBatch {
  const randomBytes = options.randomBytes ?? secureRandomBytes;
  const anchor = getAddress(context.anchor);
  const issuer = getAddress(context.issuer);
  const signer = getAddress(context.signer);
  const issuerDid = `did:pkh:eip155:${context.chainId}:${issuer}`;

  const leaves: Hex[] = [];
  const saltsOf: Record<string, string>[] = [];
  credentials.forEach((credential, index) => {
    if (credential.issuer.id !== issuerDid) {
      throw new BaseError(`Credential ${index} is not issued by ${issuerDid}.`, {
        code: "WRAP_ISSUER_MISMATCH",
        details: { index, issuer: credential.issuer.id, expected: issuerDid },
      });
    }
    const { salts, leaf } = saltClaims(credential, randomBytes);
    saltsOf.push(salts);
    leaves.push(leaf);
  });

  const tree = buildMerkleTree(leaves);
  const count = leaves.length;
  const wrapped = credentials.map((credential, index): Credential => {
    const leafIndex = tree.indexOf(leaves[index] as Hex);
    return {
      ...credential,
      proof: {
        type: PROOF_TYPE,
        chainId: context.chainId,
        anchor,
        issuer,
        signer,
        merkleRoot: tree.root,
        batchSize: count,
        leafIndex,
        merkleProof: tree.proof(leafIndex),
        signature: "0x",
        salts: saltsOf[index] as Record<string, string>,
      },
    };
  });
  return {
    root: tree.root,
    count,
    leaves,
    signer,
    typedData: batchTypedData({ chainId: context.chainId, anchor, issuer, root: tree.root, count }),
    credentials: wrapped,
  };
}
