import { buildCredential } from "../../../core/src/buildCredential";
import { ISSUER, RECORD } from "./records";
/** A schema-valid credential whose hashes are placeholders: for schema tests, not for integrity tests. */
export function sampleCredential(): Record<string, unknown> & { proof: Record<string, unknown>; credentialSubject: Record<string, unknown> } {
  const h = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;
  return {
    ...(buildCredential(RECORD, ISSUER, { id: "urn:uuid:5b0e9a4e-1b7e-4c49-9f37-2b1c1e8e3c11" }) as Record<string, unknown> & {
      credentialSubject: Record<string, unknown>;
    }),
    proof: {
      type: "CredAnchorMerkleProof2026",
      chainId: 31337,
      anchor: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      issuer: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      signer: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      merkleRoot: h(1),
      batchSize: 2,
      leafIndex: 0,
      merkleProof: [h(2)],
      signature: `0x${"ab".repeat(65)}`,
      salts: { "/id": h(3), "/credentialSubject/gpa": h(4) },
    },
  };
}
