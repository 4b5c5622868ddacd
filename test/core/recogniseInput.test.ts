import { expect } from "chai";
import { recogniseInput } from "../../core/src/recogniseInput";

describe("recogniseInput (what was dropped on the verifier)", () => {
  const cases: [string, unknown][] = [
    ["credential", { type: ["VerifiableCredential", "OpenBadgeCredential", "DegreeCredential"], proof: { type: "CredAnchorMerkleProof2026" } }],
    ["credential", { type: ["VerifiableCredential", "OpenBadgeCredential", "DegreeCredential"] }],
    ["vcExport", { credentialSubject: {}, proof: { type: "DataIntegrityProof", originalCredential: {} } }],
    ["batchReport", { root: `0x${"ab".repeat(32)}`, count: 2, credentialIds: ["urn:uuid:1", "urn:uuid:2"] }],
    ["batchManifest", { type: "CredAnchorBatchManifest", version: 2, leaves: [] }],
    ["openCerts", { version: "https://schema.openattestation.com/2.0/schema.json", data: {}, signature: { type: "SHA3MerkleProof" } }],
    ["openCerts", { data: {}, signature: { type: "SHA3MerkleProof", targetHash: "00" } }],
    ["openCerts", { "@context": ["https://www.w3.org/2018/credentials/v1", "https://schemata.openattestation.com/com/openattestation/1.0/OpenAttestation.v3.json"] }],
    ["blockcerts", { "@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/blockcerts/v3"], proof: { type: "MerkleProof2019" } }],
    ["blockcerts", { "@context": "https://w3id.org/openbadges/v2", signature: { type: "MerkleProof2017" } }],
    ["otherJson", { name: "Chan Tai Man" }],
    ["otherJson", [1, 2, 3]],
    ["otherJson", "a string"],
  ];
  for (const [kind, document] of cases) {
    it(`${kind}: ${JSON.stringify(document).slice(0, 70)}`, () => {
      expect(recogniseInput(JSON.stringify(document))).to.equal(kind);
    });
  }

  it("notJson for text that is no JSON at all", () => {
    expect(recogniseInput("Chan Tai Man, BSc Chemistry")).to.equal("notJson");
    expect(recogniseInput("")).to.equal("notJson");
  });
});
