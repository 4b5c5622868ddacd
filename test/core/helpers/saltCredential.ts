import type { Credential, UnsignedCredential } from "../../../core/src/Credential";
import { generateSalt } from "../../../core/src/generateSalt";
import { listClaims } from "../../../core/src/listClaims";
import { seededRandom } from "./seededRandom";

/** Adds salts and a placeholder proof (no tree, no signature): enough for digest and disclosure tests. */
export function saltCredential(unsigned: UnsignedCredential, seed = "test"): Credential {
  const random = seededRandom(seed);
  const salts: Record<string, string> = {};
  for (const { pointer } of listClaims(unsigned)) salts[pointer] = generateSalt(random);
  return {
    ...structuredClone(unsigned),
    proof: {
      type: "CredAnchorMerkleProof2026",
      chainId: 31337,
      anchor: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      issuer: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      signer: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      merkleRoot: `0x${"00".repeat(32)}`,
      batchSize: 1,
      leafIndex: 0,
      merkleProof: [],
      signature: "0x",
      salts,
    },
  };
}
