import { getAddress, type TypedDataDomain, type TypedDataField } from "ethers";
import { batchDigest } from "./batchDigest";
import { checksumAddress } from "./checksumAddress";
import type { CredentialProof } from "./Credential";
import { SignatureError } from "./errors";
import { bytesToHex, type Hex } from "./hex";
import { keccak256 } from "./keccak256";
import { recoverPublicKey } from "./recoverPublicKey";

/** secp256k1 group order n / 2: a signature with s above it is the malleable twin of a low-s one. */
const HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;
const SIGNATURE = /^0x[0-9a-f]{130}$/;

export interface BatchTypedData {
  domain: TypedDataDomain & { name: string; version: string; chainId: number; verifyingContract: string };
  types: Record<string, TypedDataField[]>;
  primaryType: "Batch";
  message: { issuer: string; root: string; count: number };
}

/**
 * EIP-712 data of SPEC §7, exactly what CredentialAnchor.batchDigest hashes. `types` omits EIP712Domain, as
 * ethers' signTypedData/verifyTypedData expect.
 */
export function batchTypedData(input: { chainId: number; anchor: string; issuer: string; root: string; count: number }): BatchTypedData {
  return {
    domain: { name: "CredAnchor", version: "2", chainId: input.chainId, verifyingContract: getAddress(input.anchor) },
    types: {
      Batch: [
        { name: "issuer", type: "address" },
        { name: "root", type: "bytes32" },
        { name: "count", type: "uint256" },
      ],
    },
    primaryType: "Batch",
    message: { issuer: getAddress(input.issuer), root: input.root, count: input.count },
  };
}

/**
 * The address that signed a credential's batch. Rejects (SignatureError SIGNATURE_MALFORMED) what OpenZeppelin's ECDSA
 * would reject on chain: not 65 bytes, v other than 27/28, or high s, which ethers would silently normalise.
 */
export function recoverBatchSigner(
  proof: Pick<CredentialProof, "chainId" | "anchor" | "issuer" | "merkleRoot" | "batchSize" | "signature">,
): string {
  const malformed = (reason: string) => new SignatureError(`Malformed batch signature: ${reason}.`, { code: "SIGNATURE_MALFORMED", details: { reason } });
  if (!SIGNATURE.test(proof.signature)) throw malformed("not 65 bytes of lowercase hex");
  const s = BigInt(`0x${proof.signature.slice(66, 130)}`);
  const v = parseInt(proof.signature.slice(130), 16);
  if (v !== 27 && v !== 28) throw malformed("v is not 27 or 28");
  if (s === 0n || s > HALF_ORDER) throw malformed("s is zero or not in the lower half of the curve order");
  const data = batchTypedData({ chainId: proof.chainId, anchor: proof.anchor, issuer: proof.issuer, root: proof.merkleRoot, count: proof.batchSize });
  try {
    // What ethers' verifyTypedData does: the address of the key that signed the EIP-712 digest (the recovery itself
    // native when registered, see recoverPublicKey).
    const publicKey = recoverPublicKey(batchDigest(data), proof.signature as Hex);
    return checksumAddress(bytesToHex(keccak256(publicKey.subarray(1)).subarray(12)));
  } catch (cause) {
    throw new SignatureError("Malformed batch signature: no public key recovers.", { code: "SIGNATURE_MALFORMED", details: { reason: "unrecoverable" }, cause });
  }
}
