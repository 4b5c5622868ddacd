/** A schema-valid credential whose hashes are placeholders: for schema tests, not for integrity tests. */
export function sampleCredential(): Record<string, unknown> & { proof: Record<string, unknown>; credentialSubject: Record<string, unknown> } {
  const h = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: "urn:uuid:5b0e9a4e-1b7e-4c49-9f37-2b1c1e8e3c11",
    type: ["VerifiableCredential", "OpenBadgeCredential", "DegreeCredential"],
    issuer: {
      id: "did:pkh:eip155:31337:0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      type: ["Profile"],
      name: { en: "Harbour University", "zh-Hant": "海港大學" },
      url: "https://harbour.example.edu",
    },
    validFrom: "2026-06-30T00:00:00Z",
    validUntil: "2031-06-30T23:59:59Z",
    credentialSubject: {
      type: ["AchievementSubject"],
      studentId: "HU2026001",
      name: { en: "Chan Tai Man", "zh-Hant": "陳大文" },
      degree: { en: "Bachelor of Science", "zh-Hant": "理學士" },
      major: { en: "Chemistry", "zh-Hant": "化學" },
      honours: { en: "First Class Honours", "zh-Hant": "一級榮譽" },
      awardDate: "2026-06-30",
      gpa: 3.61,
      dateOfBirth: "2003-04-01",
    },
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
