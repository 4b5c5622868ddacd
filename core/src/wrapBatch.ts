import { getAddress } from "ethers";
import { batchTypedData, type BatchTypedData } from "./batchTypedData";
import type { Credential, CredentialProof } from "./Credential";
import { PROOF_TYPE } from "./Credential";
import type { AnyUnsignedCredential } from "./kinds/AnyCredential";
import { digestClaimHashes } from "./digestClaimHashes";
import { leafFromDigest } from "./digestCredential";
import { hexOfBytes32List } from "./bytes32";
import { IssuanceError } from "./errors";
import { secureRandomBytes, type RandomBytes } from "./generateSalt";
import { hashGeneratedClaim } from "./hashClaim";
import type { Hex } from "./hex";
import { listClaims, type ClaimValue } from "./listClaims";
import { buildMerkleTree } from "./buildMerkleTree";

export interface BatchContext {
  chainId: number;
  anchor: string;
  issuer: string;
  signer: string;
}

/** A credential of kind U with its proof. */
export type WithProof<U> = U & { proof: CredentialProof };

export interface WrappedBatch<C = Credential> {
  root: Hex;
  count: number;
  /** Leaf of each credential, in input order (the tree itself sorts them). */
  leaves: Hex[];
  /** Checksummed address expected to sign (signBatch checks it). */
  signer: string;
  typedData: BatchTypedData;
  /** Input order; each with a complete proof except `signature: "0x"`. */
  credentials: C[];
}

/**
 * Draws a salt for every claim of one credential and computes its leaf (SPEC §4–§5), each claim hashed once: the
 * per-credential half of `wrapBatch`, exported for issuers that hash credentials on several threads.
 */
export function saltClaims(credential: AnyUnsignedCredential, randomBytes: RandomBytes = secureRandomBytes): { salts: Record<string, string>; leaf: Hex } {
  const claims = listClaims(credential);
  const pool = randomBytes === secureRandomBytes ? securePool(32 * claims.length) : randomBytes(32 * claims.length);
  if (pool.length !== 32 * claims.length) throw new RangeError("random source returned too few bytes");
  // One conversion for all salts: each salt's text is a slice of one string, its bytes a view of one buffer.
  const { ascii, text } = hexOfBytes32List(pool);
  const salts: Record<string, string> = {};
  const pointers: string[] = [];
  const hashes: Uint8Array[] = [];
  for (let i = 0; i < claims.length; i++) {
    const { pointer, value } = claims[i] as { pointer: string; value: ClaimValue };
    const salt = text.slice(66 * i, 66 * i + 66);
    salts[pointer] = salt;
    pointers.push(pointer);
    hashes.push(hashGeneratedClaim(pointer, ascii.subarray(66 * i, 66 * i + 66), salt, value));
  }
  return { salts, leaf: leafFromDigest(digestClaimHashes(pointers, hashes)) };
}

/**
 * Secure random bytes drawn 16 KiB at a time: one CSPRNG call per credential costs more than hashing its claims.
 * Every byte is used once; the pool is refilled, never reused.
 */
let poolBytes: Uint8Array = new Uint8Array(0);
let poolOffset = 0;
function securePool(length: number): Uint8Array {
  if (length > 16_384) return secureRandomBytes(length);
  if (poolOffset + length > poolBytes.length) {
    poolBytes = secureRandomBytes(16_384);
    poolOffset = 0;
  }
  const out = poolBytes.subarray(poolOffset, poolOffset + length);
  poolOffset += length;
  return out;
}

/**
 * Salts every claim of every credential, computes digests and leaves (each claim hashed once), builds the batch
 * tree and attaches each credential's proof. Credentials share their unchanged members with the input objects.
 * Throws if a credential names another issuer or two credentials have the same leaf (MERKLE_DUPLICATE_LEAF).
 */
export function wrapBatch<U extends AnyUnsignedCredential>(
  credentials: readonly U[],
  context: BatchContext,
  options: { randomBytes?: RandomBytes } = {},
): WrappedBatch<WithProof<U>> {
  const randomBytes = options.randomBytes ?? secureRandomBytes;
  const anchor = getAddress(context.anchor);
  const issuer = getAddress(context.issuer);
  const signer = getAddress(context.signer);
  const issuerDid = `did:pkh:eip155:${context.chainId}:${issuer}`;

  const leaves: Hex[] = [];
  const saltsOf: Record<string, string>[] = [];
  credentials.forEach((credential, index) => {
    if (credential.issuer.id !== issuerDid) {
      throw new IssuanceError(`Credential ${index} is not issued by ${issuerDid}.`, {
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
  const wrapped = credentials.map((credential, index): WithProof<U> => {
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
