import { decodeRlp, encodeRlp, getAddress, hexlify, isBytesLike, zeroPadValue } from "ethers";

/**
 * The genesis `extraData` of a Besu QBFT network whose validators are chosen by block header votes.
 *
 * Besu's `QbftExtraDataCodec.encodeFromAddresses` (consensus/qbft, the codec behind `besu operator
 * generate-blockchain-config` and `besu rlp encode --type=QBFT_EXTRA_DATA`) writes
 * `RLP([vanity, [validator, …], vote, round, [seal, …]])` with a 32-byte zero vanity, no vote (an empty list), round
 * 0 as a minimal RLP scalar (the empty string, 0x80) and no seals (an empty list). That is not IBFT 2.0's layout,
 * whose round is a 4-byte integer (0x8400000000). The example genesis in Besu's "Configure QBFT consensus" page ends
 * in exactly `c080c0`, which our test reproduces byte for byte.
 */
export function encodeQbftExtraData(validators: readonly string[]): string {
  return encodeRlp([zeroPadValue("0x", 32), validators.map((validator) => getAddress(validator).toLowerCase()), [], "0x", []]);
}

export interface QbftExtraData {
  vanity: string;
  validators: string[];
  vote: unknown[];
  round: number;
  seals: string[];
}

/** Decodes QBFT extraData back into its five fields; throws if the structure is not Besu's. */
export function decodeQbftExtraData(extraData: string): QbftExtraData {
  const decoded = decodeRlp(extraData);
  if (!Array.isArray(decoded) || decoded.length !== 5) throw new Error("QBFT extraData must be an RLP list of 5 items");
  const [vanity, validators, vote, round, seals] = decoded;
  if (typeof vanity !== "string" || hexlify(vanity).length !== 66) throw new Error("QBFT vanity must be 32 bytes");
  if (!Array.isArray(validators) || !validators.every((v) => typeof v === "string" && isBytesLike(v) && v.length === 42)) {
    throw new Error("QBFT validators must be a list of 20-byte addresses");
  }
  if (!Array.isArray(vote)) throw new Error("QBFT vote must be a list");
  if (typeof round !== "string") throw new Error("QBFT round must be a scalar");
  if (!Array.isArray(seals)) throw new Error("QBFT seals must be a list");
  return {
    vanity,
    validators: validators.map((v) => getAddress(v as string)),
    vote,
    round: round === "0x" ? 0 : Number(BigInt(round)),
    seals: seals as string[],
  };
}
